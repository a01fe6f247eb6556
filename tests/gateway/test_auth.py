"""JWT authentication (§1.10): every failure is a 401 with WWW-Authenticate and the right PGRST code."""

from __future__ import annotations

import base64
import socket
import time

import httpx
import jwt
import orjson
import pytest


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(data)).rstrip(b"=").decode()


def assert_jwt_error(r, code: str, message: str) -> None:
    assert r.status_code == 401, r.text
    assert r.json() == {"code": code, "message": message, "details": None, "hint": None}
    assert r.headers["www-authenticate"] == f'Bearer error="invalid_token", error_description="{message}"'
    assert r.headers["proxy-status"] == f"PostgREST; error={code}"


def bearer(tok: str) -> dict:
    return {"Authorization": f"Bearer {tok}"}


def test_valid_token_switches_role_and_exposes_claims(client, token):
    r = client.get("/rpc/whoami", headers=bearer(token("authenticated", sub="alice", email="a@example.test")))
    body = r.json()
    assert body["role"] == "authenticated"
    assert body["claims"]["sub"] == "alice" and body["claims"]["role"] == "authenticated"


def test_no_token_is_the_anonymous_role(client):
    assert client.get("/rpc/whoami").json()["role"] == "anon"
    assert client.get("/rpc/whoami", headers={"Authorization": "Basic dXNlcjpwYXNz"}).json()["role"] == "anon"


def test_token_without_role_claim_is_anonymous(client, token):
    assert client.get("/rpc/whoami", headers=bearer(token(None, sub="x"))).json()["role"] == "anon"


def test_bearer_scheme_is_case_insensitive(client, token):
    r = client.get("/rpc/whoami", headers={"Authorization": f"bearer {token('service_role')}"})
    assert r.json()["role"] == "service_role"


def raw_get(url: str, path: str, authorization: str) -> httpx.Response:
    """A request with a header value httpx refuses to send (trailing space), over a plain socket."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {authorization}\r\n"
                  "Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(line.split(": ", 1)) for line in lines[1:]]
    return httpx.Response(int(lines[0].split()[1]), headers=headers, content=body)


@pytest.mark.parametrize("authorization", ["Bearer ", "Bearer"])
def test_empty_bearer(gateway, authorization):
    assert_jwt_error(raw_get(gateway.url, "/books", authorization), "PGRST301",
                     "Empty JWT is sent in Authorization header")


@pytest.mark.parametrize("value, parts", [("abc", 1), ("a.b", 2), ("a.b.c.d", 4)])
def test_wrong_number_of_parts(client, value, parts):
    assert_jwt_error(client.get("/books", headers=bearer(value)), "PGRST301", f"Expected 3 parts in JWT; got {parts}")


def test_malformed_token(client):
    assert_jwt_error(client.get("/books", headers=bearer("x.y.z")), "PGRST301", "JWT cryptographic operation failed")


def test_alg_none_is_refused(client):
    tok = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({'role': 'service_role'})}."
    assert_jwt_error(client.get("/books", headers=bearer(tok)), "PGRST301", "Wrong or unsupported encoding algorithm")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_other_algorithm_is_refused(client, secret):
    tok = jwt.encode({"role": "service_role"}, secret, algorithm="HS512")
    assert_jwt_error(client.get("/books", headers=bearer(tok)), "PGRST301", "Wrong or unsupported encoding algorithm")


def test_wrong_signature(client):
    tok = jwt.encode({"role": "service_role"}, "another-secret-that-is-long-enough-1234", algorithm="HS256")
    assert_jwt_error(client.get("/books", headers=bearer(tok)), "PGRST301", "JWT cryptographic operation failed")


def test_expired_token(client, token):
    assert_jwt_error(client.get("/books", headers=bearer(token(exp=int(time.time()) - 60))), "PGRST303",
                     "JWT expired")


def test_expiry_has_thirty_seconds_of_skew(client, token):
    r = client.get("/rpc/whoami", headers=bearer(token(exp=int(time.time()) - 10)))
    assert r.status_code == 200 and r.json()["role"] == "authenticated"


def test_not_yet_valid_and_issued_in_the_future(client, token):
    assert_jwt_error(client.get("/books", headers=bearer(token(nbf=int(time.time()) + 120))), "PGRST303",
                     "JWT not yet valid")
    assert_jwt_error(client.get("/books", headers=bearer(token(iat=int(time.time()) + 120))), "PGRST303",
                     "JWT issued at future")


def test_non_numeric_exp(client, token):
    assert_jwt_error(client.get("/books", headers=bearer(token(exp="tomorrow"))), "PGRST303",
                     "The JWT 'exp' claim must be a number")


def test_role_that_does_not_exist_is_401(client, token):
    r = client.get("/books", headers=bearer(token("nobody_here")))
    assert r.status_code == 401
    assert r.json()["code"] == "22023"
    assert r.json()["message"] == 'role "nobody_here" does not exist'


def test_rls_by_role_and_claims(client, token):
    anon = client.get("/notes?select=body&order=id").json()
    assert anon == [{"body": "alice public"}]
    alice = client.get("/notes?select=body&order=id", headers=bearer(token(sub="alice"))).json()
    assert alice == [{"body": "alice private"}, {"body": "alice public"}]
    bob = client.get("/notes?select=body&order=id", headers=bearer(token(sub="bob"))).json()
    assert bob == [{"body": "bob private"}]


def test_rls_refuses_writes_for_another_user(client, token):
    r = client.post("/notes", json={"owner": "alice", "body": "forged by bob"}, headers=bearer(token(sub="bob")))
    assert r.status_code == 403 and r.json()["code"] == "42501"
    r = client.patch("/notes?owner=eq.alice", json={"body": "defaced"},
                     headers={**bearer(token(sub="bob")), "Prefer": "return=representation"})
    assert r.status_code == 200 and r.json() == []
    alice = client.get("/notes?select=body&order=id", headers=bearer(token(sub="alice"))).json()
    assert alice == [{"body": "alice private"}, {"body": "alice public"}]


def test_table_without_grant_is_401_for_anon_and_403_for_a_user(client, token):
    r = client.get("/hidden")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/hidden", headers=bearer(token())).status_code == 403
    # A token without a role claim is the anonymous role, for the status too (PostgREST compares the
    # role with db-anon-role): 401 with the bare challenge, as without a token.
    for anonymous in (token(None), token("anon")):
        r = client.get("/hidden", headers=bearer(anonymous))
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["code"] == "42501"
    assert client.get("/rpc/whoami", headers=bearer(token(None))).json()["role"] == "anon"
