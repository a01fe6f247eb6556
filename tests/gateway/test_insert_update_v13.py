"""Inserts and updates as PostgREST v13 answers them (issue 17 items 7 and 8), over real HTTP on the
fixture schema: Location, status codes, Content-Range, Preference-Applied, bodies."""


def test_location_names_every_key_of_a_view_and_a_null_key_as_is_null(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    headers_only = {**auth, "Prefer": "return=headers-only, tx=rollback"}
    # The view's key is both tables' keys; the visit has no site, so its second key is null.
    r = client.post("/gwmut_visit_sites", json={"id": 7, "note": "no site"}, headers=headers_only)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == "/gwmut_visit_sites?id=eq.7&site_ref=is.null"
    assert (r.text, r.headers["Content-Range"]) == ("", "*/*")
    assert "Content-Type" not in r.headers
    # Keys in the row's column order, each value as text (percent-encoded).
    r = client.post("/gwmut_visit_sites", json={"site_ref": 2, "id": 8, "note": "a & b"}, headers=headers_only)
    assert r.headers["Location"] == "/gwmut_visit_sites?id=eq.8&site_ref=eq.2"
    # Only return=headers-only gives a Location.
    for prefer in ("return=representation", "return=minimal"):
        r = client.post("/gwmut_visit_sites", json={"id": 9}, headers={**auth, "Prefer": f"{prefer}, tx=rollback"})
        assert r.status_code == 201 and "Location" not in r.headers
