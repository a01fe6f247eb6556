"""Write details of PostgREST v13 (issue 17 item 7): an upsert that only updates answers 200, one
that inserts any row 201; over real HTTP on the fixture schema."""


def test_upsert_that_only_updates_is_200_and_one_that_inserts_is_201(client, token):
    auth = {"Authorization": f"Bearer {token()}", "Content-Type": "application/json"}
    merge = {**auth, "Prefer": "resolution=merge-duplicates,return=representation"}
    try:
        r = client.post("/items", json={"id": 8801, "label": "upsert a", "qty": 1}, headers=merge)
        assert r.status_code == 201
        r = client.post("/items", json={"id": 8801, "label": "upsert a", "qty": 2}, headers=merge)
        assert r.status_code == 200
        assert r.json() == [{"id": 8801, "label": "upsert a", "qty": 2}]  # no inserted marker in the body
        rows = [{"id": 8801, "label": "upsert a", "qty": 3}, {"id": 8802, "label": "upsert b", "qty": 1}]
        r = client.post("/items", json=rows, headers={**auth, "Prefer": "resolution=merge-duplicates"})
        assert r.status_code == 201
        assert [i["qty"] for i in client.get("/items?id=in.(8801,8802)&order=id").json()] == [3, 1]
    finally:
        client.delete("/items?id=in.(8801,8802)", headers=auth)


