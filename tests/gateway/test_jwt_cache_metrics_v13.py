"""The JWT cache's counters on the admin server's /metrics (PostgREST v14's names), over real HTTP on
a gateway of its own keeping two verified tokens (jwt-cache-max-entries = 2): every token looked up is
a request, a token found verified already is a hit, a token dropped to make room is an eviction; an
expired token is kept (and refused each time), a token that fails verification is never kept."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config
from test_admin_server import metrics

from avenir.local.cluster import free_port

COUNTERS = ("pgrst_jwt_cache_requests_total", "pgrst_jwt_cache_hits_total", "pgrst_jwt_cache_evictions_total")


@pytest.fixture(scope="module")
def two_tokens(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """(API client, admin client) of a gateway keeping at most two verified tokens."""
    port, admin_port = free_port(), free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{
        "jwt-cache-max-entries": "2", "admin-server-port": str(admin_port)})
    gw = start_gateway(text, gw_workdir, port, name="jwtcache")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as api, \
                httpx.Client(base_url=f"http://127.0.0.1:{admin_port}", timeout=30) as admin:
            yield api, admin
    finally:
        gw.stop()


def counted(admin: httpx.Client, api: httpx.Client, tokens: list[str], statuses: list[int]) -> tuple[int, ...]:
    """The counters' increase over these requests (each answered with its status)."""
    before = metrics(admin)
    got = [api.get("/books?select=id&limit=1", headers={"Authorization": f"Bearer {t}"}).status_code for t in tokens]
    assert got == statuses
    after = metrics(admin)
    return tuple(int(after[name] - before[name]) for name in COUNTERS)


def test_the_counters_are_exported_with_their_types(two_tokens):
    text = two_tokens[1].get("/metrics").text
    for name in COUNTERS:
        assert f"# TYPE {name} counter\n" in text


def test_a_token_seen_again_is_a_hit(two_tokens, token):
    api, admin = two_tokens
    first = token(reader="first")
    assert counted(admin, api, [first, first], [200, 200]) == (2, 1, 0)


def test_an_expired_token_is_kept_and_refused_each_time(two_tokens, secret):
    api, admin = two_tokens
    expired = jwt.encode({"role": "authenticated", "exp": int(time.time()) - 3600}, secret, algorithm="HS256")
    assert counted(admin, api, [expired, expired], [401, 401])[:2] == (2, 1)


def test_a_token_failing_verification_is_looked_up_but_never_kept(two_tokens, token):
    api, admin = two_tokens
    forged = token(reader="forged")[:-4] + "AAAA"
    assert counted(admin, api, [forged, forged], [401, 401]) == (2, 0, 0)


def test_the_least_recently_used_token_makes_room(two_tokens, token):
    api, admin = two_tokens
    x, y, a, b, c = (token(reader=name) for name in ("lru-x", "lru-y", "lru-a", "lru-b", "lru-c"))
    counted(admin, api, [x, y], [200, 200])  # the two places hold x and y, whatever earlier tests left
    # a and b take the places of x and y, a is used again, so c takes b's place
    assert counted(admin, api, [a, b, a, c, a, c], [200] * 6) == (6, 3, 3)
