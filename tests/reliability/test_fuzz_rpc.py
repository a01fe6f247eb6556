"""Property-based fuzzing over real HTTP of every public RPC (each function in functions/*.sql's
`public` schema, the DESIGN.md interface among them): whatever the arguments, the answer is a 2xx or
a 4xx in PostgREST's error shape, and a rejected call changes no row of any public table except its
audit trace (one integration_logs row for submit_lead). `make test` runs a few examples per RPC;
`make fuzz` runs 1,000 per RPC (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
import strategies
from conftest import assert_postgrest_error, create_tenant, delete_tenants, fresh_address
from hypothesis import given
from hypothesis import strategies as st
from psycopg.rows import dict_row

ROOT = Path(__file__).resolve().parents[2]
RPC_NAMES = sorted({m for f in (ROOT / "functions").glob("*.sql")
                    for m in re.findall(r"create or replace function public\.([a-z_0-9]+)\(", f.read_text())})
# Rows a rejected call may add: the audit trace the design asks for.
AUDIT_TRACE = {"submit_lead": {"integration_logs": 1}}


@pytest.fixture(scope="module")
def world(db_url, http, service_http):
    """Two tenants with a lead and a note each, the RPC signatures, and a cleanup of what fuzzing made."""
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute((Path(__file__).with_name("fuzz_support.sql")).read_text())
        started = conn.execute("select clock_timestamp() as t").fetchone()["t"]
        rpcs = {r["name"]: r for r in conn.execute("select * from tests.public_rpcs()").fetchall()}
        tenants = [create_tenant(service_http) for _ in range(2)]
        ids = []
        for tenant in tenants:
            lead = http.post("/rpc/submit_lead", json={"api_key": tenant.api_key, "name": "Fuzz", "email":
                                                      "fuzz@lead.test", "message": "Hello"},
                             headers={"X-Forwarded-For": fresh_address()}).json()["lead_id"]
            ids.append(lead)
        token = http.post("/rpc/login", json={"email": tenants[0].email, "password": tenants[0].password},
                          headers={"X-Forwarded-For": fresh_address()}).json()["access_token"]
        note = http.post("/rpc/add_lead_note", json={"lead_id": ids[0], "note": "first"},
                         headers={"Authorization": f"Bearer {token}"}).json()
        if isinstance(note, dict) and "id" in note:
            ids.append(note["id"])
        yield {"conn": conn, "rpcs": rpcs, "tenants": tenants, "ids": ids, "token": token}
        # What accepted fuzz calls created (clients and their rows cascade), then the tenants.
        conn.execute("delete from public.clients where created_at >= %s and client_id <> all(%s::uuid[])",
                     [started, [t.client_id for t in tenants]])
        conn.execute("delete from public.integration_logs where client_id is null and created_at >= %s", [started])
        conn.execute("delete from private.login_attempts where attempted_at >= %s", [started])
        delete_tenants(db_url, tenants)


def test_every_rpc_of_the_functions_files_is_deployed(world):
    assert set(RPC_NAMES) <= set(world["rpcs"])


def headers_for(world, api, role: str) -> dict[str, str]:
    token = {"anon": api.anon_key, "authenticated": world["token"], "service_role": api.service_key}[role]
    return {"Authorization": f"Bearer {token}", "X-Forwarded-For": fresh_address()}


def arguments(world, name: str) -> st.SearchStrategy:
    """Each argument present or absent (required ones mostly present), plus now and then a stray key."""
    known = world["ids"] + ([t.api_key for t in world["tenants"]] if name == "submit_lead" else [])
    fields = {}
    for arg in world["rpcs"][name]["args"]:
        value = strategies.for_type(arg["type"], known)
        if arg["name"] == "api_key":
            value = st.one_of(st.sampled_from([t.api_key for t in world["tenants"]]), value)
        fields[arg["name"]] = st.one_of(value, value, st.just(...)) if not arg["optional"] else \
            st.one_of(value, st.just(...))
    stray = st.one_of(st.just({}), st.dictionaries(strategies.text, strategies.json_scalar, max_size=1))
    return st.builds(lambda f, extra: {**extra, **{k: v for k, v in f.items() if v is not ...}},
                     st.fixed_dictionaries(fields), stray)


def check_call(world, response, name: str, before: dict, after: dict) -> None:
    status = response.status_code
    # 300 is PostgREST's answer for an ambiguous overload (PGRST203): an error object too.
    assert status < 300 or status == 300 or 400 <= status < 500, (name, status, response.text[:300])
    if status >= 300:
        body = assert_postgrest_error(response) if status != 300 else response.json()
        assert set(body) == {"code", "message", "details", "hint"}
        allowed = AUDIT_TRACE.get(name, {})
        changed = {t: after[t] - before[t] for t in after if after[t] != before.get(t)}
        assert all(0 <= changed[t] <= allowed.get(t, 0) for t in changed), (name, status, body, changed)


@pytest.mark.parametrize("name", RPC_NAMES)
def test_fuzzed_rpc_answers_2xx_or_a_4xx_that_changed_nothing(world, api, http, name):
    rpc = world["rpcs"][name]
    role = "anon" if "anon" in rpc["callers"] else "authenticated" if "authenticated" in rpc["callers"] \
        else "service_role"

    @given(args=arguments(world, name), as_get=st.booleans() if not rpc["args"] else st.just(False))
    def call(args, as_get):
        before = world["conn"].execute("select tests.public_row_counts() as c").fetchone()["c"]
        if as_get:
            response = http.get(f"/rpc/{name}", headers=headers_for(world, api, role))
        else:
            response = http.post(f"/rpc/{name}", json=args, headers=headers_for(world, api, role))
        after = world["conn"].execute("select tests.public_row_counts() as c").fetchone()["c"]
        check_call(world, response, name, before, after)

    call()
