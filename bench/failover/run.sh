#!/usr/bin/env bash
# The failover pair on two throwaway durable clusters: replication check on 1 M leads (nothing
# differs / one row changed), lag under the lead-capture load, submit_lead throughput with
# synchronous vs asynchronous replication, and the time from a SIGKILL to the first lead accepted
# by the promoted failover. Options: bench.py --help (e.g. --leads 100000 for a quick run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../../.venv/bin/python" "$here/bench.py" "$@"
