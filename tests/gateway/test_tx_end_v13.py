"""How a request's transaction ends (db-tx-end; PostgREST v13's RollbackSpec), each end on a gateway of
its own over real HTTP: `commit` and `rollback` neither honour nor echo a request's `Prefer: tx`; an
`*-allow-override` end honours it on reads, calls and writes and says so in Preference-Applied; a
deferred constraint is checked before any end, a rollback too (409, no preference applied)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from gw_config import variant_client

ENDS = ("commit", "rollback", "rollback-allow-override")


@pytest.fixture(scope="module")
def gateways(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[dict[str, httpx.Client]]:
    clients, stops = {}, []
    for end in ENDS:
        gen = variant_client(cluster, gw_workdir, jwt_secret_file, f"tx-{end}", **{"db-tx-end": f'"{end}"'})
        clients[end] = next(gen)
        stops.append(gen)
    try:
        yield clients
    finally:
        for gen in stops:
            gen.close()


@pytest.fixture
def auth(token) -> dict[str, str]:
    return {"Authorization": f"Bearer {token()}"}


def _kept(client: httpx.Client, auth: dict[str, str]) -> list[int]:
    return [r["id"] for r in client.get("/gwtx_marks?select=id&order=id", headers=auth).json()]


def _forget(client: httpx.Client, auth: dict[str, str]) -> None:
    client.delete("/gwtx_marks", headers={**auth, "Prefer": "tx=commit"})


def test_a_commit_end_keeps_every_write_whatever_the_request_prefers(gateways, auth):
    gw = gateways["commit"]
    try:
        for n, tx in enumerate((None, "tx=commit", "tx=rollback"), start=1):
            prefer = "return=representation" + (f", {tx}" if tx else "")
            r = gw.post("/gwtx_marks", json={"id": n, "code": n}, headers={**auth, "Prefer": prefer})
            assert (r.status_code, r.json()) == (201, [{"id": n, "code": n}])
            assert r.headers["Preference-Applied"] == "return=representation"  # tx is not echoed
        r = gw.patch("/gwtx_marks?id=eq.3", json={"code": 30}, headers={**auth, "Prefer": "tx=rollback"})
        assert r.status_code == 204 and "Preference-Applied" not in r.headers
        assert _kept(gw, auth) == [1, 2, 3]
        assert gw.get("/gwtx_marks?id=eq.3&select=code", headers=auth).json() == [{"code": 30}]
    finally:
        _forget(gw, auth)
    assert _kept(gw, auth) == []


def test_a_rollback_end_keeps_nothing_whatever_the_request_prefers(gateways, auth):
    gw = gateways["rollback"]
    commit = {**auth, "Prefer": "return=representation, tx=commit"}
    r = gw.post("/gwtx_marks", json={"id": 1, "code": 1}, headers=commit)
    assert (r.status_code, r.json()) == (201, [{"id": 1, "code": 1}])
    assert r.headers["Preference-Applied"] == "return=representation"
    r = gw.put("/gwtx_marks?id=eq.2", json={"id": 2, "code": 2}, headers=commit)
    assert (r.status_code, r.json()) == (201, [{"id": 2, "code": 2}])
    assert _kept(gw, auth) == []
    r = gw.get("/rpc/gwtx_kept", headers={**auth, "Prefer": "tx=commit"})
    assert (r.status_code, r.json()) == (200, 0)
    assert "Preference-Applied" not in r.headers


def test_an_overridable_end_honours_the_request_tx_and_echoes_it(gateways, auth):
    gw = gateways["rollback-allow-override"]
    try:
        # Without a preference the end is the configured one: rolled back, nothing echoed.
        r = gw.post("/gwtx_marks", json={"id": 1, "code": 1}, headers={**auth, "Prefer": "return=representation"})
        assert r.status_code == 201 and r.headers["Preference-Applied"] == "return=representation"
        for tx, kept in (("tx=rollback", []), ("tx=commit", [2])):
            r = gw.post("/gwtx_marks", json={"id": 2, "code": 2},
                        headers={**auth, "Prefer": f"return=representation, {tx}"})
            assert (r.status_code, r.headers["Preference-Applied"]) == (201, f"return=representation, {tx}")
            assert _kept(gw, auth) == kept
        # Reads and calls echo it too (only tx: return= means nothing to them).
        tx = {**auth, "Prefer": "return=representation, tx=commit"}
        for r in (gw.get("/gwtx_marks", headers=tx), gw.head("/gwtx_marks", headers=tx),
                  gw.get("/rpc/gwtx_kept", headers=tx), gw.post("/rpc/gwtx_kept", json={}, headers=tx)):
            assert (r.status_code, r.headers["Preference-Applied"]) == (200, "tx=commit"), r.request
        r = gw.delete("/gwtx_marks?id=eq.2", headers={**auth, "Prefer": "return=representation, tx=commit"})
        assert (r.status_code, r.json()) == (200, [{"id": 2, "code": 2}])
        assert _kept(gw, auth) == []
    finally:
        _forget(gw, auth)


@pytest.mark.parametrize("end", ENDS)
def test_a_deferred_constraint_fails_before_the_transaction_ends(gateways, auth, end):
    gw = gateways[end]
    for tx in ("tx=commit", "tx=rollback"):
        r = gw.post("/gwtx_marks", json=[{"id": 1, "code": 7}, {"id": 2, "code": 7}],
                    headers={**auth, "Prefer": f"return=representation, {tx}"})
        assert (r.status_code, r.json()["code"]) == (409, "23505"), (end, tx, r.text)
        assert "Preference-Applied" not in r.headers  # it failed before its end was applied
    assert _kept(gw, auth) == []
