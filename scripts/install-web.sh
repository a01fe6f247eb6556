#!/usr/bin/env bash
# The web pages' toolchain, idempotently: npm (Debian's nodejs + npm when missing), the pages' npm
# dependencies in web/node_modules (rebuilt only when web/package-lock.json changes), and Debian's
# chromium for the browser tests (Playwright drives /usr/bin/chromium; it downloads no browser).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed' || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-web: missing Debian packages (${missing[*]}); run as root to install them" >&2
    exit 1
  fi
  echo "install-web: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

web="$root/web"
stamp="$web/node_modules/.package-lock.sha256"
want=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "install-web: npm ci in web/"
  # --ignore-scripts: the pages need the packages' files only; engine warnings concern Node, not browsers.
  (cd "$web" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi
