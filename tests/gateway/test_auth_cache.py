"""Verified tokens are kept (auth.VERIFIED_TOKENS) without changing any answer: a kept token is
checked against the clock again, another key or a changed token is verified afresh."""

from __future__ import annotations

import time

import jwt
import pytest

from avenir_gateway import auth
from avenir_gateway.config import Config
from avenir_gateway.errors import ApiError

SECRET = "s" * 40


def authenticator() -> auth.Authenticator:
    return auth.Authenticator(Config(jwt_secret=SECRET, db_anon_role="anon"))


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


def test_the_kept_tokens_are_bounded():
    a = authenticator()
    for n in range(auth.VERIFIED_TOKENS + 50):
        a.identify("Bearer " + jwt.encode({"role": "authenticated", "n": n}, SECRET, algorithm="HS256"))
    assert len(a._verified) == auth.VERIFIED_TOKENS
