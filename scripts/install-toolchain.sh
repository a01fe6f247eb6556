#!/usr/bin/env bash
# Install what the project needs, idempotently: Debian packages, pgvector, the Python venv.
# A run with everything in place only checks (well under 5 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  postgresql-15 postgresql-contrib postgresql-15-cron postgresql-plpython3-15 postgresql-15-pgtap postgresql-15-plpgsql-check
  postgresql-15-postgis-3
  postgresql-server-dev-15 build-essential dpkg-dev
  sqitch libdbd-pg-perl libtap-parser-sourcehandler-pgtap-perl
  wrk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-toolchain: missing Debian packages (${missing[*]}); run as root to install them" >&2
    exit 1
  fi
  echo "install-toolchain: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Installing postgresql-15 on Debian creates and starts a system cluster we never use.
  mkdir -p /etc/postgresql-common
  grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
    || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$root/scripts/install-pgvector.sh"
"$root/scripts/install-python.sh"
"$root/scripts/install-web.sh"
"$root/scripts/install-js.sh"
