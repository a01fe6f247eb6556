"""DELETE, upserts (POST with resolution=, PUT) and the Prefer handling of PostgREST v13 (issue 17
items 7 and 8): statuses, Content-Range, Preference-Applied, max-affected, time zones and the end of
the transaction; over real HTTP on the fixture schema."""

import pytest


@pytest.fixture
def auth(token):
    return {"Authorization": f"Bearer {token()}"}


def _seed(client, auth, *rows):
    r = client.post("/items", json=list(rows), headers=auth)
    assert r.status_code == 201, r.text


def test_delete_answers_a_range_of_no_rows_and_counts_only_when_asked(client, auth):
    try:
        _seed(client, auth, {"id": 9101, "label": "del a"}, {"id": 9102, "label": "del b"},
              {"id": 9103, "label": "del c"})
        r = client.delete("/items?id=eq.9101&select=id", headers=auth)  # select= without representation: ignored
        assert (r.status_code, r.text, r.headers["Content-Range"]) == (204, "", "*/*")
        assert "Content-Type" not in r.headers and "Content-Length" not in r.headers
        assert "Preference-Applied" not in r.headers
        r = client.delete("/items?id=in.(9102,9103)&select=label&order=id",
                          headers={**auth, "Prefer": "count=exact, return=representation"})
        assert r.status_code == 200
        assert r.json() == [{"label": "del b"}, {"label": "del c"}]
        assert r.headers["Content-Range"] == "*/2"
        assert r.headers["Preference-Applied"] == "return=representation, count=exact"
        # Nothing matched: an empty representation, and the estimated count is that of the rows deleted.
        r = client.delete("/items?id=eq.9101", headers={**auth, "Prefer": "return=representation, count=estimated"})
        assert (r.status_code, r.json(), r.headers["Content-Range"]) == (200, [], "*/0")
        assert r.headers["Preference-Applied"] == "return=representation, count=estimated"
        r = client.delete("/items?id=eq.9101", headers={**auth, "Prefer": "return=minimal, count=planned"})
        assert (r.status_code, r.headers["Content-Range"]) == (204, "*/*")
        assert r.headers["Preference-Applied"] == "return=minimal, count=planned"
    finally:
        client.delete("/items?id=in.(9101,9102,9103)", headers=auth)


def test_merge_upsert_is_200_unless_it_inserts_and_ignore_is_always_201(client, auth):
    merge = {**auth, "Prefer": "return=representation, resolution=merge-duplicates"}
    ignore = {**auth, "Prefer": "return=representation, resolution=ignore-duplicates"}
    try:
        _seed(client, auth, {"id": 9111, "label": "ups a", "qty": 1})
        r = client.post("/items", json=[], headers=merge)  # nothing inserted: 200 with merge
        assert (r.status_code, r.json()) == (200, [])
        assert r.headers["Preference-Applied"] == "resolution=merge-duplicates, return=representation"
        r = client.post("/items", json=[{"id": 9111, "label": "ups a", "qty": 5}], headers=merge)
        assert (r.status_code, r.json()) == (200, [{"id": 9111, "label": "ups a", "qty": 5}])
        r = client.post("/items", json=[{"id": 9111, "label": "ups a", "qty": 6}], headers=ignore)
        assert (r.status_code, r.json()) == (201, [])  # every row skipped, still 201
        assert r.headers["Preference-Applied"] == "resolution=ignore-duplicates, return=representation"
        # on_conflict= names a unique column other than the key.
        r = client.post("/items?on_conflict=label&select=id,qty", json=[{"id": 9111, "label": "ups a", "qty": 7},
                                                                      {"id": 9112, "label": "ups b", "qty": 1}],
                        headers=merge)
        assert (r.status_code, r.json()) == (201, [{"id": 9111, "qty": 7}, {"id": 9112, "qty": 1}])
    finally:
        client.delete("/items?id=in.(9111,9112)", headers=auth)


def test_resolution_is_not_applied_to_a_table_without_a_key(client, auth):
    try:
        r = client.post("/gwdel_loose", json=[{"a": "x", "b": "y"}],
                        headers={**auth, "Prefer": "resolution=merge-duplicates, return=representation"})
        assert (r.status_code, r.json()) == (201, [{"a": "x", "b": "y"}])
        assert r.headers["Preference-Applied"] == "return=representation"
    finally:
        client.delete("/gwdel_loose?a=eq.x", headers=auth)


def test_put_answers_without_a_range_and_keeps_to_its_rules(client, auth):
    rep = {**auth, "Prefer": "return=representation"}
    try:
        r = client.put("/items?id=eq.9121", json=[{"id": 9121, "label": "put a", "qty": 1}], headers=rep)
        assert (r.status_code, r.json()) == (201, [{"id": 9121, "label": "put a", "qty": 1}])
        assert "Content-Range" not in r.headers
        r = client.put("/items?id=eq.9121", json={"id": 9121, "label": "put a", "qty": 2},
                       headers={**auth, "Prefer": "return=representation, missing=default, count=exact"})
        assert (r.status_code, r.json()) == (200, [{"id": 9121, "label": "put a", "qty": 2}])
        assert r.headers["Preference-Applied"] == "return=representation, count=exact"  # missing is not echoed
        r = client.put("/items?id=eq.9121", json={"id": 9121, "label": "put a", "qty": 3}, headers=auth)
        assert (r.status_code, r.text) == (204, "")
        assert "Content-Range" not in r.headers and "Content-Type" not in r.headers
        refusals = [("/items?id=eq.9121&limit=1", 400, "PGRST114"), ("/items?id=eq.9121&offset=1", 400, "PGRST114"),
                    ("/items?label=eq.x", 405, "PGRST105"), ("/items?id=gt.1", 405, "PGRST105"),
                    ("/items?id=eq.9999", 400, "PGRST115")]
        for path, status, code in refusals:
            r = client.put(path, json={"id": 9121, "label": "put a", "qty": 3}, headers=auth)
            assert (r.status_code, r.json()["code"]) == (status, code), path
        # The key is compared as its column's type: another spelling of the same number is the same key.
        r = client.put("/items?id=eq.09121", json={"id": 9121, "label": "put a", "qty": 4}, headers=rep)
        assert (r.status_code, r.json()) == (200, [{"id": 9121, "label": "put a", "qty": 4}])
        r = client.put("/items?id=eq.9121", json={"id": None, "label": "put a", "qty": 4}, headers=rep)
        assert (r.status_code, r.json()["code"]) == (400, "PGRST115")
        r = client.put("/items?id=eq.09121", json={"id": 9122, "label": "put a", "qty": 5}, headers=rep)
        assert (r.status_code, r.json()["code"]) == (400, "PGRST115")
        assert client.get("/items?id=eq.9121&select=qty").json() == [{"qty": 4}]
        # limit/offset are refused with the request itself, before its filters or its table are looked at
        for path in ("/items?label=eq.x&limit=1", "/no_such_table?id=eq.1&offset=2"):
            r = client.put(path, json={"id": 1}, headers=auth)
            assert (r.status_code, r.json()["code"]) == (400, "PGRST114"), path
        r = client.put("/gwdel_loose?a=eq.x", json={"a": "x"}, headers=auth)  # no key to put by
        assert (r.status_code, r.json()["code"]) == (405, "PGRST105")
    finally:
        client.delete("/items?id=eq.9121", headers=auth)


def test_strict_handling_refuses_every_unknown_preference_in_order(client, auth):
    r = client.get("/items", headers={"Prefer": "handling=strict, bogus, timezone=Nowhere/Land"})
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST122", "message": "Invalid preferences given with handling=strict",
                        "details": "Invalid preferences: bogus, timezone=Nowhere/Land", "hint": None}
    # Preferences over several headers count together; max-affected is a known preference, number or not.
    r = client.get("/items", headers=[("Prefer", "handling=strict"), ("Prefer", "max-affected=lots, other")])
    assert r.json()["details"] == "Invalid preferences: other"
    r = client.get("/items?limit=1", headers={"Prefer": "handling=lenient, bogus, timezone=Nowhere/Land"})
    assert r.status_code == 200
    assert r.headers["Preference-Applied"] == "handling=lenient"


def test_timezone_preference_renders_instants_in_that_zone(client):
    r = client.get("/gwdel_moments?id=eq.1&select=at", headers={"Prefer": "timezone=Asia/Tokyo, handling=strict"})
    assert r.json() == [{"at": "2024-03-01T21:30:00+09:00"}]
    assert r.headers["Preference-Applied"] == "handling=strict, timezone=Asia/Tokyo"
    r = client.get("/gwdel_moments?id=eq.1&select=at", headers={"Prefer": "timezone=Nowhere/Land"})
    assert r.json() == [{"at": "2024-03-01T12:30:00+00:00"}]  # an unknown zone is ignored when lenient
    assert "Preference-Applied" not in r.headers


def test_max_affected_under_strict_handling_refuses_and_keeps_the_rows(client, auth):
    try:
        _seed(client, auth, *({"id": 9130 + i, "label": f"max {i}"} for i in range(3)))
        r = client.delete("/items?id=gte.9130&id=lte.9132",
                          headers={**auth, "Prefer": "handling=strict, max-affected=2"})
        assert r.status_code == 400
        assert r.json() == {"code": "PGRST124", "message": "Query result exceeds max-affected preference constraint",
                            "details": "The query affects 3 rows", "hint": None}
        assert len(client.get("/items?id=gte.9130&id=lte.9132").json()) == 3  # rolled back
        r = client.patch("/items?id=eq.9130", json={"qty": 4},
                         headers={**auth, "Prefer": "max-affected=0, handling=strict"})
        assert r.json()["details"] == "The query affects 1 rows"
        # Lenient: the limit is not applied, nor echoed.
        r = client.delete("/items?id=gte.9130&id=lte.9131",
                          headers={**auth, "Prefer": "handling=lenient, max-affected=1"})
        assert (r.status_code, r.headers["Preference-Applied"]) == (204, "handling=lenient")
        r = client.delete("/items?id=eq.9132", headers={**auth, "Prefer": "handling=strict, max-affected=1"})
        assert (r.status_code, r.headers["Preference-Applied"]) == (204, "handling=strict, max-affected=1")
        assert client.get("/items?id=gte.9130&id=lte.9132").json() == []
    finally:
        client.delete("/items?id=gte.9130&id=lte.9132", headers=auth)


def test_deferred_constraints_are_checked_when_the_transaction_rolls_back(client, auth):
    twice = [{"code": 1}, {"code": 1}]
    for prefer in ("tx=commit", "tx=rollback"):
        r = client.post("/gwdel_codes", json=twice, headers={**auth, "Prefer": prefer})
        assert r.status_code == 409, (prefer, r.text)
        assert r.json()["code"] == "23505"
        assert "Preference-Applied" not in r.headers
    r = client.post("/gwdel_codes", json=[{"code": 2}],
                    headers={**auth, "Prefer": "tx=rollback, return=representation"})
    assert (r.status_code, r.json()) == (201, [{"code": 2}])
    assert r.headers["Preference-Applied"] == "return=representation, tx=rollback"
    assert client.get("/gwdel_codes", headers=auth).json() == []  # not kept


def test_upserts_into_a_partitioned_table_tell_inserts_from_updates(client, auth):
    rep = {**auth, "Prefer": "return=representation"}
    merge = {**auth, "Prefer": "return=representation, resolution=merge-duplicates"}
    try:
        r = client.put("/readings?id=eq.9141&read_on=eq.2020-06-01", json={"id": 9141, "read_on": "2020-06-01"},
                       headers=rep)
        assert (r.status_code, r.json()) == (201, [{"id": 9141, "read_on": "2020-06-01", "book_id": None}])
        r = client.put("/readings?id=eq.9141&read_on=eq.2020-06-01",
                       json={"id": 9141, "read_on": "2020-06-01", "book_id": 1}, headers=rep)
        assert (r.status_code, r.json()) == (200, [{"id": 9141, "read_on": "2020-06-01", "book_id": 1}])
        r = client.post("/readings?select=id", json=[{"id": 9141, "read_on": "2020-06-01", "book_id": 2}],
                        headers=merge)
        assert (r.status_code, r.json()) == (200, [{"id": 9141}])
        r = client.post("/readings?select=id", headers=merge,
                        json=[{"id": 9141, "read_on": "2020-06-01", "book_id": 2},
                              {"id": 9142, "read_on": "2020-06-02", "book_id": 2}])
        assert (r.status_code, r.json()) == (201, [{"id": 9141}, {"id": 9142}])
    finally:
        client.delete("/readings?id=in.(9141,9142)", headers=auth)


def test_max_affected_bounds_every_call_of_a_function(client):
    strict = {"Prefer": "handling=strict, max-affected=3"}
    r = client.get("/rpc/numbers?n=5", headers=strict)  # a read-only call is bounded too
    assert (r.status_code, r.json()["details"]) == (400, "The query affects 5 rows")
    r = client.get("/rpc/numbers?n=3", headers=strict)
    assert (r.status_code, r.headers["Preference-Applied"]) == (200, "handling=strict, max-affected=3")
    r = client.get("/rpc/add?a=1&b=2", headers=strict)  # one value is no set of rows to bound
    assert (r.status_code, r.json()["code"]) == (400, "PGRST128")
    r = client.get("/books?select=id", headers=strict)  # a read of a table: not applied, not echoed
    assert (r.status_code, r.headers["Preference-Applied"]) == (200, "handling=strict")
