#!/usr/bin/env bash
# The project's virtual environment in .venv, rebuilt only when pyproject.toml changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
stamp="$venv/.pyproject.sha256"
want=$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
echo "install-python: preparing $venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip >/dev/null
"$venv/bin/pip" install -q -e "$root[dev]" 2> >(grep -vE "is ignored: it is neither|^ *$" >&2)
echo "$want" > "$stamp"
