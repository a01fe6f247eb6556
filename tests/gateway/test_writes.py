"""POST/PATCH/DELETE on tables (§1.6): bodies, columns=, Prefer return=, Location, status codes."""

from __future__ import annotations

import pytest

REPR = {"Prefer": "return=representation"}


@pytest.fixture
def auth(token):
    return {"Authorization": f"Bearer {token('service_role')}"}


@pytest.fixture(autouse=True)
def clean_items(client, auth):
    yield
    client.delete("/items", headers=auth)


def test_insert_minimal_is_201_without_body(client, auth):
    r = client.post("/items", json={"id": 1, "label": "one", "qty": 3}, headers=auth)
    assert r.status_code == 201
    assert r.content == b""
    assert "content-type" not in r.headers
    assert r.headers["content-range"] == "*/*"
    assert client.get("/items?id=eq.1", headers=auth).json() == [{"id": 1, "label": "one", "qty": 3}]


def test_insert_representation_returns_rows_with_select(client, auth):
    r = client.post("/items?select=id,label", json=[{"id": 2, "label": "two"}, {"id": 3, "label": "three"}],
                    headers={**auth, **REPR})
    assert r.status_code == 201
    assert r.json() == [{"id": 2, "label": "two"}, {"id": 3, "label": "three"}]
    assert r.headers["preference-applied"] == "return=representation"


def test_insert_missing_keys_take_the_column_default(client, auth):
    r = client.post("/items", json={"id": 4, "label": "four"}, headers={**auth, **REPR})
    assert r.json() == [{"id": 4, "label": "four", "qty": 0}]


def test_insert_headers_only_gives_location(client, auth):
    r = client.post("/items", json={"id": 5, "label": "five"}, headers={**auth, "Prefer": "return=headers-only"})
    assert r.status_code == 201
    assert r.headers["location"] == "/items?id=eq.5"
    assert r.content == b""


def test_insert_columns_parameter_ignores_other_keys(client, auth):
    r = client.post('/items?columns="id","label"', json=[{"id": 6, "label": "six", "qty": 9, "extra": 1}],
                    headers={**auth, **REPR})
    assert r.status_code == 201
    assert r.json() == [{"id": 6, "label": "six", "qty": 0}]


def test_insert_with_unknown_column_is_pgrst204(client, auth):
    r = client.post("/items", json={"id": 7, "label": "seven", "colour": "red"}, headers=auth)
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST204"
    assert r.json()["message"] == "Could not find the 'colour' column of 'items' in the schema cache"


def test_insert_keys_must_match(client, auth):
    r = client.post("/items", json=[{"id": 8, "label": "a"}, {"id": 9}], headers=auth)
    assert r.status_code == 400
    assert r.json()["message"] == "All object keys must match"
    assert client.get("/items?id=in.(8,9)", headers=auth).json() == []


