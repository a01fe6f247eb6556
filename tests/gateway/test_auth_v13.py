"""Authentication details of PostgREST v13 (issue 17 item 8) over real HTTP: without db-anon-role a
request without a token (or with one lacking a role claim) is 401 PGRST302 with the bare
`WWW-Authenticate: Bearer` challenge, not the invalid-token one."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port


@pytest.fixture(scope="module")
def no_anon(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file, **{"db-anon-role": '""'}), gw_workdir, port,
                       name="noanon")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()


def test_without_a_token_and_without_an_anonymous_role_the_challenge_is_bare(no_anon, token):
    expected = {"code": "PGRST302", "details": None, "hint": None, "message": "Anonymous access is disabled"}
    for headers in ({}, {"Authorization": f"Bearer {token(None)}"}):
        r = no_anon.get("/books?select=id&id=eq.1", headers=headers)
        assert (r.status_code, r.json()) == (401, expected)
        assert r.headers["WWW-Authenticate"] == "Bearer"
    r = no_anon.get("/books?select=id&id=eq.1", headers={"Authorization": "Bearer not.a.token"})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    r = no_anon.get("/books?select=id&id=eq.1", headers={"Authorization": f"Bearer {token()}"})
    assert (r.status_code, r.json()) == (200, [{"id": 1}])
