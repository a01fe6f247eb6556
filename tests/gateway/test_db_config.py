"""In-database configuration (issue 17 item 9, §1.16): `pgrst.*` settings of the authenticator role and
what the db-pre-config function sets override the file, at start and on `NOTIFY <channel>, 'reload config'`."""

from __future__ import annotations

import os
import subprocess
import time

import httpx
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port

CHANNEL = "gw_db_config_test"


def run_sql(cluster, statement: str) -> None:
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                   env={**os.environ, **cluster.libpq_env()}, check=True, capture_output=True)


@pytest.fixture
def configured_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema):
    """The authenticator role says db-max-rows = 3 (the file says 50); the pre-config function turns
    aggregates off (the file turns them on). Its own channel: other gateways never see its reloads."""
    db = cluster.libpq_env()["PGDATABASE"]
    run_sql(cluster, f'alter role authenticator in database "{db}" set pgrst.db_max_rows = \'3\'')
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file, **{
        "db-channel": f'"{CHANNEL}"', "db-pre-config": '"gw.pre_config"'}), gw_workdir, port, name="dbconfig")
    try:
        yield gw
    finally:
        gw.stop()
        run_sql(cluster, f'alter role authenticator in database "{db}" reset pgrst.db_max_rows')


def wait_for(check, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_role_settings_and_pre_config_override_the_file_and_reload(cluster, configured_gateway):
    url = configured_gateway.url
    rows = httpx.get(f"{url}/books?select=id&order=id").json()
    assert [r["id"] for r in rows] == [1, 2, 3]
    r = httpx.get(f"{url}/books?select=count()")
    assert r.status_code == 400 and r.json()["code"] == "PGRST123"
    r = httpx.get(f"{url}/authors?select=name,...books(title)")  # a to-many spread aggregates
    assert r.status_code == 400 and r.json()["code"] == "PGRST123"
    # server-port is not a setting the database may change: the gateway still answers on its port.
    db = cluster.libpq_env()["PGDATABASE"]
    run_sql(cluster, f'alter role authenticator in database "{db}" set pgrst.db_max_rows = \'5\'')
    run_sql(cluster, f"notify {CHANNEL}, 'reload config'")
    assert wait_for(lambda: len(httpx.get(f"{url}/books?select=id").json()) == 5)
