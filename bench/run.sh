#!/usr/bin/env bash
# `make bench`: every area's benchmark, each standalone (its own throwaway cluster), one after
# the other so they do not compete for the cores. Figures are medians of repeated runs.
set -euo pipefail
cd "$(dirname "$0")"
status=0
for script in */run.sh; do
  echo "== ${script%/run.sh}"
  bash "$script" || status=1
  echo
done
exit $status
