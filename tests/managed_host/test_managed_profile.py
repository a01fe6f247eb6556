"""The managed-host profile: the migrations deploy where PL/Python is missing (Supabase, Neon) and
onto a cluster that already has Supabase's roles and `auth` schema, leaving those as they are.

"Missing" is real: the cluster runs from a copy of the PostgreSQL 15 installation tree without
the PL/Python files (the server finds its share/ and lib/ relative to its own binary), so
`plpython3u` is not available to it at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from avenir.local import configure, migrations
from avenir.local.cluster import PG_BIN, Cluster, free_port

HERE = Path(__file__).resolve().parent
TESTS_DIR = HERE.parent
PG_SHARE = Path("/usr/share/postgresql/15")
PG_LIB = PG_BIN.parent / "lib"
PL_PYTHON = "plpython3"  # the language's files: plpython3u.control/.sql, plpython3.so and its transforms
PGTAP_FILES = sorted((TESTS_DIR / "pgtap").glob("*.sql"))
# The core suite: every pgTAP file but those that test the PL/Python layer itself (they name
# plpython3u): the language's foundation, and the growth insights and A/B statistics of learning_plpython.
PLPYTHON_PGTAP_FILES = {"001_foundation.sql", "500_growth_brain.sql", "530_ab_tests.sql"}
CORE_PGTAP_FILES = [p for p in PGTAP_FILES if "plpython3u" not in p.read_text()]


def tree_without_plpython(root: Path) -> Path:
    """usr/lib/postgresql/15/{bin,lib} and usr/share/postgresql/15 under root, PL/Python left out."""
    bin_dir, lib_dir, share_dir = root / "usr/lib/postgresql/15/bin", root / "usr/lib/postgresql/15/lib", \
        root / "usr/share/postgresql/15"
    shutil.copytree(PG_BIN, bin_dir, symlinks=False)  # a copy: the server resolves symlinks to its real path
    for source, target in ((PG_LIB, lib_dir), (PG_SHARE, share_dir), (PG_SHARE / "extension", share_dir / "extension")):
        target.mkdir(parents=True, exist_ok=True)
        for entry in source.iterdir():
            if PL_PYTHON in entry.name or (target / entry.name).exists() or entry.name == "extension":
                continue
            (target / entry.name).symlink_to(entry)
    subprocess.run(["chmod", "-R", "a+rX", str(root)], check=True)
    return bin_dir


@pytest.fixture
def new_cluster() -> Iterator:
    made: list[Cluster] = []
    trees: list[Path] = []

    def make(without_plpython: bool = False) -> Cluster:
        root = Path(tempfile.mkdtemp(prefix="avenir-managed-"))
        root.chmod(0o755)
        bin_dir = PG_BIN
        if without_plpython:
            tree = Path(tempfile.mkdtemp(prefix="avenir-pg-tree-"))
            trees.append(tree)
            bin_dir = tree_without_plpython(tree)
        c = Cluster(root=root / "cluster", port=free_port(), durable=False, bin_dir=bin_dir)
        made.append(c)
        c.init()
        c.start()
        c.ensure_database()
        return c

    try:
        yield make
    finally:
        for c in made:
            c.destroy()
            shutil.rmtree(c.root.parent, ignore_errors=True)
        for tree in trees:
            shutil.rmtree(tree, ignore_errors=True)


def psql_file(cluster: Cluster, path: Path) -> None:
    result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(path)],
                            env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def pg_prove(cluster: Cluster, files: list[Path]) -> subprocess.CompletedProcess:
    env = {**os.environ, **cluster.libpq_env(),
           "PGOPTIONS": "-c search_path=public,tests,extensions -c client_min_messages=warning"}
    return subprocess.run(["pg_prove", "--ext", ".sql", "--failures", *map(str, files)],
                          env=env, capture_output=True, text=True)


def test_migrations_and_the_core_suite_pass_where_plpython_is_missing(new_cluster):
    c = new_cluster(without_plpython=True)
    with psycopg.connect(c.url()) as conn:
        assert conn.execute("select count(*) from pg_available_extensions where name like 'plpython%'"
                            ).fetchone()[0] == 0
        assert conn.execute("select count(*) from pg_available_extensions where name = 'pg_cron'").fetchone()[0] == 1
    migrations.deploy(c)
    assert "Verify successful" in migrations.verify(c)
    configure.configure_database(c)
    psql_file(c, TESTS_DIR / "setup" / "test_helpers.sql")
    with psycopg.connect(c.url()) as conn:
        assert conn.execute("select count(*) from pg_language where lanname = 'plpython3u'").fetchone()[0] == 0
    assert {p.name for p in PGTAP_FILES} - {p.name for p in CORE_PGTAP_FILES} == PLPYTHON_PGTAP_FILES
    proved = pg_prove(c, CORE_PGTAP_FILES)
    assert proved.returncode == 0, proved.stdout[-4000:] + proved.stderr[-2000:]
    assert "All tests successful" in proved.stdout


def test_supabase_roles_and_auth_schema_are_left_as_they_are(new_cluster):
    c = new_cluster()
    psql_file(c, HERE / "supabase_shape.sql")

    def shape() -> dict:
        with psycopg.connect(c.url()) as conn:
            return {
                "roles": conn.execute(
                    "select rolname, rolcanlogin, rolinherit, rolbypassrls, shobj_description(oid, 'pg_authid') "
                    "from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') "
                    "order by rolname").fetchall(),
                "auth": conn.execute(
                    "select p.proname, p.prosrc, pg_get_userbyid(p.proowner) from pg_proc p "
                    "where p.pronamespace = 'auth'::regnamespace order by p.proname").fetchall(),
                "users": conn.execute("select pg_get_userbyid(relowner) from pg_class "
                                      "where oid = 'auth.users'::regclass").fetchone()[0],
            }

    before = shape()
    migrations.deploy(c)
    assert "Verify successful" in migrations.verify(c)
    assert shape() == before
    assert before["auth"][2][1].count("request.jwt.claim.sub") == 1  # still Supabase's auth.uid()
    configure.configure_database(c)
    psql_file(c, TESTS_DIR / "setup" / "test_helpers.sql")
    rls = [p for p in CORE_PGTAP_FILES if p.name.startswith(("120_", "121_", "210_"))]
    proved = pg_prove(c, rls)
    assert proved.returncode == 0, proved.stdout[-4000:] + proved.stderr[-2000:]
    migrations.revert_all(c)
    assert shape() == before  # the revert drops only what the migrations created
