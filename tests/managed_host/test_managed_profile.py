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
from pg_trees import tree_without_plpython
from psycopg.rows import tuple_row

from avenir.local import configure, migrations
from avenir.local.cluster import PG_BIN, Cluster, free_port

HERE = Path(__file__).resolve().parent
TESTS_DIR = HERE.parent
PGTAP_FILES = sorted((TESTS_DIR / "pgtap").glob("*.sql"))
# The core suite: every pgTAP file but those that test the PL/Python layer itself (they name
# plpython3u): the language's foundation, and the growth insights and A/B statistics of learning_plpython.
PLPYTHON_PGTAP_FILES = {"001_foundation.sql", "500_growth_brain.sql", "530_ab_tests.sql"}
CORE_PGTAP_FILES = [p for p in PGTAP_FILES if "plpython3u" not in p.read_text()]


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


LEARNING_DATA = HERE / "learning_data.sql"
GROWTH_CLIENT = "f1f1f1f1-0000-4000-8000-000000000016"
AB_TESTS = ("few16-test", "srm16-test", "win16-test")


def learning_results(conn: psycopg.Connection) -> dict:
    """What the learning loop wrote: the growth brain row and the three tests (times of the look left out)."""
    conn = conn.cursor(row_factory=tuple_row)
    growth = conn.execute("select to_jsonb(b) - 'id' - 'created_at' - 'updated_at' from public.growth_brain b "
                          "where client_id = %s", [GROWTH_CLIENT]).fetchone()[0]
    tests = conn.execute(
        "select test_name, status, winner_variant_id, statistical_significance, completed_at is not null,"
        "       control_metrics - 'evaluated_at', treatment_metrics - 'evaluated_at'"
        "  from public.prompt_ab_tests where test_name = any(%s) order by test_name", [list(AB_TESTS)]).fetchall()
    active = conn.execute("select variant_id, is_active from public.prompt_registry "
                          "where prompt_name in ('win16', 'few16', 'srm16') order by variant_id").fetchall()
    return {"growth_brain": growth, "ab_tests": tests, "active_variants": active}


def test_the_worker_fills_in_what_plpython_computes_with_the_same_values(new_cluster, conn, tmp_path):
    from worker_process import WorkerProcess, wait_for

    now = conn.cursor(row_factory=tuple_row).execute("select now()::text").fetchone()[0]
    data = LEARNING_DATA.read_text().replace(":'now'", f"'{now}'")
    # With PL/Python (the session's cluster, rolled back): the database computes everything itself.
    conn.execute(data)
    conn.execute("select public.evaluate_ab_tests()")
    expected = learning_results(conn)
    assert expected["growth_brain"]["predictive_insights"]["basis"]["enough_data"] is True
    assert expected["growth_brain"]["urgency_distribution"]["trend"]["p_value"] is not None
    assert [t[1] for t in expected["ab_tests"]] == ["running", "draft", "completed"]

    # Without PL/Python: figures without wording, and the looks deferred to the worker.
    c = new_cluster(without_plpython=True)
    migrations.deploy(c)
    configure.configure_database(c)
    with psycopg.connect(c.url()) as managed:
        managed.execute(data)
        deferred = managed.execute("select public.evaluate_ab_tests()").fetchone()[0]  # the cron's call
    assert {t["decision"] for t in deferred["tests"]} == {"deferred"} and deferred["evaluated"] == 3
    with psycopg.connect(c.url()) as managed:
        before = learning_results(managed)
    assert before["growth_brain"]["predictive_insights"]["basis"]["engine"] == "sql"
    assert before["growth_brain"]["urgency_distribution"]["trend"]["p_value"] is None
    assert [t[3] for t in before["ab_tests"]] == [None, None, None]  # no look written yet

    worker = WorkerProcess(c, tmp_path, AVENIR_UDF_FALLBACK_INTERVAL=0.2, AVENIR_REPLICATION_CHECK_INTERVAL=0)
    try:
        worker.wait_started()

        def filled_in() -> dict | None:
            with psycopg.connect(c.url()) as managed:
                now_there = learning_results(managed)
            looked = all(t[6] and "looks" in t[6] for t in now_there["ab_tests"])
            worded = "engine" not in now_there["growth_brain"]["predictive_insights"]["basis"]
            return now_there if looked and worded else None

        try:
            after = wait_for(filled_in, 60, "the worker to fill in the insights and the A/B looks")
        except AssertionError as e:
            raise AssertionError(f"{e}\n{worker.log()[-3000:]}") from None
        assert "event=udf_fallback" in worker.log()
    finally:
        worker.stop()
    assert after == expected
