"""Every odd input is a 4xx in PostgREST's error shape, never a 500 (issue 10 item 6), and a write
returns only the columns the role may read (item 7)."""

from __future__ import annotations

import time

import jwt
import psycopg
import pytest

ERROR_KEYS = {"code", "message", "details", "hint"}


def bearer(t: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {t}"}


def assert_client_error(r, status: int | None = None, code: str | None = None) -> None:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert set(r.json()) == ERROR_KEYS
    if status is not None:
        assert r.status_code == status, r.text
    if code is not None:
        assert r.json()["code"] == code, r.text


def test_form_body_with_invalid_utf8_is_400(client):
    r = client.post("/rpc/shout", content=b"x=\xff\xfe",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_client_error(r, 400, "PGRST102")


def test_nul_byte_in_a_filter_value_is_400(client):
    r = client.get("/books", params={"title": "eq.a\x00b"})
    assert_client_error(r, 400, "22021")
    assert client.get("/books?select=id&id=eq.1").json() == [{"id": 1}]  # the connection is still usable


def test_nul_byte_in_a_json_string_is_400(client, token):
    r = client.post("/items", json={"id": 990, "label": "a\x00b"}, headers=bearer(token()))
    assert_client_error(r, 400)
    # `{"": v}` names shout's unnamed parameter, which takes the whole body (JSON text, `\u0000` escaped):
    # a NUL byte reaches it only in a raw text/plain body.
    r = client.post("/rpc/shout", content=b"a\x00b", headers={"Content-Type": "text/plain"})
    assert 400 <= r.status_code < 500
    r = client.post("/rpc/remember", json={"message": "a\x00b"})
    assert_client_error(r, 400)


def test_nul_byte_in_a_form_value_is_400(client):
    r = client.post("/rpc/remember", content=b"message=a%00b",
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_client_error(r, 400)


def assert_nul_refused(r, argument: str) -> None:
    """Finding G2: refused by the gateway before the call, 400 22P05 with details and a hint."""
    assert_client_error(r, 400, "22P05")
    assert r.json()["message"] == "unsupported Unicode escape sequence"
    assert r.json()["details"] == f"\\u0000 cannot be converted to text (argument {argument})."
    assert "NUL" in r.json()["hint"]


def test_nul_in_any_rpc_argument_bound_for_text_or_jsonb_is_400_22p05_and_runs_nothing(client, token):
    auth = bearer(token("service_role"))
    assert_nul_refused(client.post("/rpc/remember", json={"message": "nul in json\x00"}, headers=auth), "message")
    assert_nul_refused(client.post("/rpc/remember", content=b"message=nul%20in%20form%00", headers={
        **auth, "Content-Type": "application/x-www-form-urlencoded"}), "message")
    assert_nul_refused(client.get("/rpc/add", params={"a": "1\x00", "b": "2"}), "a")
    assert_nul_refused(client.post("/rpc/count_args", json={"v": ["a", "b\x00"]}), "v")
    # The whole body to a single unnamed jsonb parameter, a NUL nested in it; and raw text.
    assert_nul_refused(client.post("/rpc/echo", json={"deep": [{"k": "v\x00"}]}), "the body")
    assert_nul_refused(client.post("/rpc/shout", content=b"a\x00b", headers={"Content-Type": "text/plain"}),
                       "the body")
    assert client.get("/log?message=like.nul in*").json() == []


def test_a_whole_body_for_a_json_parameter_keeps_a_nul_escape(client):
    # json (not jsonb) stores its text as given; named arguments are decoded (json_to_record), so
    # only the whole body to a single unnamed json parameter can hold one.
    r = client.post("/rpc/holds_escape", json={"k": "v\x00"})
    assert (r.status_code, r.json()) == (200, True), r.text


def test_range_with_thousands_of_digits_is_416(client):
    r = client.get("/books", headers={"Range": "0-" + "9" * 4301})
    assert_client_error(r, 416, "PGRST103")
    r = client.get("/books", headers={"Range": "9" * 30 + "-"})
    assert_client_error(r, 416, "PGRST103")


def test_limit_with_thousands_of_digits_is_400(client):
    assert_client_error(client.get("/books?limit=" + "9" * 4301), 400)
    assert_client_error(client.get("/books?offset=" + "9" * 40), 400)


def test_select_of_1700_columns_is_400(client):
    r = client.get("/books?select=" + ",".join(["id"] * 1700))
    assert_client_error(r, 400, "54011")


@pytest.mark.parametrize("method, path", [
    ("POST", "/book_titles"), ("PATCH", "/book_titles?id=eq.1"), ("DELETE", "/book_titles?id=eq.1"),
])
@pytest.mark.parametrize("role", ["authenticated", None])
def test_write_to_a_view_postgres_cannot_update_is_405(client, token, method, path, role):
    r = client.request(method, path, json={"title": "x"}, headers=bearer(token()) if role else {})
    assert_client_error(r, 405, "55000")
    assert client.get("/books?id=eq.1&select=title").json() == [{"title": "A Wizard of Earthsea"}]


def test_token_with_exp_beyond_64_bits_is_401(client, secret):
    t = jwt.encode({"role": "authenticated", "exp": 2 ** 63 + 1}, secret, algorithm="HS256")
    r = client.get("/rpc/whoami", headers=bearer(t))
    assert_client_error(r, 401, "PGRST303")
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    t = jwt.encode({"role": "authenticated", "exp": int(time.time()) + 60, "n": 10 ** 30}, secret, algorithm="HS256")
    assert_client_error(client.get("/rpc/whoami", headers=bearer(t)), 401, "PGRST303")


def test_token_with_nul_in_its_role_is_401(client, secret):
    t = jwt.encode({"role": "authenticated\x00x", "exp": int(time.time()) + 60}, secret, algorithm="HS256")
    assert_client_error(client.get("/rpc/whoami", headers=bearer(t)), 401, "PGRST303")


def test_nul_in_another_claim_is_not_a_500(client, secret):
    t = jwt.encode({"role": "authenticated", "sub": "a\x00b", "exp": int(time.time()) + 60}, secret, algorithm="HS256")
    r = client.get("/notes", headers=bearer(t))
    assert r.status_code < 500, r.text


# -- item 7: a write returns only the columns the role may read ------------------------------------

@pytest.fixture
def accounts(db_url):
    yield
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update gw.accounts set plan = 'free'")


def test_update_with_column_grants_and_return_minimal_is_204(client, token, db_url, accounts):
    r = client.patch("/accounts?id=eq.1", json={"plan": "pro"}, headers=bearer(token()))
    assert r.status_code == 204, r.text
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select plan, secret from gw.accounts where id = 1").fetchone() == ("pro", "hunter2")


def test_update_returning_the_readable_columns(client, token, accounts):
    r = client.patch("/accounts?id=eq.2&select=id,plan", json={"plan": "team"},
                     headers={**bearer(token()), "Prefer": "return=representation"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 2, "plan": "team"}]


def test_update_returning_an_unreadable_column_is_403(client, token, accounts):
    r = client.patch("/accounts?id=eq.2&select=id,secret", json={"plan": "team"},
                     headers={**bearer(token()), "Prefer": "return=representation"})
    assert_client_error(r, 403, "42501")
    assert client.get("/accounts?select=plan&id=eq.2", headers=bearer(token())).json() == [{"plan": "free"}]
