#!/usr/bin/env bash
# The dashboard's time to first render in headless Chromium with a 100k-lead tenant (median of 5),
# and the API calls per page of the lead list, on a throwaway cluster. --leads / --runs for a shorter run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
exec "$here/../../.venv/bin/python" -m web.bench "$@"
