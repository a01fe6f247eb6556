#!/usr/bin/env bash
# Growth brain per client size and per 10x, the weekly all-clients run, choose_prompt_variant per
# call, on a throwaway cluster. Pass --sizes / --clients / --per-client for a shorter run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
exec "$here/../../.venv/bin/python" -m learning.bench "$@"
