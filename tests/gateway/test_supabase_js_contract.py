"""supabase-js from npm (its query builder is postgrest-js) against the running gateway, driven by a
small Node script (js/contract.mjs; packages installed by scripts/install-js.sh from `make setup`):
select with filters/order/range/count, embedding, writes with returning, rpc, error objects, explain."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"


@pytest.fixture(scope="module")
def js_packages() -> Path:
    if not (JS / "node_modules" / "@supabase" / "supabase-js").is_dir():
        subprocess.run([str(JS.parents[2] / "scripts" / "install-js.sh")], check=True)
    return JS


def test_supabase_js_against_the_gateway(gateway, token, js_packages):
    node = shutil.which("node")
    assert node, "Node 20 is part of the toolchain (scripts/install-js.sh)"
    env = {**os.environ, "GW_URL": gateway.url, "GW_KEY": token("service_role")}
    run = subprocess.run([node, "contract.mjs"], cwd=js_packages, env=env, capture_output=True, text=True,
                         timeout=120)
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    failed = [r for r in results if not r["ok"]]
    assert not failed, "\n\n".join(f"{r['name']}: {r['error']}" for r in failed) + run.stderr
    assert run.returncode == 0 and len(results) == 11
