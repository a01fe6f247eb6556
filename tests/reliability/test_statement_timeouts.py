"""statement_timeout per API role (db/roles.sql), applied by the gateway to each request: a
stranger's statement stops after 3 s, a dashboard's after 8 s, the service key's after 60 s."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from conftest import login_headers, reload_schema

PROBES = Path(__file__).with_name("probes.sql")


@pytest.fixture(scope="module")
def probes(db_url, http):
    """Two probe functions in `public`, visible to the gateway after a schema reload."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute(PROBES.read_text())
        reload_schema(conn, http, "/rpc/tests_statement_timeout")
        try:
            yield
        finally:
            conn.execute("drop function public.tests_statement_timeout(); drop function public.tests_sleep(float8)")
            conn.execute("notify pgrst, 'reload schema'")


def test_each_role_runs_with_its_own_statement_timeout(probes, http, service_http, make_tenant):
    assert http.post("/rpc/tests_statement_timeout").json() == "3s"
    assert http.post("/rpc/tests_statement_timeout", headers=login_headers(http, make_tenant())).json() == "8s"
    assert service_http.post("/rpc/tests_statement_timeout").json() == "1min"


def test_an_anonymous_statement_is_cancelled_at_its_limit(probes, http, service_http):
    cancelled = http.post("/rpc/tests_sleep", json={"seconds": 3.5})
    assert cancelled.json()["code"] == "57014"
    assert "statement timeout" in cancelled.json()["message"]
    # The same statement under the service key's longer limit completes.
    assert service_http.post("/rpc/tests_sleep", json={"seconds": 3.5}).status_code == 200
