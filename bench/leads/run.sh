#!/usr/bin/env bash
# submit_lead (one call) against the bare three inserts as one statement, pgbench at 16 clients,
# synchronous_commit on, on a throwaway durable cluster. Prints both TPS and the ratio.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../../.venv/bin/python" "$here/bench.py" "$@"
