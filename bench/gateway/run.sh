#!/usr/bin/env bash
# Gateway vs direct psycopg vs pgbench, side by side (figures: bench/gateway/RESULTS.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/.venv/bin/python" "$root/bench/gateway/run.py" "$@"
# The aims of issue 11 §2: ratios to pgbench in the same run, gateway CPU per request, RSS over 60 s.
exec "$root/.venv/bin/python" "$root/bench/gateway/aims.py"
