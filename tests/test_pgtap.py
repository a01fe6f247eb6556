"""Every pgTAP file under tests/pgtap, run by pg_prove against the test cluster."""

import os
import subprocess
from pathlib import Path

import pytest

PGTAP_FILES = sorted((Path(__file__).parent / "pgtap").glob("*.sql"))


@pytest.mark.parametrize("path", PGTAP_FILES, ids=[p.name for p in PGTAP_FILES])
def test_pgtap_file(cluster, path):
    env = {**os.environ, **cluster.libpq_env(),
           "PGOPTIONS": "-c search_path=public,tests,extensions -c client_min_messages=warning"}
    result = subprocess.run(["pg_prove", "--ext", ".sql", "--verbose", "--failures", str(path)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"pg_prove {path.name} failed:\n{result.stdout}\n{result.stderr}"


def test_pgtap_suite_is_not_empty():
    assert len(PGTAP_FILES) >= 2
