"""RPC shapes of PostgREST v13 (issue 17 item 5) over real HTTP on the fixture schema: OUT / INOUT /
TABLE parameters are objects even when there is one, repeated and variadic query parameters,
`?columns=` on a call, overloads that a default makes ambiguous."""

from __future__ import annotations


def test_a_single_out_or_inout_parameter_is_an_object(client):
    assert client.get("/rpc/plus_one?num=5").json() == {"num_plus_one": 6}
    assert client.post("/rpc/bump", json={"num": 2}).json() == {"num": 3}


def test_a_one_column_table_is_an_array_of_objects(client):
    assert client.get("/rpc/letters").json() == [{"a": "A"}, {"a": "B"}]
    assert client.get("/rpc/letters?a=eq.B").json() == [{"a": "B"}]


def test_repeated_parameters_last_wins_unless_variadic(client):
    assert client.get("/rpc/greet?name=ignored&name=world&v=unused").json() == "Hello, world"
    assert client.get("/rpc/count_args?v=only").json() == 1
    assert client.get("/rpc/count_args?v=a&v=b&v=c").json() == 3


def test_columns_on_a_call_ignore_the_other_keys(client):
    r = client.post("/rpc/add?columns=a,b", json={"a": 1, "b": 2, "smth": "here"})
    assert (r.status_code, r.json()) == (200, 3)


def test_overloads_a_default_makes_ambiguous_are_300_pgrst203(client):
    r = client.get("/rpc/with_default?a=1")
    assert r.status_code == 300
    assert r.json() == {
        "code": "PGRST203",
        "message": "Could not choose the best candidate function between: gw.with_default(a => integer), "
                   "gw.with_default(a => integer, b => integer)",
        "details": None,
        "hint": "Try renaming the parameters or the function itself in the database so function overloading "
                "can be resolved"}
    assert client.get("/rpc/with_default?a=1&b=2").json() == "two"


def test_pgrst202_words_what_was_searched_as_postgrest(client):
    r = client.get("/rpc/add?c=1")
    assert r.status_code == 404
    assert r.json() == {"code": "PGRST202", "message": "Could not find the function gw.add(c) in the schema cache",
                        "details": "Searched for the function gw.add with parameter c, but no matches were found "
                                   "in the schema cache.",
                        "hint": None}
    r = client.get("/rpc/add")
    assert r.json()["details"] == ("Searched for the function gw.add without parameters, but no matches were "
                                   "found in the schema cache.")
    assert r.json()["hint"] is None
    r = client.post("/rpc/add", content=b"words", headers={"Content-Type": "text/plain"})
    assert r.status_code == 404
    assert r.json()["message"] == "Could not find the function gw.add in the schema cache"
    assert r.json()["details"] == ("Searched for the function gw.add with a single unnamed text parameter, but no "
                                   "matches were found in the schema cache.")


def test_functions_returning_anonymous_records(client):
    expected = [{"id": 2, "name": "Octavia Butler"}, {"id": 3, "name": "Stanisław Lem"}]
    assert client.get("/rpc/setof_records?lo=2").json() == expected
    r = client.post("/rpc/setof_records?limit=1", json={"lo": 2}, headers={"Prefer": "count=exact"})
    assert (r.status_code, r.json(), r.headers["Content-Range"]) == (206, expected[:1], "0-0/2")
    assert client.get("/rpc/one_record?wanted=1").json() == {"id": 1, "name": "Ursula Le Guin"}


def test_an_array_body_passes_its_first_object(client):
    assert client.post("/rpc/add", json=[{"a": 1, "b": 2}, {"a": 4, "b": 6}, {"a": 100, "b": 200}]).json() == 3
    r = client.post("/rpc/setof_records?columns=lo", json=[{"lo": 3, "x": 1}, {"lo": 1, "x": 2}])
    assert [row["id"] for row in r.json()] == [3]
    r = client.post("/rpc/add", json=[{"a": 1, "b": 2}, {"a": 1}])
    assert (r.status_code, r.json()["code"], r.json()["message"]) == (400, "PGRST102", "All object keys must match")
    assert client.post("/rpc/echo", json=[{"a": 1}, {"b": 2}]).json() == [{"a": 1}, {"b": 2}]  # the whole body


def test_a_domain_over_a_table_type_returns_its_rows(client):
    r = client.get("/rpc/authors_as_domain?wanted=2&select=id,name,books(id)&books.order=id")
    assert r.json() == [{"id": 2, "name": "Octavia Butler", "books": [{"id": 4}, {"id": 5}]}]
    assert client.get("/rpc/author_as_domain?wanted=2&select=name").json() == {"name": "Octavia Butler"}


def test_a_single_value_has_a_content_range_of_one_row(client):
    r = client.get("/rpc/add?a=3&b=4", headers={"Prefer": "count=exact"})
    assert (r.text, r.headers["Content-Range"]) == ("7", "0-0/1")
    assert client.get("/rpc/add?a=3&b=4").headers["Content-Range"] == "0-0/*"
    assert client.get("/rpc/plus_one?num=5", headers={"Prefer": "count=exact"}).headers["Content-Range"] == "0-0/1"


def test_an_unnamed_parameter_is_named_empty_and_takes_the_whole_body(client):
    # Only the text overload is reachable (the boolean and integer ones are not in PostgREST's cache);
    # `{"": v}` names its parameter, and it receives the whole body, as PostgREST passes it.
    r = client.post("/rpc/unnamed_overload", json={"": True})
    assert (r.status_code, r.json()) == (200, 'text:{"":true}')
    r = client.post("/rpc/unnamed_overload", content=b"plain", headers={"Content-Type": "text/plain"})
    assert (r.status_code, r.json()) == (200, "text:plain")


def test_a_function_with_only_an_unnamed_integer_is_not_found_and_a_near_name_hinted(client):
    r = client.post("/rpc/unnamed_overload_int", json={"": 1})
    assert r.status_code == 404
    assert r.json() == {
        "code": "PGRST202", "message": "Could not find the function gw.unnamed_overload_int() in the schema cache",
        "details": "Searched for the function gw.unnamed_overload_int with parameter  or with a single unnamed "
                   "json/jsonb parameter, but no matches were found in the schema cache.",
        "hint": "Perhaps you meant to call the function gw.unnamed_overload"}


def test_an_unnamed_parameter_with_a_default_makes_a_call_without_keys_ambiguous(client):
    r = client.post("/rpc/unnamed_default", json={})
    assert r.status_code == 300
    assert r.json() == {
        "code": "PGRST203",
        "message": "Could not choose the best candidate function between: gw.unnamed_default(), "
                   "gw.unnamed_default( => text)",
        "details": None,
        "hint": "Try renaming the parameters or the function itself in the database so function overloading "
                "can be resolved"}
    assert client.post("/rpc/unnamed_default", json={"": "given"}).json() == '{"":"given"}'
