"""Request bodies PostgREST v13 reads besides JSON (issue 17 item 4): text/csv (the first line names the
columns, `NULL` is null, every other value a string) and application/x-www-form-urlencoded (one object
of strings), for tables and functions; over real HTTP on the fixture schema."""

from __future__ import annotations

import pytest


@pytest.fixture
def auth(token):
    return {"Authorization": f"Bearer {token()}"}


def _clean(client, auth):
    client.delete("/body_rows?id=gte.0", headers=auth)


def test_csv_body_inserts_rows_with_null_for_the_word_null(client, auth):
    _clean(client, auth)
    body = b'id,label,note\n1,plain,NULL\n2,"quoted, with comma",""\n'
    r = client.post("/body_rows", content=body,
                    headers={**auth, "Content-Type": "text/csv", "Prefer": "return=representation"})
    assert r.status_code == 201, r.text
    assert r.json() == [{"id": 1, "label": "plain", "note": None},
                        {"id": 2, "label": "quoted, with comma", "note": ""}]
    assert client.get("/body_rows?note=is.null&select=id", headers=auth).json() == [{"id": 1}]
    _clean(client, auth)


def test_csv_body_with_uneven_lines_is_pgrst102(client, auth):
    r = client.post("/body_rows", content=b"id,label\n1\n", headers={**auth, "Content-Type": "text/csv"})
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST102"
    assert client.get("/body_rows?id=eq.1", headers=auth).json() == []


def test_form_body_inserts_and_updates_a_row(client, auth):
    _clean(client, auth)
    form = {**auth, "Content-Type": "application/x-www-form-urlencoded"}
    r = client.post("/body_rows", content=b"id=7&label=from+a+form&note=a%26b",
                    headers={**form, "Prefer": "return=representation"})
    assert r.status_code == 201, r.text
    assert r.json() == [{"id": 7, "label": "from a form", "note": "a&b"}]
    r = client.patch("/body_rows?id=eq.7", content=b"note=changed", headers=form)
    assert r.status_code == 204
    assert client.get("/body_rows?id=eq.7&select=note", headers=auth).json() == [{"note": "changed"}]
    _clean(client, auth)

