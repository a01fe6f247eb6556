"""How PostgREST v13 builds and times its statements (issue 17 items 4, 5 and 8), over real HTTP on
the fixture schema: the arguments of a query string or form are cast in the call itself (so
PostgreSQL inlines a SQL function), a JSON body's are read from the body; a handler's jsonb value is
sent in its binary form, led by jsonb's format version byte; the body is json in the plan, after a
write's location; an exact count of an unlimited page is the page's own count; Server-Timing times
the stages run up to an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config, variant_client

from avenir.local.cluster import free_port

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PLAN_TEXT = {"Accept": "application/vnd.pgrst.plan"}
PLAN_VERBOSE = {"Accept": "application/vnd.pgrst.plan+json; options=verbose"}
STAGE = r"(\w+);dur=\d+\.\d"


@pytest.fixture(scope="module")
def timed(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """A gateway with server-timing-enabled and no db-max-rows (nothing limits a page by itself)."""
    port = free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{"server-timing-enabled": "true"})
    unlimited = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("db-max-rows"))
    gw = start_gateway(unlimited, gw_workdir, port, name="gwrpc-timed")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()


def stages(r) -> tuple[str, ...]:
    return tuple(m for m in re.findall(STAGE, r.headers["Server-Timing"]))


def test_a_jsonb_handler_answers_with_the_binary_format_version_first(client):
    r = client.get("/rpc/gwrpc_doc", headers={"Accept": "application/vnd.gwrpc+json"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/vnd.gwrpc+json"
    assert r.content == b'\x01{"kind": "doc"}'


def test_a_json_handler_has_no_version_byte(client):
    r = client.get("/json_override", headers={"Accept": "application/json"})
    assert r.content == b'{"overridden": true}'


def test_query_string_arguments_let_a_sql_function_inline(client):
    r = client.get("/rpc/gwrpc_books_between?lo=1&hi=2&select=id&order=id")
    assert (r.status_code, r.json()) == (200, [{"id": 1}, {"id": 2}])
    plan = client.get("/rpc/gwrpc_books_between?lo=1&hi=2", headers=PLAN_TEXT)
    assert plan.status_code == 200, plan.text
    assert "gwrpc_books_between" not in plan.text  # inlined: its body is planned, not a Function Scan
    assert "books" in plan.text


def test_form_arguments_are_cast_in_the_call_too(client):
    r = client.post("/rpc/gwrpc_books_between?select=id&order=id", content="lo=2&hi=3", headers=FORM)
    assert (r.status_code, r.json()) == (200, [{"id": 2}, {"id": 3}])
    plan = client.post("/rpc/gwrpc_books_between", content="lo=2&hi=3", headers={**FORM, **PLAN_TEXT})
    assert "gwrpc_books_between" not in plan.text


def test_json_body_arguments_still_reach_the_function(client):
    r = client.post("/rpc/gwrpc_books_between?select=id&order=id", json={"lo": 1, "hi": 1})
    assert (r.status_code, r.json()) == (200, [{"id": 1}])


def test_a_repeated_query_parameter_is_the_variadic_array(client):
    assert client.get("/rpc/gwrpc_joined?parts=a&parts=b%22c&parts=d%5Ce").json() == 'a+b"c+d\\e'
    assert client.get("/rpc/gwrpc_joined?parts=solo").json() == "solo"
    r = client.post("/rpc/gwrpc_joined", content="parts=x&parts=y", headers=FORM)
    assert (r.status_code, r.json()) == (200, "x+y")


def test_a_query_string_argument_of_the_wrong_type_is_the_databases_error(client):
    r = client.get("/rpc/gwrpc_books_between?lo=one&hi=2")
    assert r.status_code == 400
    assert r.json()["code"] == "22P02"


def test_server_timing_stops_at_the_stage_that_failed(timed):
    r = timed.get("/books", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and stages(r) == ("jwt",)
    r = timed.get("/books?id=bogus")  # not a filter: the parse fails
    assert r.status_code == 400 and stages(r) == ("jwt", "parse")
    r = timed.get("/books?id=eq.bogus")  # the database refuses the value
    assert r.status_code == 400 and stages(r) == ("jwt", "parse", "plan", "transaction")


def test_the_plan_shows_the_body_as_json(client):
    r = client.get("/books?select=id", headers=PLAN_VERBOSE)
    assert r.status_code == 200, r.text
    assert r.json()[0]["Plan"]["Output"][2] == "COALESCE(json_agg(ROW(books.id)), '[]'::json)"
    singular = {"Accept": 'application/vnd.pgrst.plan+json; for="application/vnd.pgrst.object"; options=verbose',
                "Prefer": "return=representation"}
    r = client.delete("/media_rows?id=eq.1&select=id", headers=singular)
    assert r.status_code == 200, r.text
    # A write's columns: total, page count, location, then the body.
    assert r.json()[0]["Plan"]["Output"][3] == "COALESCE((json_agg(ROW(media_rows.id)) -> 0), 'null'::json)"
    assert client.get("/media_rows?id=eq.1&select=id").json() == [{"id": 1}]  # the plan ran nothing


def test_an_exact_count_of_an_unlimited_page_is_the_pages_own(timed):
    client = timed
    analyze = {"Accept": "application/vnd.pgrst.plan+json; options=analyze", "Prefer": "count=exact"}
    r = client.get("/books?select=id", headers=analyze)
    assert r.status_code == 200, r.text
    assert r.text.count('"Aggregate"') == 1  # one count: no second scan of the filtered rows
    r = client.get("/books?select=id&limit=1", headers=analyze)
    assert r.text.count('"Aggregate"') == 2  # a limited page counts its rows apart
    r = client.get("/books?select=id&order=id", headers={"Prefer": "count=exact"})
    total = len(r.json())
    assert r.headers["Content-Range"] == f"0-{total - 1}/{total}"
    r = client.get("/books?select=id&limit=1&order=id", headers={"Prefer": "count=exact"})
    assert r.headers["Content-Range"] == f"0-0/{total}"


@pytest.fixture(scope="module")
def unprepared(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "gwrpc-unprepared",
                              **{"db-prepared-statements": "false"})


def test_prepared_statements_off_prepare_nothing(client, unprepared):
    assert client.get("/rpc/gwrpc_prepared").json() > 0  # the default: this call's statements are prepared
    for _ in range(3):
        assert unprepared.get("/books?select=id&id=eq.1").status_code == 200
    r = unprepared.get("/rpc/gwrpc_prepared")
    assert (r.status_code, r.json()) == (200, 0)
