#!/usr/bin/env bash
# Reply rendering + SMTP send to a local server (issue 12: >= 50 mails/s with one worker).
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python bench/mail/bench.py "${1:-300}"
