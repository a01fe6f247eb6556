"""A function's own SET clauses (pg_proc.proconfig) whose names db-hoisted-tx-settings lists are applied
to the request's transaction before the call (issue 17): a `statement_timeout` bounds the call itself,
`default_transaction_isolation` is the transaction's isolation level; the other settings stay on the
function. Over real HTTP, on the fixture functions of fixture_v13.sql's section "gwhoist"."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from gw_config import variant_client


@pytest.fixture(scope="module")
def probing(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """The default hoisted names; the pre-request function answers what the transaction holds."""
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "hoist-default",
                        **{"db-pre-request": '"gw.gwhoist_pre_request"'})


@pytest.fixture(scope="module")
def work_mem_only(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "hoist-file",
                        **{"db-pre-request": '"gw.gwhoist_pre_request"', "db-hoisted-tx-settings": '"work_mem"'})


@pytest.fixture(scope="module")
def work_mem_in_database(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """The file keeps the default names; db-pre-config sets pgrst.db_hoisted_tx_settings = work_mem."""
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "hoist-db",
                        **{"db-pre-request": '"gw.gwhoist_pre_request"', "db-pre-config": '"gw.gwhoist_pre_config"',
                           "db-channel": '"gw_hoist_test"'})


def _seen(c: httpx.Client, path: str) -> tuple[str, str]:
    r = c.get(path)
    assert r.status_code == 200, r.text
    return r.headers["X-Statement-Timeout"], r.headers["X-Work-Mem"]


def test_a_hoisted_statement_timeout_bounds_the_call_itself(client):
    r = client.get("/rpc/gwhoist_nap?seconds=2")
    assert (r.status_code, r.json()["code"]) == (500, "57014"), r.text
    assert "statement timeout" in r.json()["message"]
    r = client.post("/rpc/gwhoist_nap", json={"seconds": 0})
    assert (r.status_code, r.json()) == (200, "awake")


def test_the_function_isolation_level_is_the_transaction_s(client):
    assert client.get("/rpc/gwhoist_isolation").json() == "serializable"
    assert client.post("/rpc/gwhoist_isolation").json() == "serializable"
    # A volatile call in its own repeatable read transaction is committed...
    r = client.post("/rpc/gwhoist_mark", json={"note": "kept"})
    assert (r.status_code, r.json()) == (200, "repeatable read")
    assert client.get("/gwhoist_marks?note=eq.kept&select=note").json() == [{"note": "kept"}]
    # ...or rolled back when asked.
    r = client.post("/rpc/gwhoist_mark", json={"note": "dropped"}, headers={"Prefer": "tx=rollback"})
    assert (r.status_code, r.json()) == (200, "repeatable read")
    assert client.get("/gwhoist_marks?note=eq.dropped").json() == []
    # A request without such a function keeps read committed.
    r = client.get("/gwhoist_marks?select=note&note=eq.kept", headers={"Prefer": "tx=rollback"})
    assert r.status_code == 200


def test_only_the_listed_names_reach_the_transaction(probing):
    base_timeout, base_work_mem = _seen(probing, "/rpc/gwhoist_isolation")
    assert base_work_mem != "3MB" and base_timeout != "7s"
    assert _seen(probing, "/rpc/gwhoist_settings") == ("7s", base_work_mem)
    # The settings of one function are not those of the next request.
    assert _seen(probing, "/rpc/gwhoist_isolation") == (base_timeout, base_work_mem)


def test_db_hoisted_tx_settings_from_the_file_chooses_the_names(work_mem_only):
    base_timeout, _ = _seen(work_mem_only, "/rpc/gwhoist_isolation")
    assert _seen(work_mem_only, "/rpc/gwhoist_settings") == (base_timeout, "3MB")
    # statement_timeout stays on the function: it no longer bounds the call.
    r = work_mem_only.get("/rpc/gwhoist_nap?seconds=0.4")
    assert (r.status_code, r.json()) == (200, "awake")
    # The isolation level is the function's whatever the list says.
    assert work_mem_only.get("/rpc/gwhoist_isolation").json() == "serializable"


def test_db_hoisted_tx_settings_from_the_database_overrides_the_file(work_mem_in_database):
    base_timeout, _ = _seen(work_mem_in_database, "/rpc/gwhoist_isolation")
    assert _seen(work_mem_in_database, "/rpc/gwhoist_settings") == (base_timeout, "3MB")


def test_a_role_isolation_level_unless_the_function_asks_for_its_own(client, token):
    rr = {"Authorization": f"Bearer {token('gw_hoist_rr')}"}
    assert client.get("/rpc/gwhoist_plain_isolation").json() == "read committed"
    assert client.get("/rpc/gwhoist_plain_isolation", headers=rr).json() == "repeatable read"
    assert client.get("/gwhoist_marks?select=gwhoist_level&note=eq.seed", headers=rr).json() == [
        {"gwhoist_level": "repeatable read"}]
    assert client.get("/gwhoist_marks?select=gwhoist_level&note=eq.seed").json() == [
        {"gwhoist_level": "read committed"}]
    # The function's own level wins over the role's, read committed included.
    assert client.get("/rpc/gwhoist_isolation", headers=rr).json() == "serializable"
    assert client.get("/rpc/gwhoist_committed", headers=rr).json() == "read committed"
