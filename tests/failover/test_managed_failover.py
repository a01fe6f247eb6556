"""`avenir failover init --url` onto a managed host (Neon's shape): a second cluster without PL/Python
and without our roles or `auth` helpers, following an embedded primary that has PL/Python.

What PostgreSQL 15 itself reserves to a superuser is not emulated: CREATE SUBSCRIPTION, roles with
BYPASSRLS (service_role) and untrusted extensions (pg_cron, vector). Neon lets its owner role
(neon_superuser) do these; a plain PostgreSQL 15 needs the superuser, so --url names it here. The
API's role there (authenticator) is no superuser, as everywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from failover_pairs import PUBLISHED, clone, create_client, kill_cluster, wait_replicated
from pg_trees import tree_without_plpython

from avenir.failover import nodes
from avenir.failover.check import check
from avenir.failover.promote import promote
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root


def test_init_url_onto_a_managed_host_without_plpython_or_our_roles(template_cluster):
    primary = clone(template_cluster)
    tree = Path(tempfile.mkdtemp(prefix="avenir-pg-tree-"))
    root = Path(tempfile.mkdtemp(prefix="avenir-managed-fo-"))
    root.chmod(0o755)
    home = Path(tempfile.mkdtemp(prefix="avenir-fo-home-"))
    managed = Cluster(root=root / "cluster", port=free_port(), durable=False, bin_dir=tree_without_plpython(tree))
    try:
        managed.init()
        managed.start()
        managed.ensure_database()
        with psycopg.connect(managed.url()) as conn:
            assert conn.execute("select count(*) from pg_available_extensions where name like 'plpython%'"
                                ).fetchone()[0] == 0
            assert conn.execute("select count(*) from pg_roles where rolname in ('anon', 'authenticated', "
                                "'service_role', 'authenticator')").fetchone()[0] == 0
        with psycopg.connect(primary.url()) as conn:
            assert conn.execute("select count(*) from pg_language where lanname = 'plpython3u'").fetchone()[0] == 1
        init = subprocess.run([sys.executable, "-m", "avenir.cli", "failover", "init", "--primary-url", primary.url(),
                               "--url", managed.url()], cwd=project_root(),
                              env={**os.environ, "AVENIR_HOME": str(home)}, capture_output=True, text=True)
        assert init.returncode == 0, init.stdout + init.stderr
        assert f"{PUBLISHED} tables copied" in init.stdout
        state = nodes.load(home)
        with psycopg.connect(managed.url()) as conn:
            languages = dict(conn.execute(
                "select p.proname, l.lanname from pg_proc p join pg_language l on l.oid = p.prolang "
                "where p.oid in ('private.growth_insights(jsonb)'::regprocedure, "
                "'private.evaluate_ab_look(jsonb)'::regprocedure)").fetchall())
            authenticator = conn.execute("select rolsuper from pg_roles where rolname = 'authenticator'").fetchone()
        assert languages == {"growth_insights": "sql", "evaluate_ab_look": "sql"}  # the plain-SQL forms there
        assert authenticator == (False,)  # created by the migrations, no superuser

        client = create_client(primary.url())
        with psycopg.connect(primary.url(), autocommit=True) as conn:
            conn.execute("select public.submit_lead(%s, 'Neo', 'neo@lead.test', 'Hello from the primary')",
                         [client["api_key"]])
        wait_replicated(primary.url(), managed.url(), "select id, email from public.lead_memory")
        report = check(state)
        assert report["ok"], report["findings"]
        assert report["schema_fingerprint"] == {"equal": True, "differing_parts": []}

        kill_cluster(primary)
        promotion = promote(state, home)
        assert not promotion.planned and promotion.cron_jobs
        with psycopg.connect(managed.url(), autocommit=True) as conn:
            lead = conn.execute("select public.submit_lead(%s, 'Ola', 'ola@lead.test', 'After the failover')",
                                [client["api_key"]]).fetchone()[0]
        assert lead["status"] == "received"
    finally:
        for c in (primary, managed):
            try:
                c.destroy()
            except Exception:  # the killed primary may refuse a clean stop
                shutil.rmtree(c.root, ignore_errors=True)
        for d in (tree, root, home):
            shutil.rmtree(d, ignore_errors=True)
