"""The first milestone, end to end with real parts only: a lead submitted by a website form
(POST /rpc/submit_lead with the client's API key) is stored, enriched by a real worker process,
and seen -- only by its own client -- through Supabase's own Python client library."""

from __future__ import annotations

import time
import uuid

import psycopg
import pytest
from postgrest.exceptions import APIError
from supabase import Client, ClientOptions, create_client
from worker_process import WorkerProcess

PASSWORD = "a long enough password"


def supabase(api, key: str, token: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return create_client(api.url, key, options=ClientOptions(headers=headers, auto_refresh_token=False,
                                                             persist_session=False))


def new_client(service: Client, business: str) -> dict:
    email = f"{business.lower()}-{uuid.uuid4().hex[:10]}@tenant.test"
    created = service.rpc("create_client", {"business_name": business, "email": email, "password": PASSWORD,
                                            "language": "fr", "is_test": True}).execute().data
    return {**created, "email": email}


def logged_in(api, tenant: dict) -> Client:
    anon = supabase(api, api.anon_key)
    token = anon.rpc("login", {"email": tenant["email"], "password": PASSWORD}).execute().data["access_token"]
    return supabase(api, api.anon_key, token)


@pytest.fixture
def made_clients(db_url):
    """client_ids this test commits; deleted (with their leads) afterwards."""
    made: list[str] = []
    yield made
    with psycopg.connect(db_url) as conn:
        conn.execute("delete from public.clients where client_id = any(%s::uuid[])", [made])


@pytest.fixture
def worker(cluster, tmp_path):
    process = WorkerProcess(cluster, tmp_path)
    process.wait_started()
    yield process
    process.stop()


def test_form_lead_is_stored_enriched_and_seen_only_by_its_client(api, worker, made_clients):
    service = supabase(api, api.service_key)
    acme, rival = new_client(service, "Acme"), new_client(service, "Rival")
    made_clients += [acme["client_id"], rival["client_id"]]

    form = supabase(api, api.anon_key)
    submitted = form.rpc("submit_lead", {
        "api_key": acme["api_key"], "name": "Chloé Martin", "email": "chloe@prospect.test",
        "message": "Bonjour, nous aimerions une démonstration de votre plateforme cette semaine, "
                   "c'est assez urgent pour notre équipe commerciale.",
    }).execute().data
    assert submitted["status"] == "received"
    lead_id = submitted["lead_id"]

    dashboard = logged_in(api, acme)
    deadline = time.monotonic() + 30
    while True:
        rows = dashboard.table("lead_memory").select("*").eq("id", lead_id).execute().data
        if rows and rows[0]["intent"] is not None:
            break
        assert time.monotonic() < deadline, f"the worker did not enrich the lead:\n{worker.log()[-2000:]}"
        time.sleep(0.2)
    lead = rows[0]
    assert lead["client_id"] == acme["client_id"] and lead["language"] == "fr"
    assert lead["urgency"] in ("High", "Medium", "Low") and lead["ai_summary"]
    assert 0 <= float(lead["confidence_score"]) <= 1
    assert [entry["value"] for entry in lead["tone_history"]] == [lead["tone"]]
    taxonomy = {row["intent_en"] for row in form.table("intent_translations").select("intent_en").execute().data}
    assert lead["intent"] in taxonomy

    # The other tenant, with a valid login, sees nothing of it, by id or in bulk.
    other = logged_in(api, rival)
    assert other.table("lead_memory").select("id").eq("id", lead_id).execute().data == []
    counted = other.table("lead_memory").select("id", count="exact").execute()
    assert counted.count == 0 and counted.data == []
    with pytest.raises(APIError) as stolen:
        other.rpc("archive_lead", {"lead_id": lead_id}).execute()
    assert stolen.value.code == "PT404"

    # Anonymous callers (the form's own key) read no tenant data at all.
    with pytest.raises(APIError) as anonymous:
        form.table("lead_memory").select("id").execute()
    assert anonymous.value.code == "42501"
