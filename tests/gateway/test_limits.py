"""Limits on what a stranger can send (issue 10 item 4): body size (413), head size (431), URL length
(414), slow or idle connections closed (408), malformed HTTP answered in PostgREST's error shape."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import orjson
import pytest
from gateway_process import GatewayProcess, start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port

ERROR_KEYS = {"code", "message", "details", "hint"}


@pytest.fixture(scope="module")
def strict_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[GatewayProcess]:
    """Small limits and short timeouts so the tests need neither megabytes nor minutes."""
    port = free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{
        "server-max-body-size": "1000", "server-max-header-size": "2000", "server-max-url-length": "1000",
        "server-head-timeout": "1", "server-body-timeout": "1", "server-keep-alive-timeout": "1"})
    gw = start_gateway(text, gw_workdir, port, name="strict")
    try:
        yield gw
    finally:
        gw.stop()


def connect(gw: GatewayProcess) -> socket.socket:
    host, port = gw.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=20)
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP response read until the server closes the connection or the body is complete."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def assert_error_shape(headers: dict[str, str], body: bytes, code: str) -> None:
    assert headers["content-type"] == "application/json; charset=utf-8"
    parsed = orjson.loads(body)
    assert set(parsed) == ERROR_KEYS and parsed["code"] == code


def test_body_over_the_limit_is_413_in_the_error_shape(strict_gateway):
    import httpx
    r = httpx.post(strict_gateway.url + "/items", content=b"[" + b" " * 2000 + b"]",
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["code"] == "PGRSTX413" and set(r.json()) == ERROR_KEYS
    assert r.headers["connection"] == "close"


def test_chunked_body_over_the_limit_is_413(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"POST /rpc/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n" + (b"190\r\n" + b" " * 400 + b"\r\n") * 5 + b"0\r\n\r\n")
        status, headers, body = read_response(sock)
    assert status == 413
    assert_error_shape(headers, body, "PGRSTX413")


def test_body_under_the_limit_is_served(strict_gateway):
    import httpx
    r = httpx.post(strict_gateway.url + "/rpc/echo", content=b'{"a": "' + b"x" * 900 + b'"}',
                   headers={"Content-Type": "application/json", "Prefer": "params=single-object"})
    assert r.status_code == 200 and r.json() == {"a": "x" * 900}


def test_long_url_is_414(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /books?title=eq." + b"a" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, body = read_response(sock)
        assert closed_by_server(sock)
    assert status == 414
    assert_error_shape(headers, body, "PGRSTX414")


def test_large_headers_are_431(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /books HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 2500 + b"\r\n\r\n")
        status, headers, body = read_response(sock)
    assert status == 431
    assert_error_shape(headers, body, "PGRSTX431")


def test_endless_header_is_refused_before_it_ends(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /books HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(20):  # 80 kB of one header that never ends
                sock.sendall(b"b" * 4000)
        except (BrokenPipeError, ConnectionResetError):
            pass
        status, headers, body = read_response(sock)
    assert status == 431


def test_trickled_head_is_closed_with_408(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /books HTTP/1.1\r\nHost: x\r\n")
        status = None
        try:
            for _ in range(100):  # one header byte every 0.1 s: the head never completes in time
                sock.sendall(b"X")
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        status, headers, body = read_response(sock)
    assert status == 408
    assert_error_shape(headers, body, "PGRSTX408")


def test_idle_connection_is_closed(strict_gateway):
    with connect(strict_gateway) as sock:
        assert closed_by_server(sock)  # nothing sent: the server closes it (the socket timeout is 20 s)


def test_idle_keep_alive_connection_is_closed(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /authors?select=id&id=eq.1 HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _, body = read_response(sock)
        assert status == 200 and orjson.loads(body) == [{"id": 1}]
        assert closed_by_server(sock)


def test_slow_body_is_408(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"POST /rpc/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 500\r\n\r\n{")
        status, headers, body = read_response(sock)
    assert status == 408
    assert_error_shape(headers, body, "PGRSTX408")


def test_nul_in_a_header_is_400_in_the_error_shape(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"GET /books HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n")
        status, headers, body = read_response(sock)
    assert status == 400
    assert_error_shape(headers, body, "PGRSTX400")


def test_garbage_request_line_is_400_in_the_error_shape(strict_gateway):
    with connect(strict_gateway) as sock:
        sock.sendall(b"\x16\x03\x01 not http\r\n\r\n")
        status, headers, body = read_response(sock)
    assert status == 400
    assert_error_shape(headers, body, "PGRSTX400")


def test_default_body_limit_is_one_megabyte(client):
    r = client.post("/rpc/echo", content=b" " * (1024 * 1024 + 1), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "PGRSTX413"
    r = client.post("/rpc/echo", content=b'{"k": 1}' + b" " * (1024 * 1024 - 8),
                    headers={"Content-Type": "application/json", "Prefer": "params=single-object"})
    assert r.status_code == 200 and r.json() == {"k": 1}