def test_missing_default_gives_absent_columns_their_default(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    rows = [{"id": 8811, "label": "missing a"}, {"id": 8812, "label": "missing b", "qty": 5}]
    try:
        r = client.post("/items?columns=id,label,qty", json=rows,
                        headers={**auth, "Prefer": "missing=default, return=representation"})
        assert r.status_code == 201, r.text
        assert r.json() == [{"id": 8811, "label": "missing a", "qty": 0}, {"id": 8812, "label": "missing b", "qty": 5}]
        assert r.headers["Preference-Applied"] == "missing=default, return=representation"
        # Without the preference an absent key is null (qty is not null: 23502, a 400).
        r = client.post("/items?columns=id,label,qty", json=[{"id": 8813, "label": "missing c"}],
                        headers={**auth, "Prefer": "missing=null"})
        assert r.status_code == 400 and r.json()["code"] == "23502"
        # A serial key and an array default, and PATCH: an absent column of columns= is reset to its default.
        r = client.post("/books?columns=id,title,tags&select=title,tags", json=[{"title": "Defaults"}],
                        headers={**auth, "Prefer": "missing=default, return=representation"})
        assert r.status_code == 201, r.text
        assert r.json() == [{"title": "Defaults", "tags": []}]
        r = client.patch("/items?id=eq.8812&columns=label,qty", json={"label": "patched"},
                         headers={**auth, "Prefer": "missing=default, return=representation"})
        assert r.json() == [{"id": 8812, "label": "patched", "qty": 0}]
    finally:
        client.delete("/items?id=in.(8811,8812,8813)", headers=auth)
        client.delete("/books?title=eq.Defaults", headers=auth)


def test_patch_reads_array_bodies_and_put_puts_the_first_row(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    rep = {**auth, "Prefer": "return=representation"}
    try:
        client.post("/items", json=[{"id": 8821, "label": "array a", "qty": 1}], headers=auth)
        for nothing in ([], [{}]):  # nothing to change: 204, no range
            r = client.patch("/items?id=eq.8821", json=nothing, headers=auth)
            assert (r.status_code, r.headers["Content-Range"]) == (204, "*/*")
        r = client.patch("/items?id=eq.8821", json=[{"qty": 2}], headers=rep)
        assert r.json() == [{"id": 8821, "label": "array a", "qty": 2}]
        r = client.patch("/items?id=eq.8821", json=[{"qty": 2}, {"label": "x"}], headers=rep)
        assert r.status_code == 400 and r.json()["message"] == "All object keys must match"
        r = client.put("/items?id=eq.8822", json=[{"id": 8822, "label": "put first", "qty": 1},
                                                  {"id": 8823, "label": "put second", "qty": 1}], headers=rep)
        assert r.status_code == 201 and r.json() == [{"id": 8822, "label": "put first", "qty": 1}]
        assert client.get("/items?id=eq.8823").json() == []
    finally:
        client.delete("/items?id=in.(8821,8822,8823)", headers=auth)


def test_mutations_return_computed_fields_in_the_order_asked(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    r = client.patch("/authors?id=in.(1,2)&select=id,initials&order=id.desc", json={"born": None},
                     headers={**auth, "Prefer": "return=representation, tx=rollback"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 2, "initials": "OB"}, {"id": 1, "initials": "ULG"}]
    rows = [{"id": 8831, "label": "b order", "qty": 1}, {"id": 8832, "label": "a order", "qty": 2}]
    try:
        r = client.post("/items?select=label&order=label", json=rows,
                        headers={**auth, "Prefer": "return=representation"})
        assert r.json() == [{"label": "a order"}, {"label": "b order"}]
        r = client.delete("/items?id=in.(8831,8832)&select=id&order=qty.desc",
                          headers={**auth, "Prefer": "return=representation"})
        assert r.json() == [{"id": 8832}, {"id": 8831}]
    finally:
        client.delete("/items?id=in.(8831,8832)", headers=auth)


def test_writing_a_column_the_role_may_not_write_is_42501(client, token):
    r = client.patch("/accounts?id=eq.1", json={"secret": "stolen"}, headers={"Authorization": f"Bearer {token()}"})
    assert (r.status_code, r.json()["code"]) == (403, "42501")
    assert r.json()["message"] == "permission denied for table accounts"
    for anonymous in ({}, {"Authorization": f"Bearer {token(None)}"}):  # the anonymous role: 401, challenged
        r = client.patch("/accounts?id=eq.1", json={"plan": "pro"}, headers=anonymous)
        assert (r.status_code, r.json()["code"], r.headers["WWW-Authenticate"]) == (401, "42501", "Bearer")


def test_a_write_asked_as_csv_answers_csv_of_the_selected_columns(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    csv_in = {**auth, "Content-Type": "text/csv", "Accept": "text/csv", "Prefer": "return=representation"}
    try:
        r = client.post("/items?select=id,label", content=b"id,label,qty\n8821,csv_a,1\n8822,csv_b,2",
                        headers=csv_in)
        assert r.status_code == 201, r.text
        assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert r.text == "id,label\n8821,csv_a\n8822,csv_b"
        r = client.patch("/items?id=eq.8822&select=qty", json={"qty": 7},
                         headers={**auth, "Accept": "text/csv", "Prefer": "return=representation"})
        assert (r.status_code, r.text) == (200, "qty\n7")
        r = client.delete("/items?id=eq.8821",
                          headers={**auth, "Accept": "text/csv", "Prefer": "return=representation"})
        assert (r.status_code, r.text) == (200, "id,label,qty\n8821,csv_a,1")
    finally:
        client.delete("/items?id=in.(8821,8822)", headers=auth)


def test_an_array_body_with_a_non_object_element_is_keys_must_match(client, token):
    auth = {"Authorization": f"Bearer {token()}", "Content-Type": "application/json"}
    for body in ([{"id": 8831, "label": "x", "qty": 1}, 123, "text"], [5, {"id": 8832}]):
        r = client.post("/items", json=body, headers=auth)
        assert r.status_code == 400
        assert r.json() == {"code": "PGRST102", "details": None, "hint": None,
                            "message": "All object keys must match"}
    r = client.patch("/items?id=eq.8831", json=[{"qty": 1}, 2], headers=auth)
    assert (r.status_code, r.json()["message"]) == (400, "All object keys must match")
    assert client.get("/items?id=in.(8831,8832)", headers=auth).json() == []


def test_writes_filter_by_and_return_overloaded_computed_fields(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    rollback = {**auth, "Prefer": "return=representation, tx=rollback"}
    r = client.patch("/authors?shelf_label=eq.author 2&select=id,shelf_label", json={"born": None}, headers=rollback)
    assert (r.status_code, r.json()) == (200, [{"id": 2, "shelf_label": "author 2"}])
    r = client.patch("/books?id=eq.1&select=id,shelf_label", json={"year": 1968}, headers=rollback)
    assert (r.status_code, r.json()) == (200, [{"id": 1, "shelf_label": "book 1"}])
    r = client.delete("/books?shelf_label=eq.book 3&select=shelf_label", headers=rollback)
    assert (r.status_code, r.json()) == (200, [{"shelf_label": "book 3"}])
    assert client.get("/books?select=id&id=eq.3", headers=auth).json() == [{"id": 3}]
