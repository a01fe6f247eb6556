"""An upsert with `Prefer: missing=default` into tables whose names need quoting (PostgREST v13's
UpsertSpec): a row that names an existing key merges into it and keeps the columns it leaves out of
columns=; a row without a key takes a value of the key's sequence, identity or serial (which one is not
asserted: as PostgREST, every row of the body evaluates the defaults, so each draws a value)."""

import pytest

ROWS = [{"id": 1, "name": "merged"}, {"name": "fresh"}]


@pytest.mark.parametrize("table", ["GwmutIdentity", "GwmutSerial"])
def test_merge_with_missing_default_draws_new_keys_from_the_sequence(client, token, table):
    prefer = "return=representation, resolution=merge-duplicates, missing=default, tx=rollback"
    r = client.post(f"/{table}?columns=id,name&select=id,name,extra", json=ROWS,
                    headers={"Authorization": f"Bearer {token()}", "Prefer": prefer})
    assert r.status_code == 201, r.text
    merged, fresh = r.json()
    assert merged == {"id": 1, "name": "merged", "extra": "kept extra"}
    assert fresh["id"] > 1 and (fresh["name"], fresh["extra"]) == ("fresh", None)
    assert r.headers["Preference-Applied"] == \
        "resolution=merge-duplicates, missing=default, return=representation, tx=rollback"


@pytest.mark.parametrize("table", ["GwmutIdentity", "GwmutSerial"])
def test_ignore_with_missing_default_inserts_only_the_new_row(client, token, table):
    prefer = "return=representation, resolution=ignore-duplicates, missing=default, tx=rollback"
    r = client.post(f"/{table}?columns=id,name&select=name,extra", json=ROWS,
                    headers={"Authorization": f"Bearer {token()}", "Prefer": prefer})
    assert (r.status_code, r.json()) == (201, [{"name": "fresh", "extra": None}])
