#!/usr/bin/env bash
# Build pgvector for PostgreSQL 15 from Debian's own source package (bookworm does not
# package it). The deb-src mirror is read from this machine's apt sources at run time, and
# apt's state for it lives under .avenir/apt so the system's package lists stay untouched.
set -euo pipefail
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
want=${PGVECTOR_VERSION:-0.8.0}
control="$("$PG_CONFIG" --sharedir)/extension/vector.control"

if [ -f "$control" ] && grep -q "default_version = '$want'" "$control"; then
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.avenir/apt"
mkdir -p "$work/lists/partial" "$work/build"

# The first Debian mirror the machine already uses (deb822 or one-line format).
mirror=$(
  { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' || true
    grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/^deb (\[[^]]*\] )?//' | awk '{print $1}' || true
  } | grep -E '/debian/?$' | head -n 1 || true
)
if [ -z "$mirror" ]; then
  echo "install-pgvector: no Debian mirror found in /etc/apt/sources*; cannot fetch the pgvector source" >&2
  exit 1
fi

cat > "$work/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
LIST
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$work/lists" -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" update -qq
cd "$work/build"
rm -rf pgvector-*/
apt-get "${apt_opts[@]}" source --download-only -qq "pgvector=$want-*" 2>/dev/null \
  || apt-get "${apt_opts[@]}" source --download-only -qq pgvector
dpkg-source -x --no-check pgvector_*.dsc >/dev/null
src=$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
make -s -C "$src" PG_CONFIG="$PG_CONFIG" >/dev/null
make -s -C "$src" PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "install-pgvector: pgvector $(sed -n "s/default_version = '\(.*\)'/\1/p" "$control") installed"
