"""The test run's own PostgreSQL: a throwaway cluster on a free port, built once per run.

Migrations go through the real sqitch round trip (deploy -> verify -> revert all -> deploy);
each test then works inside a transaction that is rolled back, so tests never see each
other's rows. Tests that must commit (other processes, HTTP) create their own tenants.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port

TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="avenir-test-"))
    c = Cluster(root=root, port=free_port(), durable=False)
    try:
        c.init()
        c.start()
        c.ensure_database()
        # The round trip every change must survive; its log is asserted in test_migrations.
        c.migration_log = {
            "deploy": migrations.deploy(c),
            "revert": migrations.revert_all(c),
            "redeploy": migrations.deploy(c),
        }
        configure.configure_database(c)
        psql(c, "-f", str(TESTS_DIR / "setup" / "test_helpers.sql"))
        yield c
    finally:
        c.destroy()


def psql(cluster: Cluster, *args: str) -> str:
    result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *args],
                            env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"psql {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


@pytest.fixture(scope="session")
def db_url(cluster: Cluster) -> str:
    """Superuser URL of the test database."""
    return cluster.url()


@pytest.fixture
def conn(db_url: str) -> Iterator[psycopg.Connection]:
    """A superuser connection whose transaction is rolled back after the test."""
    with psycopg.connect(db_url, row_factory=dict_row) as c:
        try:
            yield c
        finally:
            c.rollback()


@pytest.fixture
def as_persona(conn: psycopg.Connection) -> Callable[..., None]:
    """Switch `conn` to an API persona for the rest of the test's transaction.

    as_persona("authenticated", {"client_id": "..."}); as_persona("anon").
    """
    def switch(role: str, claims: dict | None = None) -> None:
        conn.execute("select tests.authenticate_as(%s, %s::jsonb)",
                     [role, psycopg.types.json.Jsonb(claims or {})])

    return switch


@dataclass(frozen=True)
class Api:
    """A running gateway serving the `public` schema of the test cluster.

    url: base URL without /rest/v1 (both `url + "/books"` and `url + "/rest/v1/books"` work);
    anon_key / service_key: long-lived HS256 JWTs for the anon and service_role roles.
    """
    url: str
    anon_key: str
    service_key: str


@pytest.fixture(scope="session")
def api(cluster: Cluster) -> Iterator[Api]:
    from gateway_process import product_gateway

    with product_gateway(cluster) as gw:
        yield Api(gw.url, configure.api_key(cluster, "anon"), configure.api_key(cluster, "service_role"))
