"""A form key leaked from a page reads nothing: the key itself, sent every way a client could send it,
against every table and view the API exposes and every RPC but submit_lead."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture(scope="module")
def relations(db_url):
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        rows = conn.execute("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                            "where n.nspname = 'public' and c.relkind in ('r', 'v', 'm') order by 1").fetchall()
    return [r["relname"] for r in rows]


# Reference tables any visitor may read without a key (verified glossary, intent taxonomy): the key adds nothing.
PUBLIC_REFERENCE = {"intent_translations", "translation_dictionary"}


def test_a_leaked_form_key_reads_no_table(web, relations):
    a, _ = web.clients
    assert len(relations) >= 26
    rest = web.api_url + "/rest/v1/"
    with httpx.Client(timeout=30) as http:
        for table in relations:
            as_bearer = http.get(rest + table, params={"limit": "5"}, headers={"Authorization": f"Bearer {a.form_key}"})
            assert as_bearer.status_code == 401, (table, as_bearer.text)
            as_apikey = http.get(rest + table, params={"limit": "5"}, headers={"apikey": a.form_key})
            no_key = http.get(rest + table, params={"limit": "5"})
            assert (as_apikey.status_code, as_apikey.text) == (no_key.status_code, no_key.text), table
            if table in PUBLIC_REFERENCE:
                assert as_apikey.status_code == 200
            else:
                assert as_apikey.status_code in (401, 403) or as_apikey.json() == [], (table, as_apikey.text)
            assert a.client_id not in as_apikey.text


@pytest.mark.parametrize("rpc, body", [
    ("rotate_api_key", {}), ("rotate_form_key", {}), ("set_form_origins", {"origins": ["http://127.0.0.1:1"]}),
    ("refresh_growth_brain", {}), ("tag_lead", {"lead_id": "00000000-0000-0000-0000-000000000000", "tag": "Spam"}),
])
def test_a_leaked_form_key_calls_no_other_rpc(web, rpc, body):
    a, _ = web.clients
    url = f"{web.api_url}/rest/v1/rpc/{rpc}"
    assert httpx.post(url, json=body, headers={"Authorization": f"Bearer {a.form_key}"}).status_code == 401
    with_key = httpx.post(url, json={**body, "api_key": a.form_key}, headers={"apikey": a.form_key})
    assert with_key.status_code in (400, 401, 403, 404), with_key.text
    assert a.client_id not in with_key.text


def test_the_secret_api_key_still_submits_from_a_server_without_origin(web, db):
    a, _ = web.clients
    answer = httpx.post(web.api_url + "/rest/v1/rpc/submit_lead", json={
        "api_key": a.api_key, "name": "Server", "email": "server@backend.test", "message": "from our CRM"})
    assert answer.status_code == 200 and answer.json()["status"] == "received"
    no_origin = httpx.post(web.api_url + "/rest/v1/rpc/submit_lead", json={
        "api_key": a.form_key, "name": "Curl", "email": "curl@leak.test", "message": "no origin"})
    assert no_origin.status_code == 403 and no_origin.json()["code"] == "PT403"
