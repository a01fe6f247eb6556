"""server-workers = N: N processes share the port (SO_REUSEPORT), each with its own pool."""

from __future__ import annotations

import time

import httpx
import psycopg
from gateway_process import start_gateway
from gw_config import gateway_config

from avenir.local import configure
from avenir.local.cluster import free_port


def backends(db_url: str, application_name: str) -> int:
    with psycopg.connect(db_url, autocommit=True) as conn:
        return conn.execute("select count(*) from pg_stat_activity where application_name = %s",
                            (application_name,)).fetchone()[0]


def test_two_workers_serve_the_port_each_with_its_pool(cluster, gw_workdir, jwt_secret_file, fixture_schema, db_url):
    port = free_port()
    uri = configure.authenticator_url(cluster) + "?application_name=gw_workers_test"
    text = gateway_config(cluster, port, jwt_secret_file, **{"db-uri": f'"{uri}"', "db-pool": "3",
                                                             "server-workers": "2"})
    gw = start_gateway(text, gw_workdir, port, name="workers")
    try:
        with httpx.Client(base_url=gw.url, timeout=10) as c:
            deadline = time.monotonic() + 30  # both workers load their schema cache; only a hang bound
            in_a_row = 0
            while time.monotonic() < deadline and (in_a_row < 20 or backends(db_url, "gw_workers_test") < 6):
                ok = httpx.get(gw.url + "/authors?select=id&id=eq.2").status_code == 200
                in_a_row = in_a_row + 1 if ok else 0
            # One process has 3 pooled connections (and its listener): 6 or more means two pools.
            assert backends(db_url, "gw_workers_test") >= 6
            statuses = set()
            for _ in range(40):  # new connections each time: the kernel spreads them over both workers
                statuses.add(httpx.get(gw.url + "/authors?select=id&id=eq.2").status_code)
            assert statuses == {200}
            assert c.get("/rpc/add?a=2&b=3").json() == 5
    finally:
        gw.stop()
    assert gw.process.returncode == 0  # SIGTERM stops every worker, then the parent exits cleanly
    assert backends(db_url, "gw_workers_test") == 0
