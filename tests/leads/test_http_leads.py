"""The lead pipeline end to end over real HTTP through the gateway: the form, the dashboard's login,
lists and RPCs, the statuses PostgREST would send, and the demo's printed curl commands run by bash."""

import subprocess

import httpx
import psycopg
import pytest

from avenir.local import demo


@pytest.fixture
def http(api):
    with httpx.Client(base_url=api.url + "/rest/v1", headers={"apikey": api.anon_key}, timeout=30) as client:
        yield client


def login(http, tenant) -> dict:
    response = http.post("/rpc/login", json={"email": tenant.email, "password": tenant.password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_form_submission_statuses(http, db_url, make_tenant):
    tenant = make_tenant()
    ok = http.post("/rpc/submit_lead", json={"api_key": tenant.api_key, "name": "Ann", "email": "ann@lead.test",
                                             "message": "Hello"})
    assert ok.status_code == 200 and ok.json()["status"] == "received"
    bad_key = http.post("/rpc/submit_lead", json={"api_key": "avk_wrong", "name": "Ann", "email": "ann@lead.test",
                                                  "message": "Hello"})
    assert bad_key.status_code == 401 and bad_key.json()["code"] == "PT401"
    bad_email = http.post("/rpc/submit_lead", json={"api_key": tenant.api_key, "name": "Ann", "email": "ann@",
                                                    "message": "Hello", "language": "fr"},
                          headers={"User-Agent": "form-test/1"})
    assert bad_email.status_code == 400
    assert bad_email.json()["message"] == "l'adresse e-mail n'est pas valide"
    with psycopg.connect(db_url) as conn:
        logged = conn.execute("select response_status, user_agent from integration_logs where client_id = %s "
                              "order by created_at", [tenant.client_id]).fetchall()
    assert logged == [(200, logged[0][1]), (400, "form-test/1")]


def test_dashboard_login_list_tag_and_journal(http, make_tenant):
    a, b = make_tenant(), make_tenant()
    lead_id = http.post("/rpc/submit_lead", json={"api_key": a.api_key, "name": "Ann", "email": "ann@lead.test",
                                                  "message": "Bonjour, un devis svp"}).json()["lead_id"]
    as_a, as_b = login(http, a), login(http, b)
    assert [lead["id"] for lead in http.get("/lead_memory?select=id,language", headers=as_a).json()] == [lead_id]
    assert http.get("/lead_memory", headers=as_b).json() == []
    tagged = http.post("/rpc/tag_lead", json={"lead_id": lead_id, "tag": "Lead Chaud"}, headers=as_a)
    assert tagged.status_code == 200 and tagged.json()["tag"] == "Hot Lead"
    stolen = http.post("/rpc/tag_lead", json={"lead_id": lead_id, "tag": "Spam"}, headers=as_b)
    assert stolen.status_code == 404 and stolen.json()["code"] == "PT404"
    wrong = http.post("/rpc/login", json={"email": a.email, "password": "not it"})
    assert wrong.status_code == 403 and wrong.json()["code"] == "28P01"
    journal = http.get(f"/lead_journal?lead_id=eq.{lead_id}&select=action,tag", headers=as_a).json()
    assert journal == [{"action": "created", "tag": None}, {"action": "tagged", "tag": "Hot Lead"}]


def test_the_printed_first_minute_commands_work(api, cluster, rpc):
    try:
        key = demo.ensure_demo_client(cluster)
        text = demo.first_minute(api.url, key, demo.demo_password(cluster), api.anon_key)
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", text.split("\n", 2)[2]],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert '"status":"received"' in result.stdout.replace(" ", "")
        assert '"email":"ada@lovelace.test"' in result.stdout.replace(" ", "")
    finally:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("delete from public.clients where email = %s", [demo.DEMO_EMAIL])
        for name in ("demo_api_key", "demo_password"):
            (cluster.secrets_dir / name).unlink(missing_ok=True)
