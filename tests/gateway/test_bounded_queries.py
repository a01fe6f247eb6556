"""No query runs unbounded (issue 10 item 3, the gateway's part): the impersonated role's own
statement_timeout applies to its requests, a client that leaves cancels its statement, and the
reserved share of the pool serves its paths while slow requests hold the rest."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import jwt
import psycopg
import pytest
from gateway_process import GatewayProcess, start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port


def wait_for(predicate, seconds: float = 30):
    """Poll until predicate() is truthy; the deadline only bounds a hang, it asserts nothing on time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def sleeping(db_url: str) -> int:
    """How many gateway statements are running gw.slow() now."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        return conn.execute("select count(*) from pg_stat_activity where usename = 'authenticator'"
                            " and state = 'active' and query like '%%\"gw\".\"slow\"%%'").fetchone()[0]


def test_role_statement_timeout_applies_to_its_requests(client, secret):
    """gw_hurried has `statement_timeout = 250ms` (ALTER ROLE ... SET in the fixture)."""
    hurried = jwt.encode({"role": "gw_hurried", "exp": int(time.time()) + 60}, secret, algorithm="HS256")
    r = client.post("/rpc/slow", json={"seconds": 5}, headers={"Authorization": f"Bearer {hurried}"})
    assert r.status_code == 500 and r.json()["code"] == "57014"  # PostgREST's status for query_canceled
    assert r.json()["message"] == "canceling statement due to statement timeout"
    r = client.post("/rpc/slow", json={"seconds": 0.01}, headers={"Authorization": f"Bearer {hurried}"})
    assert r.status_code == 200
    assert client.get("/rpc/setting?name=statement_timeout",
                      headers={"Authorization": f"Bearer {hurried}"}).json() == "250ms"
    assert client.get("/rpc/setting?name=statement_timeout").json() != "250ms"  # anon: not its setting


def test_client_disconnect_cancels_the_statement(gateway, db_url):
    host, port = gateway.url.removeprefix("http://").split(":")
    body = b'{"seconds": 60}'
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /rpc/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        assert wait_for(lambda: sleeping(db_url) == 1)
    # The client left: the statement is cancelled in the server long before its 60 s.
    assert wait_for(lambda: sleeping(db_url) == 0, seconds=20)
    with httpx.Client(base_url=gateway.url) as c:  # and the connection went back to the pool, usable
        assert c.get("/rpc/add?a=1&b=2").json() == 3


@pytest.fixture(scope="module")
def reserved_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[GatewayProcess]:
    port = free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{
        "db-pool": "3", "db-pool-reserved": "1", "db-pool-reserved-paths": '"/rpc/add, /rpc/nothing"',
        "db-pool-acquisition-timeout": "1"})
    gw = start_gateway(text, gw_workdir, port, name="reserved")
    try:
        yield gw
    finally:
        gw.stop()


def test_reserved_connections_serve_their_path_while_slow_requests_hold_the_rest(reserved_gateway, db_url, secret):
    results: list[int] = []
    # As service_role: anon's own statement_timeout (3 s, db/roles.sql) would end a 6 s statement.
    service = jwt.encode({"role": "service_role", "exp": int(time.time()) + 120}, secret, algorithm="HS256")

    def slow():
        with httpx.Client(base_url=reserved_gateway.url, timeout=30) as c:
            results.append(c.post("/rpc/slow", json={"seconds": 6},
                                  headers={"Authorization": f"Bearer {service}"}).status_code)

    threads = [threading.Thread(target=slow) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        # Only db-pool - db-pool-reserved = 2 slow statements run; the others wait for a shared connection.
        assert wait_for(lambda: sleeping(db_url) == 2)
        with httpx.Client(base_url=reserved_gateway.url, timeout=30) as c:
            r = c.get("/rest/v1/rpc/add?a=1&b=2")
            assert r.status_code == 200 and r.json() == 3
            assert sleeping(db_url) == 2  # the reserved connection never ran a slow statement
            # Another path does not get the reserved connection: it waits and times out (504).
            r = c.get("/rpc/numbers?n=2")
            assert r.status_code == 504 and r.json()["code"] == "PGRST003"
    finally:
        for t in threads:
            t.join()
    assert sorted(results).count(200) >= 2
