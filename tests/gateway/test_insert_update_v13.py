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


def test_missing_default_takes_a_domain_default_after_the_column_default(client, token):
    prefer = {"Authorization": f"Bearer {token()}", "Prefer": "missing=default, return=representation, tx=rollback"}
    r = client.post("/gwmut_ranks?columns=id,label,rank,tier", json=[{"id": 2, "label": "x"}], headers=prefer)
    assert r.status_code == 201, r.text
    assert r.json() == [{"id": 2, "label": "x", "rank": 7, "tier": 3, "born": None}]
    r = client.patch("/gwmut_ranks?id=eq.1&columns=label,rank", json={"label": "again"}, headers=prefer)
    assert r.json() == [{"id": 1, "label": "again", "rank": 7, "tier": 1, "born": "2020-01-01"}]


def test_keys_outside_columns_are_neither_written_nor_parsed(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    rep = {**auth, "Prefer": "return=representation, tx=rollback"}
    odd = {"id": 3, "label": "kept", "born": "not a date", "rank": "not a number"}
    r = client.post("/gwmut_ranks?columns=id,label", json=odd, headers=rep)
    assert r.status_code == 201, r.text
    assert r.json() == [{"id": 3, "label": "kept", "rank": 7, "tier": 3, "born": None}]  # defaults, as unwritten
    r = client.patch("/gwmut_ranks?id=eq.1&columns=label", json=odd, headers=rep)
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "label": "kept", "rank": 1, "tier": 1, "born": "2020-01-01"}]
    # Without columns= every key is written, so a bad value is the database's error.
    r = client.patch("/gwmut_ranks?id=eq.1", json={"born": "not a date"}, headers=rep)
    assert (r.status_code, r.json()["code"]) == (400, "22007")


def test_a_represented_column_is_parsed_only_for_the_rows_an_update_changes(client, token):
    rep = {"Authorization": f"Bearer {token()}", "Prefer": "return=representation, tx=rollback"}
    # No row matches: the colour that is no colour is never parsed.
    r = client.patch("/paints?id=eq.999", json={"hue": "#zz"}, headers=rep)
    assert (r.status_code, r.text, r.headers["Content-Range"]) == (200, "[]", "*/*")
    r = client.patch("/paints?id=eq.1", json={"hue": "#zz"}, headers=rep)
    assert r.status_code == 400 and r.json()["code"] == "22P02"
    r = client.patch("/paints?id=eq.1&select=id,hue", json={"hue": "#00ff00"}, headers=rep)
    assert (r.status_code, r.json()) == (200, [{"id": 1, "hue": "#00ff00"}])


def test_the_hint_for_an_unknown_table_prefers_a_name_sharing_trigrams(client, token):
    # `loans` is closer by edit distance, but only `readings` shares a trigram with `lags` ("gs" at its end).
    for method in ("GET", "PATCH", "POST"):
        r = client.request(method, "/lags", json={"a": 1}, headers={"Authorization": f"Bearer {token()}"})
        assert r.status_code == 404
        assert r.json()["hint"] == "Perhaps you meant the table 'gw.readings'"
    # Names alike but for case: the one closer as written.
    assert client.get("/Books").json()["hint"] == "Perhaps you meant the table 'gw.books'"


def test_written_values_keep_every_digit_and_a_json_document_its_text(client, token):
    auth = {"Authorization": f"Bearer {token()}", "Content-Type": "application/json"}
    rep = {**auth, "Prefer": "return=representation, tx=rollback"}
    body = '{"id": 9007199254740993, "amount": -100000000000000.13, "doc": {"b": 1, "a": 2, "a": 3}}'
    r = client.post("/gwmut_ledger?select=id,amount,doc", content=body, headers=rep)
    assert r.status_code == 201, r.text
    # bigint and numeric beyond a double's precision; the json column as sent (order, spaces, repeated key).
    assert r.text == '[{"id":9007199254740993,"amount":-100000000000000.13,"doc":{"b": 1, "a": 2, "a": 3}}]'
    # columns= and an array body re-write the rows, still exactly.
    r = client.post("/gwmut_ledger?columns=id,amount&select=id,amount", headers=rep,
                    content='[{"id": 12345678901234567, "amount": 0.1000000000000000055511151231257827, "x": 1e300}]')
    assert r.text == '[{"id":12345678901234567,"amount":0.1000000000000000055511151231257827}]'
    client.post("/gwmut_ledger", content='{"id": 1, "amount": 1}', headers=auth)
    try:
        for patch in ('{"amount": 123456789012345678901234567890.5}', '[{"amount": 123456789012345678901234567890.5}]'):
            r = client.patch("/gwmut_ledger?id=eq.1&select=amount", content=patch, headers=rep)
            assert r.text == '[{"amount":123456789012345678901234567890.5}]'
    finally:
        client.delete("/gwmut_ledger?id=eq.1", headers=auth)


def test_location_keeps_the_table_name_and_encodes_the_key_values(client, token):
    prefer = {"Authorization": f"Bearer {token()}", "Prefer": "return=headers-only, tx=rollback"}
    r = client.post("/gwmut_%C3%A9t%C3%A9", json={"code": "a b&c+é", "label": "x"}, headers=prefer)
    assert r.status_code == 201, r.text
    location = dict((k.lower(), v) for k, v in r.headers.raw)[b"location"]
    # The name as its UTF-8 bytes; the value percent-encoded but for letters, digits and -_.~
    assert location == "/gwmut_été?code=eq.a%20b%26c%2B%C3%A9".encode()
