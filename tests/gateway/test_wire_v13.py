"""Wire details of PostgREST v13 (issue 17 item 8): Content-Range of deletes, empty pages and 416s,
count=estimated against db-max-rows (50 in the test configuration), the preferences each answer
echoes; over real HTTP on the fixture schema."""


def total(r) -> int:
    return int(r.headers["Content-Range"].rsplit("/", 1)[1])


def test_delete_has_no_range_only_the_count(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    client.post("/items", json=[{"id": 8841, "label": "del a"}, {"id": 8842, "label": "del b"}], headers=auth)
    r = client.delete("/items?id=eq.8841", headers=auth)
    assert (r.status_code, r.headers["Content-Range"]) == (204, "*/*")
    r = client.delete("/items?id=eq.8842&select=id", headers={**auth, "Prefer": "return=representation, count=exact"})
    assert (r.status_code, r.headers["Content-Range"], r.json()) == (200, "*/1", [{"id": 8842}])
    r = client.delete("/items?id=eq.8842", headers={**auth, "Prefer": "count=exact"})
    assert r.headers["Content-Range"] == "*/0"


def test_empty_pages_and_unsatisfiable_ranges(client):
    r = client.get("/books?id=eq.0")
    assert r.headers["Content-Range"] == "*/*"
    r = client.get("/books?id=eq.0", headers={"Prefer": "count=exact"})
    assert (r.status_code, r.headers["Content-Range"]) == (200, "*/0")
    r = client.get("/books?offset=100", headers={"Prefer": "count=exact"})
    assert (r.status_code, r.json()["code"], r.headers["Content-Range"]) == (416, "PGRST103", "*/7")
    assert r.json()["details"] == "An offset of 100 was requested, but there are only 7 rows."
    r = client.get("/books?select=id&offset=-4&order=id")  # a negative offset is a no-op
    assert (r.status_code, len(r.json()), r.headers["Content-Range"]) == (200, 7, "0-6/*")
    r = client.get("/books?limit=-1")
    assert (r.status_code, r.json()["details"]) == (416, "Limit should be greater than or equal to zero.")


def test_estimated_count_is_exact_under_max_rows_and_the_larger_of_exact_and_planned_above(client):
    r = client.get("/books?select=id", headers={"Prefer": "count=estimated"})
    assert (r.headers["Content-Range"], r.headers["Preference-Applied"]) == ("0-6/7", "count=estimated")
    exact = total(client.get("/rpc/numbers?n=200", headers={"Prefer": "count=exact"}))
    planned = total(client.get("/rpc/numbers?n=200", headers={"Prefer": "count=planned"}))
    r = client.get("/rpc/numbers?n=200", headers={"Prefer": "count=estimated"})
    assert exact == 200
    assert r.status_code == 206 and r.headers["Content-Range"] == f"0-49/{max(planned, exact)}"
    r = client.get("/rpc/numbers?n=20", headers={"Prefer": "count=estimated"})
    assert r.headers["Content-Range"] == "0-19/20"


def test_each_answer_echoes_the_preferences_it_applied(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    r = client.get("/books?id=eq.1", headers={"Prefer": "handling=strict, timezone=Europe/Paris, count=exact"})
    assert r.headers["Preference-Applied"] == "count=exact, handling=strict, timezone=Europe/Paris"
    r = client.get("/books?id=eq.1", headers={"Prefer": "handling=lenient, timezone=Nowhere/Else"})
    assert r.headers["Preference-Applied"] == "handling=lenient"  # an unknown time zone is not applied
    r = client.delete("/items?id=eq.8851", headers={**auth, "Prefer": "handling=lenient, max-affected=10"})
    assert r.headers["Preference-Applied"] == "handling=lenient"  # max-affected only under strict
    r = client.post("/rpc/add", json={"a": 1, "b": 2}, headers={"Prefer": "handling=lenient, tx=rollback"})
    assert r.headers["Preference-Applied"] == "tx=rollback, handling=lenient"
    r = client.post("/rpc/remember", json={"message": "echo"}, headers={**auth, "Prefer": "tx=rollback"})
    assert (r.status_code, r.headers["Preference-Applied"]) == (204, "tx=rollback")
    r = client.post("/log", json={"message": "no key given"},  # an identity key, no conflict target given
                    headers={**auth, "Prefer": "resolution=merge-duplicates, tx=rollback"})
    assert r.headers["Preference-Applied"] == "resolution=merge-duplicates, tx=rollback"
