#!/usr/bin/env bash
# The npm packages of the supabase-js contract test (tests/gateway/js/package.json), installed from
# the npm registry with npm (versions pinned in package.json; no lock file, which would name the
# registry host); quick when they are present. Node itself comes with the machine (Node 20).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/tests/gateway/js"
if ! command -v npm >/dev/null; then
  echo "install-js: npm is not installed; the supabase-js contract test needs Node 20 and npm" >&2
  exit 1
fi
stamp="$dir/node_modules/.avenir-installed"
if [ ! -f "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
  echo "install-js: installing the supabase-js contract test's packages"
  npm install --prefix "$dir" --no-audit --no-fund --no-package-lock --silent
  touch "$stamp"
fi