def test_invalid_json_is_pgrst102(client, auth):
    r = client.post("/items", content=b"{nope", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json()["message"] == "Empty or invalid json"


def test_constraint_violations_map_to_http(client, auth):
    client.post("/items", json={"id": 10, "label": "ten"}, headers=auth)
    r = client.post("/items", json={"id": 10, "label": "again"}, headers=auth)
    assert r.status_code == 409 and r.json()["code"] == "23505"
    r = client.post("/items", json={"id": 11, "label": "neg", "qty": -1}, headers=auth)
    assert r.status_code == 400 and r.json()["code"] == "23514"
    r = client.post("/items", json={"id": 12}, headers=auth)
    assert r.status_code == 400 and r.json()["code"] == "23502"
    r = client.post("/books", json={"title": "x", "author_id": 999}, headers=auth)
    assert r.status_code == 409 and r.json()["code"] == "23503"


def test_patch_updates_filtered_rows(client, auth):
    client.post("/items", json=[{"id": 20, "label": "a", "qty": 1}, {"id": 21, "label": "b", "qty": 1}], headers=auth)
    r = client.patch("/items?id=eq.20", json={"qty": 5}, headers=auth)
    assert r.status_code == 204 and r.content == b""
    r = client.patch("/items?qty=eq.1", json={"qty": 7, "label": "bb"}, headers={**auth, **REPR})
    assert r.status_code == 200
    assert r.json() == [{"id": 21, "label": "bb", "qty": 7}]
    assert r.headers["content-range"] == "0-0/*"
    assert client.get("/items?select=id,qty&order=id", headers=auth).json() == [{"id": 20, "qty": 5},
                                                                               {"id": 21, "qty": 7}]


def test_delete_with_filters(client, auth):
    client.post("/items", json=[{"id": 30, "label": "a"}, {"id": 31, "label": "b"}], headers=auth)
    r = client.delete("/items?id=eq.30", headers={**auth, **REPR})
    assert r.status_code == 200 and r.json() == [{"id": 30, "label": "a", "qty": 0}]
    r = client.delete("/items?id=eq.31", headers=auth)
    assert r.status_code == 204
    assert client.get("/items", headers=auth).json() == []


def test_singular_write_of_many_rows_is_rolled_back(client, auth):
    client.post("/items", json=[{"id": 40, "label": "a"}, {"id": 41, "label": "b"}], headers=auth)
    r = client.patch("/items", json={"qty": 9},
                     headers={**auth, **REPR, "Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST116"
    assert {row["qty"] for row in client.get("/items", headers=auth).json()} == {0}


def test_prefer_tx_rollback_is_honoured(client, auth):
    r = client.post("/items", json={"id": 50, "label": "x"},
                    headers={**auth, "Prefer": "return=representation, tx=rollback"})
    assert r.status_code == 201 and r.json()[0]["id"] == 50
    assert r.headers["preference-applied"] == "return=representation, tx=rollback"
    assert client.get("/items?id=eq.50", headers=auth).json() == []


def test_anonymous_write_is_401_and_changes_nothing(client, auth):
    r = client.post("/items", json={"id": 60, "label": "anon"})
    assert r.status_code == 401 and r.json()["code"] == "42501"
    assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/items?id=eq.60", headers=auth).json() == []


def test_upsert_merge_and_ignore_duplicates(client, auth):
    client.post("/items", json=[{"id": 70, "label": "a", "qty": 1}], headers=auth)
    r = client.post("/items", json=[{"id": 70, "label": "a", "qty": 5}, {"id": 71, "label": "b", "qty": 2}],
                    headers={**auth, "Prefer": "return=representation, resolution=merge-duplicates"})
    assert r.status_code == 201
    assert r.json() == [{"id": 70, "label": "a", "qty": 5}, {"id": 71, "label": "b", "qty": 2}]
    assert r.headers["preference-applied"] == "resolution=merge-duplicates, return=representation"
    r = client.post("/items?on_conflict=label", json={"id": 72, "label": "b", "qty": 9},
                    headers={**auth, "Prefer": "return=representation, resolution=ignore-duplicates"})
    assert r.status_code == 201 and r.json() == []
    assert client.get("/items?select=id,qty&order=id", headers=auth).json() == [{"id": 70, "qty": 5},
                                                                               {"id": 71, "qty": 2}]


def test_max_affected_with_strict_handling_rolls_back(client, auth):
    client.post("/items", json=[{"id": 90, "label": "a"}, {"id": 91, "label": "b"}], headers=auth)
    r = client.patch("/items?id=gte.90", json={"qty": 3},
                     headers={**auth, "Prefer": "handling=strict, max-affected=1"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST124"
    assert {row["qty"] for row in client.get("/items?id=gte.90", headers=auth).json()} == {0}
    r = client.delete("/items?id=eq.91", headers={**auth, "Prefer": "handling=strict, max-affected=1"})
    assert r.status_code == 204
    assert r.headers["preference-applied"] == "handling=strict, max-affected=1"


def test_put_is_a_single_row_upsert_by_primary_key(client, auth):
    rep = {**auth, "Prefer": "return=representation"}
    r = client.put("/items?id=eq.100", json={"id": 100, "label": "put", "qty": 1}, headers=rep)
    assert r.status_code == 201 and r.json() == [{"id": 100, "label": "put", "qty": 1}]
    r = client.put("/items?id=eq.100", json={"id": 100, "label": "put again", "qty": 2}, headers=rep)
    assert r.status_code == 200 and r.json() == [{"id": 100, "label": "put again", "qty": 2}]
    r = client.put("/items?id=eq.100", json={"id": 100, "label": "quiet", "qty": 3}, headers=auth)
    assert r.status_code == 204
    assert client.get("/items?id=eq.100", headers=auth).json() == [{"id": 100, "label": "quiet", "qty": 3}]


def test_put_refuses_what_is_not_a_primary_key_match(client, auth):
    r = client.put("/items?label=eq.x", json={"id": 1, "label": "x"}, headers=auth)
    assert r.status_code == 405 and r.json()["code"] == "PGRST105"
    r = client.put("/items?id=gt.1", json={"id": 1, "label": "x"}, headers=auth)
    assert r.status_code == 405 and r.json()["code"] == "PGRST105"
    r = client.put("/items?id=eq.1", json={"id": 2, "label": "x"}, headers=auth)
    assert r.status_code == 400 and r.json()["code"] == "PGRST115"
    r = client.put("/items?id=eq.1&limit=1", json={"id": 1, "label": "x"}, headers=auth)
    assert r.status_code == 400 and r.json()["code"] == "PGRST114"
    assert client.get("/items", headers=auth).json() == []


def test_exact_count_on_writes(client, auth):
    r = client.post("/items", json=[{"id": 110, "label": "a"}, {"id": 111, "label": "b"}],
                    headers={**auth, "Prefer": "count=exact"})
    assert r.status_code == 201 and r.headers["content-range"] == "*/2"
    r = client.patch("/items?id=gte.110", json={"qty": 1}, headers={**auth, "Prefer": "count=exact"})
    assert r.headers["content-range"] == "0-1/2"
    assert r.headers["preference-applied"] == "count=exact"
