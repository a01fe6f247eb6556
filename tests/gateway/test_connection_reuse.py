"""Pooled connections stay usable whatever the previous request did on them (errors at each step,
explicit rollbacks, singular refusals): a regression test for stale prepared-statement names."""

from __future__ import annotations

import pytest

SINGULAR = {"Accept": "application/vnd.pgrst.object+json"}


@pytest.mark.parametrize("round_", range(3))
def test_mixed_failures_and_successes_share_connections(client, token, round_):
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    for i in range(12):
        book = 1 + i % 7
        assert client.get(f"/books?select=id&id=eq.{book}").json() == [{"id": book}]
        assert client.get("/books?id=eq.abc").status_code == 400
        assert client.get("/books", headers={"X-Block": "yes"}).status_code == 403
        assert client.get(f"/books?select=id&id=eq.{book}", headers=SINGULAR).json() == {"id": book}
        assert client.get("/books?select=id", headers=SINGULAR).status_code == 406
        r = client.post("/items", json={"id": 900 + i, "label": f"p{i}"}, headers={**auth, "Prefer": "tx=rollback"})
        assert r.status_code == 201, r.text
        assert client.get("/rpc/add?a=1&b=2").json() == 3
        assert client.get("/books?select=id", headers={"Authorization": "Bearer " + token("nobody")}).status_code == 401
        assert client.get(f"/books?select=id&id=eq.{book}").json() == [{"id": book}]
    assert client.get("/items?id=gte.900", headers=auth).json() == []
