"""The package as a user installs it: the wheel built from the sources, installed into a fresh
virtual environment outside the checkout, runs its commands and finds its SQL files (package
data) without the checkout on the path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from avenir.local import configure
from avenir.local.cluster import Cluster

CHECKOUT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "gateway", "sidecar", "python_udfs")

# Run by the installed interpreter: one named query of each loader, against the test cluster.
QUERY_EACH_LOADER = """
import os, psycopg
from psycopg.rows import dict_row
from avenir_gateway.schema_cache import QUERIES as GATEWAY
from avenir.worker.db import QUERIES as WORKER
import avenir, avenir_gateway
with psycopg.connect(os.environ["AVENIR_DB_URL"], row_factory=dict_row) as conn:
    conn.execute(WORKER["set_role"], {"role": "service_role"})
    print("worker", conn.execute(WORKER["job_channel"]).fetchone()["channel"])
    zones = conn.execute(GATEWAY["timezones"], {"schemas": ["public"]}).fetchall()
    print("gateway", "UTC" in {z["name"] for z in zones})
print("from", os.path.dirname(avenir.__file__), os.path.dirname(avenir_gateway.__file__))
"""


@dataclass(frozen=True)
class Installed:
    home: Path      # a directory outside the checkout, the commands' working directory
    bin: Path

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AVENIR_PROJECT_DIR", "AVENIR_HOME",
                                                                  "VIRTUAL_ENV")}
        return subprocess.run([str(self.bin / args[0]), *args[1:]], cwd=self.home, capture_output=True, text=True,
                              env={**clean, **(env or {})}, timeout=120)


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    home = Path(tempfile.mkdtemp(prefix="avenir-package-"))
    try:
        src = home / "src"
        for name in SOURCES:
            source = CHECKOUT / name
            if source.is_dir():
                shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            else:
                src.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, src / name)
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "wheel", "--no-deps", "-w", str(home / "dist"), str(src)], check=True,
                       capture_output=True, cwd=home)
        (wheel,) = (home / "dist").glob("avenir-*.whl")
        venv = home / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
        # Dependencies come from pip's cache: quick, and nothing of the checkout is installed.
        subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--no-compile", str(wheel)],
                       check=True, capture_output=True, cwd=home)
        shutil.rmtree(src)
        yield Installed(home, venv / "bin")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_installed_avenir_help_lists_the_commands(installed):
    result = installed.run("avenir", "--help")
    assert result.returncode == 0, result.stderr
    for command in ("up", "down", "status", "migrate", "cron", "gateway", "worker"):
        assert command in result.stdout
    assert "AVENIR_PROJECT_DIR" in result.stdout


def test_installed_avenir_gateway_help(installed):
    result = installed.run("avenir", "gateway", "--help")
    assert result.returncode == 0, result.stderr
    assert "--config" in result.stdout


def test_installed_loaders_read_their_sql_from_the_package(installed, cluster: Cluster):
    result = installed.run("python", "-c", QUERY_EACH_LOADER,
                           env={"AVENIR_DB_URL": configure.authenticator_url(cluster)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "worker avenir_jobs"
    assert lines[1] == "gateway True"
    assert str(installed.home / "venv") in lines[2] and str(CHECKOUT) not in lines[2]


def test_installed_avenir_outside_a_checkout_says_where_it_looks(installed):
    result = installed.run("avenir", "migrate", "status")
    assert result.returncode == 1
    assert "no Avenir project here" in result.stderr and "AVENIR_PROJECT_DIR" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_avenir_finds_the_project_named_by_avenir_project_dir(installed):
    result = installed.run("avenir", "migrate", "status",
                           env={"AVENIR_PROJECT_DIR": str(CHECKOUT), "AVENIR_HOME": str(installed.home / "state")})
    # The project is found; the (absent) local cluster is the next thing it needs.
    assert result.returncode == 1
    assert "the local cluster is not running" in result.stderr
    assert "Traceback" not in result.stderr


def named_query_files() -> list[tuple[str, Path]]:
    """Every `.sql` file of the avenir package that holds named queries, with its package name."""
    root = CHECKOUT / "sidecar"
    return [(".".join(path.parent.relative_to(root).parts), path) for path in sorted(root.rglob("*.sql"))
            if "-- name:" in path.read_text()]


@pytest.mark.parametrize("package, path", named_query_files(), ids=lambda v: str(v).rsplit("sidecar/", 1)[-1])
def test_every_named_query_of_the_sidecar_is_used(package, path):
    from avenir_gateway.sql_files import NamedQueries

    names = set(NamedQueries(package, path.name))
    assert names, f"{path} holds no named query"
    # A query is used by its name, quoted, in the package's code (QUERIES["x"] or db.one("x")).
    code = "\n".join(p.read_text() for p in (CHECKOUT / "sidecar" / "avenir").rglob("*.py"))
    unused = {name for name in names if f'"{name}"' not in code}
    assert not unused, f"{path.name}: unused named queries {sorted(unused)}"


def test_the_loader_refuses_a_query_defined_twice_or_without_a_statement(tmp_path, monkeypatch):
    from avenir_gateway.sql_files import NamedQueries

    package = tmp_path / "named_queries_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "good.sql").write_text("-- header\n\n-- name: one\n-- why\nselect 1;\n\n-- name: two\nselect 2\n")
    (package / "twice.sql").write_text("-- name: one\nselect 1;\n-- name: one\nselect 2;\n")
    (package / "empty.sql").write_text("-- name: one\n-- only a comment\n-- name: two\nselect 2;\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    good = NamedQueries("named_queries_probe", "good.sql")
    assert dict(good) == {"one": "-- why\nselect 1", "two": "select 2"}
    with pytest.raises(KeyError, match="no query named 'three'"):
        good["three"]
    with pytest.raises(ValueError, match="defined twice"):
        len(NamedQueries("named_queries_probe", "twice.sql"))
    with pytest.raises(ValueError, match="has no statement"):
        len(NamedQueries("named_queries_probe", "empty.sql"))
