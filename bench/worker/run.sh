#!/usr/bin/env bash
# Queue and worker benchmark on a throwaway durable cluster of its own; prints a table of medians
# of 3 runs (bench/worker/RESULTS.md keeps a copy). Not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/worker/bench.py "$@"
