"""RPC calls as PostgREST v13 makes them (issue 17 item 5), over real HTTP on the fixture schema:
PGRST202 hints chosen by PostgREST's fuzzy rule, `Prefer: params=single-object`, json and jsonb
unnamed overloads, CSV and form bodies as arguments, char/bit arguments, the RAISE rules and a
response header set twice by the response.headers setting."""

from __future__ import annotations

SINGLE = {"Prefer": "params=single-object"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TRY_RENAMING = ("Try renaming the parameters or the function itself in the database so function overloading "
                "can be resolved")


def test_an_extra_argument_is_hinted_with_the_closest_overload(client):
    r = client.get("/rpc/gwrpc_pick?a=x&b=y&extra=z")
    assert r.status_code == 404
    assert r.json() == {
        "code": "PGRST202",
        "message": "Could not find the function gw.gwrpc_pick(a, b, extra) in the schema cache",
        "details": "Searched for the function gw.gwrpc_pick with parameters a, b, extra, but no matches were "
                   "found in the schema cache.",
        "hint": "Perhaps you meant to call the function gw.gwrpc_pick(a, b)"}
    # A list sharing no letter group with any overload's is hinted with nothing.
    assert client.get("/rpc/gwrpc_pick?zzz=1").json()["hint"] is None


def test_a_raw_body_or_single_object_search_has_no_hint(client):
    r = client.post("/rpc/gwrpc_pick", content=b"words", headers={"Content-Type": "text/plain"})
    assert (r.status_code, r.json()["hint"]) == (404, None)
    r = client.post("/rpc/add", json={"a": 1}, headers=SINGLE)
    assert r.status_code == 404
    assert r.json() == {
        "code": "PGRST202", "message": "Could not find the function gw.add in the schema cache",
        "details": "Searched for the function gw.add with a single json/jsonb parameter, but no matches were found "
                   "in the schema cache.",
        "hint": None}


def test_single_object_passes_the_whole_body_to_the_one_json_parameter(client):
    body = {"doc": 1, "other": {"nested": [1, 2]}}
    r = client.post("/rpc/gwrpc_doc", json=body, headers=SINGLE)
    assert (r.status_code, r.json()) == (200, body)
    # Without the preference the keys are the arguments: `doc` alone is the parameter.
    assert client.post("/rpc/gwrpc_doc", json={"doc": {"k": 1}}).json() == {"k": 1}
    r = client.post("/rpc/gwrpc_doc", content=b"a=1&b=two+words", headers={**SINGLE, **FORM})
    assert r.json() == {"a": "1", "b": "two words"}
    assert client.get("/rpc/gwrpc_doc?p=1&p=2&q=x", headers=SINGLE).json() == {"p": "2", "q": "x"}


def test_json_and_jsonb_unnamed_overloads_make_a_json_body_ambiguous(client):
    r = client.post("/rpc/gwrpc_either", json={"k": 1})
    assert r.status_code == 300
    assert r.json() == {
        "code": "PGRST203",
        "message": "Could not choose the best candidate function between: gw.gwrpc_either( => json), "
                   "gw.gwrpc_either( => jsonb)",
        "details": None, "hint": TRY_RENAMING}


def test_csv_and_form_bodies_are_named_arguments_never_a_whole_json_body(client):
    r = client.post("/rpc/add", content=b"a,b\n1,2\n30,40", headers={"Content-Type": "text/csv"})
    assert (r.status_code, r.json()) == (200, 3)  # the first line of values
    r = client.post("/rpc/echo", content=b"x\n1", headers={"Content-Type": "text/csv"})
    assert r.status_code == 404
    assert r.json()["message"] == "Could not find the function gw.echo(x) in the schema cache"
    assert r.json()["details"] == ("Searched for the function gw.echo with parameter x, but no matches were found "
                                   "in the schema cache.")
    r = client.post("/rpc/echo", content=b"x=1", headers=FORM)
    assert r.status_code == 404


def test_a_form_key_repeated_is_an_array_for_a_variadic_parameter(client):
    assert client.post("/rpc/count_args", content=b"v=a&v=b&v=c", headers=FORM).json() == 3
    assert client.post("/rpc/count_args", content=b"v=a", headers=FORM).json() == 1
    # A repeated key of a parameter that is not variadic keeps its last value.
    assert client.post("/rpc/add", content=b"a=100&a=1&b=2", headers=FORM).json() == 3


def test_char_and_bit_arguments_are_not_cut_to_one_character(client):
    r = client.get("/rpc/gwrpc_codes?code=abcdef&bits=101010")
    assert (r.status_code, r.json()) == (200, [{"code": "abcdef", "bits": "101010"}])
    r = client.post("/rpc/gwrpc_codes", json={"code": "ab", "bits": "1"})
    assert r.json() == [{"code": "ab", "bits": "1"}]


def test_pt_followed_by_no_number_is_500(client):
    r = client.get("/rpc/gwrpc_raise_odd")
    assert (r.status_code, r.json()["code"], r.json()["message"]) == (500, "PTABC", "not a status")
    assert client.get("/rpc/raise_payment").status_code == 402


def test_a_pgrst_raise_postgrest_cannot_read_is_500_pgrst121(client):
    parse = "Could not parse JSON in the \"RAISE SQLSTATE 'PGRST'\" error"
    detail_hint = ("DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: "
                   "'status_text'.")
    r = client.get("/rpc/gwrpc_raise_bad?part=message")
    assert r.status_code == 500
    assert r.json() == {
        "code": "PGRST121", "message": parse, "details": "Invalid JSON value for MESSAGE: 'not json'",
        "hint": "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: "
                "'details', 'hint'."}
    r = client.get("/rpc/gwrpc_raise_bad?part=detail")
    assert (r.status_code, r.json()["details"], r.json()["hint"]) == (
        500, "Invalid JSON value for DETAIL: 'not json'", detail_hint)
    r = client.get("/rpc/gwrpc_raise_bad?part=status")  # valid JSON, but no status
    assert (r.status_code, r.json()["details"]) == (500, """Invalid JSON value for DETAIL: '{"headers": {}}'""")
    r = client.get("/rpc/gwrpc_raise_bad?part=none")
    assert (r.status_code, r.json()["details"], r.json()["hint"]) == (
        500, "DETAIL is missing in the RAISE statement", detail_hint)
    r = client.get("/rpc/raise_custom")  # a readable one still answers as it says
    assert (r.status_code, r.json()["code"], r.headers["X-Custom"]) == (409, "123", "yes")


def test_a_header_the_response_headers_setting_names_twice_is_sent_twice(client):
    r = client.get("/rpc/gwrpc_two_cookies")
    assert r.status_code == 204
    assert r.headers.get_list("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"]


def test_an_unknown_table_is_hinted_by_the_same_fuzzy_rule(client):
    # Levenshtein similarity decides among the names sharing letter groups: "author_books" is 6 edits
    # from "authors" (0.50) but 5 from "authors_brief" (0.62).
    r = client.get("/author_books")
    assert r.status_code == 404
    assert r.json()["hint"] == "Perhaps you meant the table 'gw.authors_brief'"
    assert client.get("/shelfs").json()["hint"] == "Perhaps you meant the table 'gw.shelves'"
    assert client.get("/xyz").json()["hint"] is None


def test_an_unknown_embed_is_hinted_with_the_closest_related_table(client):
    r = client.get("/books?select=id,authorz(name)")
    assert r.status_code == 400
    assert r.json()["hint"] == "Perhaps you meant 'authors' instead of 'authorz'."
    # Also from a function's rows, which embed as the table they are.
    assert client.get("/rpc/books_by?author=1&select=id,authorz(name)").json()["hint"] == (
        "Perhaps you meant 'authors' instead of 'authorz'.")
    # A related table named exactly (the embed's `!hint` is what fails) or nothing close: no hint.
    assert client.get("/books?select=id,authors!no_such_key(name)").json()["hint"] is None
    assert client.get("/books?select=id,qqqq(name)").json()["hint"] is None
