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
