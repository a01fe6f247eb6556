"""Media types beyond JSON and wire details (issue 17 items 4 and 8): the statement's plan
(`application/vnd.pgrst.plan`, db-plan-enabled), `nulls=stripped`, no Content-Length on 204/HEAD,
server-trace-header; over real HTTP on the fixture schema."""

import pytest

from avenir_gateway import explain
from avenir_gateway.errors import ApiError


def test_plan_as_json_for_reads_and_functions(client):
    r = client.get("/books?select=id&id=eq.1", headers={"Accept": "application/vnd.pgrst.plan+json"})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == 'application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8'
    plan = r.json()
    assert isinstance(plan, list) and "Node Type" in plan[0]["Plan"]
    r = client.get("/rpc/add?a=1&b=2", headers={"Accept": "application/vnd.pgrst.plan+json"})
    assert r.status_code == 200 and "Plan" in r.json()[0]


def test_plan_as_text_with_options_for_another_media_type(client):
    accept = 'application/vnd.pgrst.plan+text; for="application/vnd.pgrst.object+json"; options=analyze|verbose'
    r = client.get("/books?select=id&id=eq.1", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith(
        'application/vnd.pgrst.plan+text; for="application/vnd.pgrst.object+json"')
    assert "actual time=" in r.text and "Output:" in r.text  # analyze and verbose were applied
    assert "Execution Time" in r.text


def test_plan_of_a_write_changes_nothing_without_analyze(client, token):
    auth = {"Authorization": f"Bearer {token()}", "Accept": "application/vnd.pgrst.plan+json"}
    r = client.post("/items", json={"id": 9901, "label": "planned only"}, headers=auth)
    assert r.status_code == 200 and r.json()[0]["Plan"]
    assert client.get("/items?id=eq.9901").json() == []


def test_unknown_plan_options_are_not_acceptable():
    with pytest.raises(ApiError) as err:
        explain.parse("application/vnd.pgrst.plan+json; options=analyze|drop")
    assert err.value.status == 406 and err.value.code == "PGRST107"
    assert explain.parse("application/json") is None
    parsed = explain.parse('application/vnd.pgrst.plan+text; for="text/csv"; options=buffers|analyze')
    assert parsed == explain.Explain("text", "text/csv", ("analyze", "buffers"))


def test_nulls_stripped_for_arrays_and_objects(client):
    r = client.get("/books?select=id,price,author_id&id=in.(3,7)&order=id",
                   headers={"Accept": "application/vnd.pgrst.array+json;nulls=stripped"})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8"
    assert r.json() == [{"id": 3, "author_id": 1}, {"id": 7}]
    r = client.get("/books?select=id,price&id=eq.3",
                   headers={"Accept": "application/vnd.pgrst.object+json;nulls=stripped"})
    assert r.json() == {"id": 3}
    assert client.get("/books?select=id,price&id=eq.3").json() == [{"id": 3, "price": None}]


def test_no_content_length_on_204_and_head_and_the_trace_header_echoed(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    r = client.delete("/items?id=eq.987654", headers=auth)
    assert r.status_code == 204 and "content-length" not in r.headers
    r = client.head("/books?id=eq.1")
    assert r.status_code == 200 and "content-length" not in r.headers
    r = client.get("/books?select=id&id=eq.1", headers={"X-Request-Id": "trace-42"})
    assert r.headers["X-Request-Id"] == "trace-42"
    assert "X-Request-Id" not in client.get("/books?select=id&id=eq.1").headers


def test_csv_for_function_results(client):
    r = client.get("/rpc/pairs?n=2", headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.text == "x,label\n1,n1\n2,n2"


def test_raw_text_and_binary_outputs(client):
    r = client.post("/rpc/shout", content=b"hello", headers={"Content-Type": "text/plain", "Accept": "text/plain"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.text == "HELLO"
    r = client.get("/books?select=title&id=in.(1,2)&order=id", headers={"Accept": "text/plain"})
    assert r.text == "A Wizard of EarthseaThe Left Hand of Darkness"
    r = client.get("/rpc/as_bytes?t=caf%C3%A9", headers={"Accept": "application/octet-stream"})
    assert r.headers["Content-Type"] == "application/octet-stream" and r.content == "café".encode()
    r = client.get("/books?select=id,title", headers={"Accept": "text/plain"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST107"
