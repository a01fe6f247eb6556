"""Tokens a stranger can send (item 9's JWT suite), over real HTTP: none is ever a 5xx, and none but a
token signed with the API's secret for a real API role gets past the anon role's rights."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from conftest import assert_postgrest_error

from avenir.local import configure

PROTECTED = "/clients?select=client_id"  # anon has no grant on it: 401; a tenant sees its own row


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def raw_token(header: dict, claims: dict, key: bytes | None, digest=hashlib.sha256) -> str:
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    signature = b64(hmac.new(key, signing_input.encode(), digest).digest()) if key is not None else ""
    return f"{signing_input}.{signature}"


@pytest.fixture(scope="module")
def secret(cluster) -> str:
    return configure.jwt_secret(cluster)


def now() -> int:
    return int(time.time())


def get(http, token: str | None, path: str = PROTECTED):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return http.get(path, headers=headers)


def test_no_token_is_the_anon_role(http):
    assert http.get("/intent_translations?select=intent_en&limit=1").status_code == 200
    denied = get(http, None)
    assert denied.status_code == 401 and assert_postgrest_error(denied)["code"] == "42501"


def test_a_good_token_is_accepted(http, secret):
    assert get(http, jwt.encode({"role": "authenticated", "exp": now() + 60}, secret)).status_code == 200


REFUSED = {
    "forged": lambda s: jwt.encode({"role": "service_role"}, "not the secret " + s),
    "expired": lambda s: jwt.encode({"role": "service_role", "exp": now() - 3600}, s),
    "not_yet_valid": lambda s: jwt.encode({"role": "service_role", "nbf": now() + 3600}, s),
    "issued_in_the_future": lambda s: jwt.encode({"role": "service_role", "iat": now() + 3600}, s),
    "alg_none": lambda s: raw_token({"alg": "none", "typ": "JWT"}, {"role": "service_role"}, None),
    "alg_none_signed": lambda s: raw_token({"alg": "none"}, {"role": "service_role"}, s.encode()),
    "rs256_header_hmac_signature": lambda s: raw_token({"alg": "RS256"}, {"role": "service_role"}, s.encode()),
    "hs512": lambda s: raw_token({"alg": "HS512"}, {"role": "service_role"}, s.encode(), hashlib.sha512),
    "es256_header": lambda s: raw_token({"alg": "ES256"}, {"role": "service_role"}, s.encode()),
    "two_parts": lambda s: ".".join(jwt.encode({"role": "service_role"}, s).split(".")[:2]),
    "garbage": lambda s: "not.a.jwt",
    "empty_signature": lambda s: jwt.encode({"role": "service_role"}, s).rsplit(".", 1)[0] + ".",
    "exp_as_text": lambda s: jwt.encode({"role": "service_role", "exp": "tomorrow"}, s),
    "exp_negative_huge": lambda s: raw_token({"alg": "HS256"}, {"role": "service_role", "exp": -(2**70)}, s.encode()),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_token_is_a_401_in_postgrest_shape(http, secret, case):
    response = get(http, REFUSED[case](secret))
    assert response.status_code == 401, (case, response.status_code, response.text)
    assert assert_postgrest_error(response)["code"].startswith("PGRST30"), response.text


SIGNED_ODD_ROLES = {
    "unknown_role": {"role": "no_such_role"},
    "role_postgres": {"role": "postgres"},
    "role_authenticator": {"role": "authenticator"},
    "role_pg_read_all_data": {"role": "pg_read_all_data"},
    "role_with_nul": {"role": "service_role\u0000"},
    "role_number": {"role": 7},
    "role_list": {"role": ["service_role"]},
    "role_object": {"role": {"name": "service_role"}},
    "role_empty": {"role": ""},
    "role_sql": {"role": "service_role; reset role"},
}


# G3 (NUL in the role claim) and G4 (integer claims past 64 bits) answered 500 before the gateway's
# claim checks (tests/gateway/test_odd_input.py).


@pytest.mark.parametrize("case", sorted(SIGNED_ODD_ROLES))
def test_a_signed_token_for_a_role_that_is_not_an_api_role_gains_nothing(http, secret, case):
    token = jwt.encode(SIGNED_ODD_ROLES[case], secret)
    response = get(http, token)
    assert 400 <= response.status_code < 500, (case, response.status_code, response.text)
    assert_postgrest_error(response)


HUGE_NUMBERS = {
    "exp_2_pow_64": {"exp": 2**64}, "exp_2_pow_63": {"exp": 2**63}, "exp_1e308": {"exp": 1e308},
    "nbf_2_pow_64_negative": {"nbf": -(2**64)}, "iat_2_pow_70_negative": {"iat": -(2**70)},
    "client_id_number": {"client_id": 2**80}, "exp_fraction": {"exp": now() + 60.5},
}


@pytest.mark.parametrize("case", sorted(HUGE_NUMBERS))
def test_huge_numeric_claims_are_a_2xx_or_a_4xx_never_a_5xx(http, secret, case):
    token = raw_token({"alg": "HS256", "typ": "JWT"}, {"role": "authenticated", **HUGE_NUMBERS[case]},
                      secret.encode())
    response = get(http, token)
    assert response.status_code < 300 or 400 <= response.status_code < 500, (case, response.status_code,
                                                                              response.text)
    if response.status_code >= 400:
        assert_postgrest_error(response)


def test_an_oversized_token_is_refused_or_served_as_its_role_never_a_5xx(http, secret):
    token = jwt.encode({"role": "anon", "padding": "x" * 60_000}, secret)
    response = get(http, token, "/intent_translations?select=intent_en&limit=1")
    assert response.status_code in (200, 400, 401, 413, 431), (response.status_code, response.text[:200])
    forged = jwt.encode({"role": "service_role", "padding": "x" * 60_000}, "a wrong secret of 32 characters!")
    assert get(http, forged).status_code in (400, 401, 413, 431)
