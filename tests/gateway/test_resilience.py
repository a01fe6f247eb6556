"""Schema reload on NOTIFY, database outage (503) and recovery, pool exhaustion (504)."""

from __future__ import annotations

import threading
import time

import httpx
import psycopg
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config
from tcp_proxy import TcpProxy

from avenir.local import configure
from avenir.local.cluster import free_port


def wait_for(predicate, seconds: float = 30):
    """Poll until predicate() is truthy; the deadline only bounds a hang, it asserts nothing on time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_schema_reload_on_notify(client, db_url):
    assert client.get("/rpc/added_later").status_code == 404
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("create function gw.added_later() returns text language sql stable as $$ select 'new' $$")
        conn.execute("grant execute on function gw.added_later() to anon")
        conn.execute("create table gw.later (id integer primary key)")
        conn.execute("grant select on gw.later to anon")
        try:
            # Before the NOTIFY the cache does not know the table: 404, not a database error.
            assert client.get("/later").status_code == 404
            conn.execute("notify pgrst, 'reload schema'")
            assert wait_for(lambda: client.get("/rpc/added_later").status_code == 200)
            assert client.get("/rpc/added_later").json() == "new"
            assert client.get("/later").json() == []
        finally:
            conn.execute("drop function gw.added_later()")
            conn.execute("drop table gw.later")
            conn.execute("notify pgrst, 'reload schema'")
    assert wait_for(lambda: client.get("/later").status_code == 404)


@pytest.fixture
def proxied_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema):
    proxy = TcpProxy(free_port(), (cluster.host, cluster.port))
    proxy.start()
    uri = configure.authenticator_url(cluster).replace(f":{cluster.port}/", f":{proxy.listen_port}/")
    port = free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{"db-uri": f'"{uri}"', "db-pool": "1",
                                                             "db-pool-acquisition-timeout": "1"})
    gw = start_gateway(text, gw_workdir, port, name="proxied")
    try:
        yield gw, proxy
    finally:
        gw.stop()
        proxy.stop()


def test_database_down_is_503_then_recovers(proxied_gateway, token):
    gw, proxy = proxied_gateway
    with httpx.Client(base_url=gw.url, timeout=30) as c:
        assert c.get("/books?select=id&id=eq.1").json() == [{"id": 1}]
        proxy.stop()
        first = c.get("/books?select=id&id=eq.1")
        assert first.status_code == 503
        assert first.json()["code"] in ("PGRST000", "PGRST001")
        again = c.get("/books?select=id&id=eq.1")
        assert again.status_code == 503
        assert again.json()["code"] == "PGRST000"
        assert again.json()["message"] == "Database connection error. Retrying the connection."
        assert again.headers["proxy-status"] == "PostgREST; error=PGRST000"
        proxy.start()
        assert wait_for(lambda: c.get("/books?select=id&id=eq.1").status_code == 200)
        assert c.get("/books?select=id&id=eq.2").json() == [{"id": 2}]


def test_pool_exhaustion_is_504(proxied_gateway, token):
    gw, _ = proxied_gateway
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    with httpx.Client(base_url=gw.url, timeout=30) as c:
        slow = threading.Thread(target=lambda: httpx.post(gw.url + "/rpc/slow", json={"seconds": 4}, headers=auth,
                                                          timeout=30))
        slow.start()
        try:
            # The only connection is busy with the slow call: one of these waits out the 1 s acquisition timeout.
            statuses = wait_for(lambda: [r.status_code for r in [c.get("/books?limit=1")] if r.status_code == 504],
                                seconds=3.5)
        finally:
            slow.join()
        assert statuses == [504]
        r = c.get("/books?limit=1")
        assert r.status_code == 200


POOL_APP = "gw-idle-pool-test"


def _backends(conn) -> set[int]:
    """The gateway's sessions: its pool's and its schema cache's LISTEN connection."""
    return {r[0] for r in conn.execute("select pid from pg_stat_activity where application_name = %s", [POOL_APP])}


@pytest.fixture
def named_pool_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema):
    """A gateway whose connections carry their own application_name, to find them in pg_stat_activity."""
    port = free_port()
    uri = configure.authenticator_url(cluster) + f"?application_name={POOL_APP}"
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file, **{"db-uri": f'"{uri}"', "db-pool": "3"}),
                       gw_workdir, port, name="named-pool")
    try:
        yield gw
    finally:
        gw.stop()


def test_idle_connections_the_server_closed_are_replaced_before_use(named_pool_gateway, db_url):
    # Finding G5: a pool idle through a restart answered its first request 503 (a dead connection used).
    with httpx.Client(base_url=named_pool_gateway.url, timeout=30) as c, \
            psycopg.connect(db_url, autocommit=True) as conn:
        assert [c.get("/books?select=id&id=eq.1").status_code for _ in range(20)] == [200] * 20
        before = _backends(conn)
        assert len(before) >= 3
        assert [c.get("/books?select=id&id=eq.1").status_code for _ in range(20)] == [200] * 20
        assert _backends(conn) == before  # live connections are kept: the check costs no reconnect
        conn.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = %s",
                     [POOL_APP])
        assert wait_for(lambda: not before & _backends(conn))
        first = c.get("/books?select=id&id=eq.1")
        assert (first.status_code, first.json()) == (200, [{"id": 1}])
        assert [c.get("/books?select=id&id=eq.2").status_code for _ in range(10)] == [200] * 10
