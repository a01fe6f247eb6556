#!/usr/bin/env bash
# Gateway vs direct psycopg vs pgbench, side by side (figures: bench/gateway/RESULTS.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec "$root/.venv/bin/python" "$root/bench/gateway/run.py" "$@"
