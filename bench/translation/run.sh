#!/usr/bin/env bash
# public.translate exact and fuzzy lookups over 10,000 glossary rows (issue 12: < 2 ms each), with plans.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../../.venv/bin/python" "$here/bench.py" "$@"
