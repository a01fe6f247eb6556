#!/usr/bin/env bash
# Prospect discovery benchmark on a throwaway cluster of its own: HNSW build, recall@10 and QPS
# against the exact scan (unfiltered and 10 %-selective), import of 100,000 rows. Not a test.
#   bench/prospects/run.sh [--sizes 35000,200000] [--builds 24:400] [--ef-search 40,100] [--float4] [--import-rows 100000]
# (--help for all; the defaults are what make bench runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/prospects/bench.py "$@"
