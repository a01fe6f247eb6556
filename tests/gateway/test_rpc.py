"""/rpc/<function> (§1.7): arguments, defaults, overloads, result shapes, read-only access mode."""

from __future__ import annotations


def test_scalar_post_and_get(client):
    assert client.post("/rpc/add", json={"a": 2, "b": 3}).json() == 5
    assert client.get("/rpc/add?a=2&b=40").json() == 42


def test_defaults_may_be_omitted(client):
    assert client.post("/rpc/add_default", json={"a": 1}).json() == 11
    assert client.get("/rpc/add_default?a=1&b=1").json() == 2


def test_set_of_scalars_with_filters_order_limit(client):
    assert client.get("/rpc/numbers?n=5").json() == [1, 2, 3, 4, 5]
    r = client.post("/rpc/numbers?limit=2&offset=1", json={"n": 5}, headers={"Prefer": "count=exact"})
    assert r.json() == [2, 3] and r.status_code == 206 and r.headers["content-range"] == "1-2/5"


def test_set_of_composites_with_select_filter_order(client):
    r = client.get("/rpc/books_by?author=1&select=id,title&year=gt.1968&order=id.desc")
    assert r.json() == [{"id": 3, "title": "The Dispossessed"}, {"id": 2, "title": "The Left Hand of Darkness"}]
    r = client.post("/rpc/books_by?select=id", json={"author": 2},
                    headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406 and r.json()["details"] == "The result contains 2 rows"


def test_single_composite_is_an_object(client):
    r = client.post("/rpc/first_book?select=id,title", json={})
    assert r.json() == {"id": 1, "title": "A Wizard of Earthsea"}


def test_out_parameters_and_returns_table(client):
    assert client.get("/rpc/stats?a=4").json() == {"doubled": 8, "squared": 16}
    assert client.get("/rpc/pairs?n=3&x=gte.2").json() == [{"x": 2, "label": "n2"}, {"x": 3, "label": "n3"}]


def test_void_is_204(client, token):
    r = client.post("/rpc/remember", json={"message": "void call"},
                    headers={"Authorization": f"Bearer {token('service_role')}"})
    assert r.status_code == 204 and r.content == b""
    assert client.get("/log?message=eq.void call").json()[0]["message"] == "void call"


def test_single_unnamed_json_parameter_gets_the_whole_body(client):
    body = {"any": ["thing", 1], "nested": {"x": None}}
    assert client.post("/rpc/echo", json=body).json() == body


def test_overloads_are_resolved_by_argument_names(client):
    assert client.post("/rpc/overloaded", json={"a": 1}).json() == "int 1"
    assert client.post("/rpc/overloaded", json={"b": "x"}).json() == "text x"
    r = client.post("/rpc/ambiguous", json={"x": 1})
    assert r.status_code == 300 and r.json()["code"] == "PGRST203"


def test_unknown_function_is_pgrst202_with_details_and_hint(client):
    r = client.post("/rpc/add", json={"a": 1, "c": 2})
    assert r.status_code == 404
    assert r.json() == {
        "code": "PGRST202",
        "message": "Could not find the function gw.add(a, c) in the schema cache",
        "details": "Searched for the function gw.add with parameters a, c or with a single unnamed json/jsonb "
                   "parameter, but no matches were found in the schema cache.",
        "hint": "Perhaps you meant to call the function gw.add(a, b)"}
    r = client.get("/rpc/ad")
    assert r.status_code == 404
    assert r.json()["message"] == "Could not find the function gw.ad without parameters in the schema cache"
    assert r.json()["hint"] == "Perhaps you meant to call the function gw.add"


def test_get_and_stable_functions_run_read_only(client, token):
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    assert client.get("/rpc/whoami").json()["read_only"] == "on"
    r = client.post("/rpc/write_in_stable", json={"message": "nope"}, headers=auth)
    assert r.status_code == 405 and r.json()["code"] == "25006"
    r = client.get("/rpc/remember_and_count?message=nope", headers=auth)
    assert r.status_code == 405 and r.json()["code"] == "25006"
    assert client.post("/rpc/remember_and_count", json={"message": "yes"}, headers=auth).json() >= 1


def test_other_methods_on_rpc_are_405(client):
    r = client.put("/rpc/add", json={})
    assert r.status_code == 405
    assert r.json()["message"] == "Cannot use the PUT method on RPC"


def test_function_without_execute_privilege_is_401_not_404(client, token):
    r = client.get("/rpc/secret_fn")
    assert r.status_code == 401 and r.json()["code"] == "42501"
    r = client.get("/rpc/secret_fn", headers={"Authorization": f"Bearer {token('authenticated')}"})
    assert r.status_code == 403


def test_single_unnamed_text_and_bytea_take_the_raw_body(client):
    r = client.post("/rpc/shout", content=b"quiet words", headers={"Content-Type": "text/plain"})
    assert r.json() == "QUIET WORDS"
    r = client.post("/rpc/byte_length", content=bytes(range(10)), headers={"Content-Type": "application/octet-stream"})
    assert r.json() == 10


def test_variadic_arguments(client):
    assert client.post("/rpc/count_args", json={"v": ["a", "b", "c"]}).json() == 3
    assert client.get("/rpc/count_args?v=a&v=b").json() == 2


def test_form_urlencoded_arguments(client):
    r = client.post("/rpc/add", content=b"a=4&b=5", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.json() == 9


SINGULAR = {"Accept": "application/vnd.pgrst.object+json"}


def test_singular_accept_on_a_scalar_function_is_its_value(client):
    r = client.get("/rpc/add?a=2&b=3", headers=SINGULAR)
    assert (r.status_code, r.json()) == (200, 5)
    assert r.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"


def test_a_filter_that_empties_a_scalar_answer_is_pgrst116_when_singular(client):
    # Finding G1: the function's own response.status (418) and a body `null` were answered.
    r = client.get("/rpc/teapot?pgrst_scalar=eq.none", headers=SINGULAR)
    assert r.status_code == 406
    assert r.json() == {"code": "PGRST116", "message": "Cannot coerce the result to a single JSON object",
                        "details": "The result contains 0 rows", "hint": None}
    # Not singular: the emptied answer is null, with the function's status, as PostgREST does.
    r = client.get("/rpc/teapot?pgrst_scalar=eq.none")
    assert (r.status_code, r.json()) == (418, None)


def test_a_singular_scalar_call_emptied_by_its_filter_writes_nothing(client, token):
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    r = client.post("/rpc/remember_and_count?pgrst_scalar=lt.0", json={"message": "emptied singular call"},
                    headers={**auth, **SINGULAR})
    assert (r.status_code, r.json()["code"]) == (406, "PGRST116")
    assert client.get("/log?message=eq.emptied singular call").json() == []
