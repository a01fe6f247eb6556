"""Error answers as PostgREST v13 gives them (issue 17 item 8, gwq2): the status of a cardinality
violation (a write guard's refusal is the client's fault, any other is the server's), the
Proxy-Status header naming every error's code, and the error body's exact bytes (compact, keys in
the order PostgREST writes them); over real HTTP on the fixture schema."""


def test_a_guard_refusing_a_write_without_where_is_a_client_error(client):
    r = client.patch("/gwq2_guarded", json={"note": "changed"})
    assert r.status_code == 400, r.text
    assert r.json() == {"code": "21000", "details": None, "hint": None,
                        "message": "UPDATE requires a WHERE clause"}
    assert r.headers["Proxy-Status"] == "PostgREST; error=21000"
    assert client.get("/gwq2_guarded?select=note").json() == [{"note": "kept"}]


def test_any_other_cardinality_violation_is_a_server_error(client):
    r = client.get("/rpc/gwq2_two_rows")
    assert r.status_code == 500, r.text
    body = r.json()
    assert body["code"] == "21000"
    assert body["message"] == "more than one row returned by a subquery used as an expression"


def test_every_error_names_its_code_in_proxy_status(client):
    answers = {
        "/gwq2_nothing_here": (404, "PGRST205"),  # a table the schema cache does not know
        "/gwq2_guarded/extra/steps": (404, "PGRST125"),  # a path that is no resource
        "/gwq2_guarded?select=note::integer": (400, "22P02"),  # PostgreSQL's own code
        "/rpc/raise_payment": (402, "PT402"),  # RAISE SQLSTATE 'PTxyz' sets the status
        "/rpc/raise_custom": (409, "123"),  # RAISE SQLSTATE 'PGRST': the code of its JSON message
    }
    for path, (status, code) in answers.items():
        r = client.get(path)
        assert (r.status_code, r.json()["code"]) == (status, code), (path, r.text)
        assert r.headers["Proxy-Status"] == f"PostgREST; error={code}", path
    r = client.get("/gwq2_guarded", headers={"Authorization": "Bearer two.parts"})
    assert (r.status_code, r.json()["code"]) == (401, "PGRST301")
    assert r.headers["Proxy-Status"] == "PostgREST; error=PGRST301"


def test_an_error_body_is_compact_with_postgrest_key_order(client):
    r = client.get("/gwq2_guarded/extra/steps")
    expected = (b'{"code":"PGRST125","details":null,"hint":null,'
                b'"message":"Invalid path specified in request URL"}')
    assert r.content == expected
    assert r.headers["Content-Length"] == str(len(expected))
