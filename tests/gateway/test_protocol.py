"""The transaction protocol (§1.11) and error mapping (§1.12-§1.14): GUCs, pre-request, response GUCs,
custom errors, PGRST100 parse errors."""

from __future__ import annotations

import pytest


def test_request_gucs(client):
    r = client.get("/rpc/whoami", headers={"X-Trace": "t-1", "Cookie": "session=abc; theme=dark"})
    body = r.json()
    assert body["method"] == "GET"
    assert body["path"] == "/rpc/whoami"
    assert body["headers"]["x-trace"] == "t-1"
    assert "cookie" not in body["headers"]
    assert body["cookies"] == {"session": "abc", "theme": "dark"}
    assert body["search_path"] == '"gw", "public", "extensions"'
    assert body["claims"] == {"role": "anon"}


def test_app_settings_from_config_with_env_interpolation(client):
    assert client.get("/rpc/whoami").json()["greeting"] == "hello from the environment"


def test_rest_v1_path_is_reported_without_prefix(client):
    assert client.post("/rest/v1/rpc/whoami", json={}).json()["path"] == "/rpc/whoami"


def test_pre_request_can_refuse(client):
    r = client.get("/books", headers={"X-Block": "yes"})
    assert r.status_code == 403
    assert r.json() == {"code": "PT403", "message": "Blocked by pre-request", "details": None, "hint": "Remove x-block"}


def test_response_status_and_headers_gucs(client):
    r = client.get("/rpc/teapot")
    assert r.status_code == 418
    assert r.headers["x-brewed"] == "yes"
    assert r.headers["cache-control"] == "no-store"
    assert r.json() == "short and stout"


def test_bad_response_status_guc_is_pgrst112(client):
    r = client.get("/rpc/bad_status")
    assert r.status_code == 500 and r.json()["code"] == "PGRST112"


def test_pt_sqlstate_sets_the_status(client):
    r = client.post("/rpc/raise_payment", json={})
    assert r.status_code == 402
    assert r.json() == {"code": "PT402", "message": "Payment Required", "details": "Quota exceeded",
                        "hint": "Upgrade your plan"}
    assert r.headers["proxy-status"] == "PostgREST; error=PT402"


def test_pgrst_sqlstate_gives_full_control(client):
    r = client.post("/rpc/raise_custom", json={})
    assert r.status_code == 409
    assert r.headers["x-custom"] == "yes"
    assert r.json() == {"code": "123", "message": "Custom message", "details": "Custom details",
                        "hint": "Custom hint"}


def test_plain_raise_is_400_p0001(client):
    r = client.post("/rpc/raise_plain", json={})
    assert r.status_code == 400
    assert r.json() == {"code": "P0001", "message": "plain failure", "details": None, "hint": "do something else"}


@pytest.mark.parametrize("query, message, details", [
    ("select=id,,title", '"failed to parse select parameter (id,,title)" (line 1, column 4)', None),
    ("id=eqq.1", '"failed to parse filter (eqq.1)" (line 1, column 1)', None),
    ("id=in.(1,2", '"failed to parse filter (in.(1,2)" (line 1, column 11)', None),
    ("or=(id.eq.1", '"failed to parse logic tree (id.eq.1)" (line 1, column 1)', None),
    ("or=id.eq.1", '"failed to parse logic tree (id.eq.1)" (line 1, column 1)', None),
    ("order=id.sideways", '"failed to parse order (id.sideways)" (line 1, column 4)', None),
    ("id=is.maybe", '"failed to parse filter (is.maybe)" (line 1, column 4)', None),
])
def test_parse_errors_are_pgrst100(client, query, message, details):
    r = client.get(f"/books?{query}")
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["code"] == "PGRST100"
    assert body["message"].startswith('"failed to parse ')
    assert "(line 1, column" in body["message"]
    assert body["details"]


def test_parse_error_message_shape(client):
    r = client.get("/books?id=eqq.1")
    assert r.json()["message"] == '"failed to parse filter (eqq.1)" (line 1, column 1)'
    assert r.json()["details"] == 'unexpected "e" expecting "not" or operator (eq, gt, ...)'


def test_strict_handling_refuses_unknown_preferences(client):
    r = client.get("/books", headers={"Prefer": "handling=strict, foo=bar"})
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST122"
    assert r.json()["details"] == "Invalid preferences: foo=bar"
    assert client.get("/books", headers={"Prefer": "foo=bar"}).status_code == 200


def test_options_lists_allowed_methods(client):
    assert client.options("/books").headers["allow"] == "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE"
    assert client.options("/book_titles").headers["allow"] == "OPTIONS,GET,HEAD"


def test_impersonated_role_settings_apply(client, token, db_url):
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        # The role's own limit (db/roles.sql) comes back afterwards: later tests rely on it.
        before = conn.execute("select coalesce((select c from pg_db_role_setting s, unnest(s.setconfig) c "
                              "where s.setrole = 'authenticated'::regrole and s.setdatabase = 0 "
                              "and c like 'statement_timeout=%'), '') as c").fetchone()[0]
        conn.execute("alter role authenticated set statement_timeout = '1234ms'")
        conn.execute("notify pgrst, 'reload schema'")
    try:
        import time

        auth = {"Authorization": f"Bearer {token()}"}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if client.get("/rpc/setting?name=statement_timeout", headers=auth).json() == "1234ms":
                break
            time.sleep(0.2)
        assert client.get("/rpc/setting?name=statement_timeout", headers=auth).json() == "1234ms"
        assert client.get("/rpc/setting?name=statement_timeout").json() != "1234ms"
    finally:
        with psycopg.connect(db_url, autocommit=True) as conn:
            if before:
                conn.execute(psycopg.sql.SQL("alter role authenticated set statement_timeout = {}").format(
                    psycopg.sql.Literal(before.split("=", 1)[1])))
            else:
                conn.execute("alter role authenticated reset statement_timeout")
            conn.execute("notify pgrst, 'reload schema'")


def test_prefer_timezone(client):
    r = client.get("/rpc/setting?name=TimeZone", headers={"Prefer": "timezone=America/Los_Angeles"})
    assert r.json() == "America/Los_Angeles"
    r = client.get("/rpc/setting?name=TimeZone", headers={"Prefer": "timezone=Not/AZone"})
    assert r.status_code == 200 and r.json() != "Not/AZone"
    r = client.get("/books?limit=1", headers={"Prefer": "timezone=Europe/Paris"})
    assert r.headers["preference-applied"] == "timezone=Europe/Paris"
    r = client.get("/books", headers={"Prefer": "handling=strict, timezone=Not/AZone"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST122"


def test_cors_preflight_and_exposed_headers(client):
    r = client.options("/books", headers={"Origin": "http://127.0.0.1:8080", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "apikey, content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    # the CORS simple methods and headers are always listed too (PostgREST's wai-cors middleware)
    assert r.headers["access-control-allow-methods"] == "GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD"
    assert r.headers["access-control-allow-headers"] == ("Authorization, apikey, content-type, Accept, "
                                                         "Accept-Language, Content-Language")
    assert r.headers["access-control-max-age"] == "86400"
    r = client.get("/books?limit=1", headers={"Origin": "http://127.0.0.1:8080"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "Content-Range" in r.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in client.get("/books?limit=1").headers
