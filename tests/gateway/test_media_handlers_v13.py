"""Custom media types of PostgREST v13 (issue 17 item 4) over real HTTP on the fixture schema: domains
named after a media type, aggregates over a table's rows or anyelement and functions returning such a
domain as handlers, the `*/*` domain, the Accept order (q values) and the JSON override."""

from __future__ import annotations

TSV = "id\tname\n1\tone\n2\ttwo\n"


def not_acceptable(r, accept: str) -> bool:
    return r.status_code == 406 and r.json() == {
        "code": "PGRST107", "details": None, "hint": None,
        "message": f"None of these media types are available: {accept}"}


def test_a_tables_aggregate_handler_renders_its_rows(client):
    r = client.get("/media_rows?order=id", headers={"Accept": "text/tab-separated-values"})
    assert (r.status_code, r.text) == (200, TSV)
    assert r.headers["Content-Type"] == "text/tab-separated-values"
    r = client.get("/rpc/media_rows_all", headers={"Accept": "text/tab-separated-values"})
    assert (r.status_code, r.text) == (200, TSV)


def test_a_tables_handler_needs_the_default_select_and_is_only_that_tables(client):
    accept = {"Accept": "text/tab-separated-values"}
    assert not_acceptable(client.get("/media_rows?select=id", headers=accept), "text/tab-separated-values")
    assert not_acceptable(client.get("/books", headers=accept), "text/tab-separated-values")


def test_an_anyelement_handler_renders_any_relation(client):
    r = client.get("/books?select=id&id=in.(1,2)&order=id", headers={"Accept": "pg/outfunc"})
    assert (r.status_code, r.text, r.headers["Content-Type"]) == (200, "(1)\n(2)\n", "pg/outfunc")
    r = client.get("/media_rows?order=id&select=name,id", headers={"Accept": "pg/outfunc"})
    assert r.text == "(one,1)\n(two,2)\n"


def test_an_application_json_handler_overrides_one_table_only(client):
    r = client.get("/json_override", headers={"Accept": "application/json"})
    assert (r.status_code, r.json()) == (200, {"overridden": True})
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert client.get("/json_override").json() == [{"id": 1}]  # */* keeps the built-in rendering
    assert client.get("/media_rows?id=eq.1", headers={"Accept": "application/json"}).json() == [
        {"id": 1, "name": "one"}]


def test_a_function_returning_a_media_type_answers_only_that_type(client):
    r = client.get("/rpc/welcome_html", headers={"Accept": "text/html"})
    assert (r.status_code, r.text, r.headers["Content-Type"]) == (200, "<h1>Welcome</h1>", "text/html")
    assert r.headers["Content-Length"] == "16"
    # Its value is text, yet the built-in text/xml rendering is not offered for it (as PostgREST).
    assert not_acceptable(client.get("/rpc/welcome_html", headers={"Accept": "text/xml"}), "text/xml")


def test_bytes_and_accept_preference_order(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/png,*/*;q=0.8"
    for accept in ("image/png", "image/png, */*", browser):
        r = client.get("/rpc/pixel", headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["Content-Type"] == "image/png", accept
        assert r.content == bytes.fromhex("89504e470d0a1a0aff00")
    # q decides before the order: JSON (q=1) before the image (q=0.5).
    r = client.get("/books?id=eq.1&select=id", headers={"Accept": "image/png;q=0.5, application/json"})
    assert r.json() == [{"id": 1}]


def test_the_any_domain_answers_every_accept(client):
    for accept in ("*/*", "app/bingo", "text/csv"):
        r = client.get("/rpc/any_bytes", headers={"Accept": accept})
        assert (r.status_code, r.content, r.headers["Content-Type"]) == (200, b"any", "application/octet-stream")
    r = client.get("/rpc/any_bytes", headers={"Accept": "app/chosen"})
    assert (r.content, r.headers["Content-Type"]) == (b"any", "app/chosen")
    r = client.get("/digits?order=val", headers={"Accept": "magic/number"})
    assert (r.status_code, r.content, r.headers["Content-Type"]) == (200, b"123", "application/octet-stream")


def test_raw_text_is_skipped_when_more_than_one_column_is_selected(client):
    r = client.get("/books?id=eq.1&select=id,title", headers={"Accept": "text/plain, application/json"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert r.json() == [{"id": 1, "title": "A Wizard of Earthsea"}]


def test_unknown_media_types_are_406_after_the_resource_is_found(client):
    assert not_acceptable(client.get("/books", headers={"Accept": "undefined"}), "undefined")
    r = client.get("/no_such_table", headers={"Accept": "undefined"})
    assert r.status_code == 404 and r.json()["code"] == "PGRST205"
    r = client.head("/media_rows", headers={"Accept": "text/tab-separated-values"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/tab-separated-values"


def test_a_write_renders_its_representation_through_the_handler(client):
    tsv = {"Accept": "text/tab-separated-values"}
    r = client.post("/media_rows", json={"id": 90, "name": "ninety"},
                    headers={**tsv, "Prefer": "return=representation"})
    assert (r.status_code, r.text, r.headers["Content-Type"]) == (201, "id\tname\n90\tninety\n",
                                                                   "text/tab-separated-values")
    # Without a representation the media type is still negotiated (no handler runs).
    assert client.delete("/media_rows?id=eq.90", headers=tsv).status_code == 204
    assert not_acceptable(client.delete("/media_rows?id=eq.90", headers={"Accept": "app/unknown"}), "app/unknown")
