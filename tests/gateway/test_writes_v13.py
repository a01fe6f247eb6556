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
