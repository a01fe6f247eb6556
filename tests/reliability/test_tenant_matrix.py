"""The tenant matrix through the API: for every table and view of `public` with a client_id, tenant A
(authenticated) and anon try to select, insert, update and delete tenant B's rows, and A calls the
lead RPCs with B's ids. B's rows must come out unseen and unchanged, whatever the answer."""

from __future__ import annotations

import psycopg
import pytest
from conftest import create_tenant, delete_tenants, fresh_address, login_headers
from psycopg import sql
from psycopg.rows import dict_row


def tenant_relations(db_url: str) -> list[str]:
    with psycopg.connect(db_url) as conn:
        return [r[0] for r in conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "join pg_attribute a on a.attrelid = c.oid and a.attname = 'client_id' and not a.attisdropped "
            "where n.nspname = 'public' and c.relkind in ('r', 'v', 'p') order by 1")]


@pytest.fixture(scope="module")
def tenants(db_url, http, service_http):
    a, b = create_tenant(service_http), create_tenant(service_http)
    lead = http.post("/rpc/submit_lead", json={"api_key": b.api_key, "name": "Bea", "email": "bea@lead.test",
                                               "message": "B's own lead"},
                     headers={"X-Forwarded-For": fresh_address()}).json()["lead_id"]
    as_b = login_headers(http, b)
    note = http.post("/rpc/add_lead_note", json={"lead_id": lead, "note": "B's note"}, headers=as_b).json()
    http.post("/rpc/refresh_growth_brain", headers=as_b)  # where it exists: B's growth_brain row
    yield {"a": a, "b": b, "as_a": login_headers(http, a), "lead": lead, "note": note.get("id")}
    delete_tenants(db_url, [a, b])


_connections: dict[str, psycopg.Connection] = {}


def superuser(db_url: str) -> psycopg.Connection:
    """One autocommit superuser connection for the module's reads of B's rows."""
    if db_url not in _connections or _connections[db_url].closed:
        _connections[db_url] = psycopg.connect(db_url, autocommit=True, row_factory=dict_row)
    return _connections[db_url]


def fingerprint(db_url: str, relation: str, client_id: str) -> tuple[int, str | None]:
    """Count and digest of B's rows, read as the superuser."""
    row = superuser(db_url).execute(
        sql.SQL("select count(*) as n, md5(string_agg(to_jsonb(r)::text, ',' order by to_jsonb(r)::text)) as digest "
                "from public.{} r where r.client_id = %s").format(sql.Identifier(relation)), [client_id]).fetchone()
    return row["n"], row["digest"]


def one_row_of(db_url: str, relation: str, client_id: str) -> dict | None:
    row = superuser(db_url).execute(
        sql.SQL("select to_jsonb(r) as j from public.{} r where r.client_id = %s limit 1")
        .format(sql.Identifier(relation)), [client_id]).fetchone()
    return row and row["j"]


def test_every_tenant_relation_is_in_the_matrix(db_url):
    relations = tenant_relations(db_url)
    assert {"lead_memory", "lead_actions", "lead_notes", "integration_logs", "clients"} <= set(relations)


@pytest.mark.parametrize("persona", ["tenant_a", "anon"])
def test_other_side_cannot_see_or_change_b_rows(db_url, http, tenants, persona):
    relations = tenant_relations(db_url)
    b = tenants["b"].client_id
    headers = tenants["as_a"] if persona == "tenant_a" else {}
    seen = []
    for rel in relations:
        before = fingerprint(db_url, rel, b)
        reads = [http.get(f"/{rel}", params={"client_id": f"eq.{b}"}, headers=headers),
                 http.get(f"/{rel}", headers=headers)]
        for read in reads:
            assert read.status_code in (200, 401, 403), (rel, read.status_code, read.text[:200])
            if read.status_code == 200:
                assert all(row.get("client_id") != b for row in read.json()), (rel, "B's rows were visible")
        copy = one_row_of(db_url, rel, b) or {"client_id": b}
        copy = {k: v for k, v in copy.items() if k not in ("id", "created_at", "updated_at")}
        writes = [http.post(f"/{rel}", json={"client_id": b}, headers=headers),
                  http.post(f"/{rel}", json=copy, headers=headers),
                  http.patch(f"/{rel}", params={"client_id": f"eq.{b}"},
                             json={"client_id": tenants["a"].client_id}, headers=headers),
                  http.delete(f"/{rel}", params={"client_id": f"eq.{b}"}, headers=headers)]
        for write in writes:
            assert write.status_code < 300 or 400 <= write.status_code < 500, (rel, write.status_code, write.text)
        assert fingerprint(db_url, rel, b) == before, (rel, persona, [w.status_code for w in writes])
        seen.append((rel, before[0]))
    # B had rows to protect in the lead tables at least (the others are checked for inserts).
    assert all(n > 0 for rel, n in seen if rel in ("lead_memory", "lead_actions", "lead_notes", "clients")), seen


@pytest.mark.parametrize("call", [
    ("tag_lead", {"tag": "Spam"}, "lead"), ("archive_lead", {}, "lead"), ("delete_lead", {}, "lead"),
    ("reactivate_lead", {}, "lead"), ("add_lead_note", {"note": "A was here"}, "lead"),
    ("update_lead_note", {"note": "A was here"}, "note"), ("delete_lead_note", {}, "note"),
    ("correct_lead_analysis", {"intent": "Support"}, "lead"),
])
def test_rpcs_given_b_ids_touch_nothing_of_b(db_url, http, tenants, call):
    name, args, kind = call
    b = tenants["b"].client_id
    before = {rel: fingerprint(db_url, rel, b) for rel in ("lead_memory", "lead_actions", "lead_notes")}
    key = "lead_id" if kind == "lead" else "note_id"
    response = http.post(f"/rpc/{name}", json={key: tenants[kind], **args}, headers=tenants["as_a"])
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
    assert {rel: fingerprint(db_url, rel, b) for rel in before} == before
