"""Verified tokens are kept (jwt-cache-max-entries) without changing any answer: a kept token is
checked against the clock again, another key or a changed token is verified afresh; lookups, hits and
evictions are counted."""

from __future__ import annotations

import time

import jwt
import pytest

from avenir_gateway import auth
from avenir_gateway.config import Config
from avenir_gateway.errors import ApiError

SECRET = "s" * 40


def authenticator(**settings) -> auth.Authenticator:
    return auth.Authenticator(Config(jwt_secret=SECRET, db_anon_role="anon", **settings))


def bearer(**claims) -> str:
    return "Bearer " + jwt.encode(claims, SECRET, algorithm="HS256")


def test_a_kept_token_expires_on_time(monkeypatch):
    a = authenticator()
    now = time.time()
    token = jwt.encode({"role": "authenticated", "exp": int(now) - auth.SKEW_SECONDS + 5}, SECRET, algorithm="HS256")
    assert a.identify(f"Bearer {token}").role == "authenticated"
    assert a.identify(f"Bearer {token}").role == "authenticated"  # from the kept ones
    monkeypatch.setattr(auth.time, "time", lambda: now + 10)
    with pytest.raises(ApiError) as err:
        a.identify(f"Bearer {token}")
    assert (err.value.code, err.value.message) == ("PGRST303", "JWT expired")


def test_a_tampered_token_is_not_taken_for_a_kept_one():
    a = authenticator()
    token = jwt.encode({"role": "authenticated"}, SECRET, algorithm="HS256")
    assert a.identify(f"Bearer {token}").authenticated
    forged = jwt.encode({"role": "service_role"}, "other" * 8, algorithm="HS256")
    with pytest.raises(ApiError) as err:
        a.identify(f"Bearer {forged}")
    assert err.value.code == "PGRST301"


def test_the_kept_tokens_are_bounded_by_jwt_cache_max_entries():
    a = authenticator(jwt_cache_max_entries=20)
    for n in range(70):
        a.identify(bearer(role="authenticated", n=n))
    assert len(a._verified) == 20
    assert (a.counters.requests, a.counters.hits, a.counters.evictions) == (70, 0, 50)


def counts(a: auth.Authenticator) -> tuple[int, int, int]:
    return a.counters.requests, a.counters.hits, a.counters.evictions


def test_an_expired_token_is_kept_and_refused_each_time():
    a = authenticator()
    token = bearer(role="authenticated", exp=1)
    for _ in range(2):
        with pytest.raises(ApiError) as err:
            a.identify(token)
        assert err.value.message == "JWT expired"
    assert counts(a) == (2, 1, 0)


def test_a_token_that_fails_verification_is_looked_up_but_never_kept():
    a = authenticator()
    for _ in range(2):
        with pytest.raises(ApiError):
            a.identify("Bearer not a token")
    assert counts(a) == (2, 0, 0) and not a._verified


def test_the_least_recently_used_token_makes_room():
    a = authenticator(jwt_cache_max_entries=2)
    first, second, third = (bearer(role="authenticated", n=n) for n in range(3))
    for token in (first, second, first, third, first, third):  # `second` is dropped, the others stay
        a.identify(token)
    assert counts(a) == (6, 3, 1)


def test_zero_entries_keeps_no_token_and_counts_nothing():
    a = authenticator(jwt_cache_max_entries=0)
    token = bearer(role="authenticated")
    assert a.identify(token).role == a.identify(token).role == "authenticated"
    assert counts(a) == (0, 0, 0) and not a._verified


def test_a_token_without_role_is_refused_after_its_time_claims_without_anonymous_role():
    a = auth.Authenticator(Config(jwt_secret=SECRET))
    with pytest.raises(ApiError) as err:
        a.identify(bearer(exp=1))
    assert (err.value.code, err.value.message) == ("PGRST303", "JWT expired")
    with pytest.raises(ApiError) as err:
        a.identify(bearer(id="jdoe"))
    assert err.value.code == "PGRST302"
