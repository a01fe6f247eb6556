#!/usr/bin/env bash
# Outreach sending benchmark on a throwaway cluster of its own: N approved e-mails of one
# unthrottled campaign sent by a real worker to a local SMTP server (aiosmtpd); messages/s,
# peak worker RSS; then tracking events recorded per second (record_tracking_event). Not a test.
#   bench/outreach/run.sh [N]   (10000 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/outreach/bench.py "$@"
