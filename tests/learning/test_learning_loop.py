"""The learning loop end to end with real parts: leads from the form (HTTP) are enriched by a real
worker under a running A/B test of the lead_analysis prompt (each lead's arm chosen by
choose_prompt_variant), the client corrects the control arm's analyses and converts the treatment
arm's leads, the learning pass scores the executions, evaluate_ab_tests names the treatment the
winner and it becomes the variant every lead gets."""

from __future__ import annotations

import time
import uuid

import psycopg
import pytest
from psycopg.rows import dict_row
from supabase import Client, ClientOptions, create_client
from worker_process import WorkerProcess

PASSWORD = "a long enough password"
CONTROL = "lead_analysis.offline-v1"  # the offline provider's own variant
LEADS = 100


def supabase(api, key: str, token: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return create_client(api.url, key, options=ClientOptions(headers=headers, auto_refresh_token=False,
                                                             persist_session=False))


@pytest.fixture
def loop_setup(api, db_url):
    """A client, the control variant, a fresh treatment variant and a running test; all removed after."""
    service = supabase(api, api.service_key)
    email = f"bakery-{uuid.uuid4().hex[:10]}@tenant.test"
    tenant = service.rpc("create_client", {"business_name": "Bakery", "email": email, "password": PASSWORD,
                                           "language": "en"}).execute().data
    with psycopg.connect(db_url, row_factory=dict_row, autocommit=True) as conn:
        control = conn.execute("select id, is_active from public.prompt_registry where variant_id = %s",
                               [CONTROL]).fetchone()
    if control is None:
        service.rpc("register_prompt_variant", {"prompt_name": "lead_analysis", "prompt_text": "offline rules",
                                                "language": "en", "variant_id": CONTROL}).execute()
    treatment = service.rpc("register_prompt_variant", {
        "prompt_name": "lead_analysis", "prompt_text": "Classify the lead; prefer the client's own vocabulary.",
        "language": "en", "variant_id": f"lead_analysis.e2e-{uuid.uuid4().hex[:8]}"}).execute().data
    test_name = f"e2e-{uuid.uuid4().hex[:8]}"
    service.table("prompt_ab_tests").insert({
        "test_name": test_name, "prompt_name": "lead_analysis", "control_variant_id": CONTROL,
        "treatment_variant_id": treatment["variant_id"], "status": "running", "min_sample_size": 30,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60)),
    }).execute()
    yield {"service": service, "tenant": {**tenant, "email": email}, "treatment": treatment, "test_name": test_name}
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("delete from public.prompt_ab_tests where test_name = %s", [test_name])
        conn.execute("delete from public.prompt_registry where id = %s", [treatment["id"]])
        conn.execute("update public.prompt_registry set is_active = true where variant_id = %s", [CONTROL])
        conn.execute("delete from public.clients where client_id = %s", [tenant["client_id"]])


@pytest.fixture
def worker(cluster, tmp_path):
    process = WorkerProcess(cluster, tmp_path)
    process.wait_started()
    yield process
    process.stop()


def test_corrections_and_outcomes_make_the_better_variant_win(api, db_url, loop_setup, worker):
    service, tenant = loop_setup["service"], loop_setup["tenant"]
    treatment = loop_setup["treatment"]["variant_id"]
    form = supabase(api, api.anon_key)
    lead_ids = [form.rpc("submit_lead", {
        "api_key": tenant["api_key"], "name": f"Guest {i}", "email": f"guest{i}@prospect.test",
        "message": f"Hello, could you send me a quote for a wedding cake for {20 + i} guests on day {i}? Thanks.",
    }).execute().data["lead_id"] for i in range(LEADS)]

    token = form.rpc("login", {"email": tenant["email"], "password": PASSWORD}).execute().data["access_token"]
    dashboard = supabase(api, api.anon_key, token)
    deadline = time.monotonic() + 90
    while True:
        rows = dashboard.table("lead_memory").select("id, intent").in_("id", lead_ids).execute().data
        if len(rows) == LEADS and all(r["intent"] for r in rows):
            break
        assert time.monotonic() < deadline, f"the worker did not enrich every lead:\n{worker.log()[-2000:]}"
        time.sleep(0.3)

    # Each execution went to the lead's sticky arm, and both arms were used.
    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        executions = conn.execute(
            "select (p.input_data ->> 'lead_id') as lead_id, r.variant_id"
            "  from public.prompt_performance p join public.prompt_registry r on r.id = p.prompt_registry_id"
            " where p.client_id = %s", [tenant["client_id"]]).fetchall()
    arm_of = {e["lead_id"]: e["variant_id"] for e in executions}
    assert len(arm_of) == LEADS and set(arm_of.values()) == {CONTROL, treatment}
    for lead_id in lead_ids[:5]:
        chosen = service.rpc("choose_prompt_variant", {"prompt_name": "lead_analysis", "language": "en",
                                                       "unit_key": lead_id}).execute().data
        assert chosen["variant_id"] == arm_of[lead_id]

    # The client corrects every control analysis and converts the treatment's leads.
    intents = {r["id"]: r["intent"] for r in rows}
    for lead_id in lead_ids:
        if arm_of[lead_id] == CONTROL:
            wrong = "Sales Inquiry" if intents[lead_id] != "Sales Inquiry" else "Quote Request"
            fixed = dashboard.rpc("correct_lead_analysis", {"lead_id": lead_id, "intent": wrong}).execute().data
            assert fixed["changed"] == ["intent"]
        else:
            dashboard.rpc("tag_lead", {"lead_id": lead_id, "tag": "Converted"}).execute()

    passed = service.rpc("learning_pass", {}).execute().data
    assert passed["processed"] >= LEADS and passed["accuracy_metrics"] >= 1
    evaluated = service.rpc("evaluate_ab_tests", {}).execute().data
    mine = next(t for t in evaluated["tests"] if t["test_name"] == loop_setup["test_name"])
    assert mine["decision"] == "winner" and mine["winner_variant_id"] == treatment

    test = service.table("prompt_ab_tests").select("*").eq("test_name", loop_setup["test_name"]).execute().data[0]
    assert test["status"] == "completed" and float(test["statistical_significance"]) <= 0.05
    assert test["control_metrics"]["success_rate"] == 0 and test["treatment_metrics"]["success_rate"] == 1
    assert test["treatment_metrics"]["chance_to_beat_control"] > 0.999
    after = service.rpc("choose_prompt_variant", {"prompt_name": "lead_analysis", "language": "en",
                                                  "unit_key": str(uuid.uuid4())}).execute().data
    assert after["variant_id"] == treatment

    # The client's own accuracy metric and its growth brain, through its dashboard.
    metrics = dashboard.table("performance_metrics").select("ai_accuracy, metadata") \
        .eq("metric_name", "accuracy").execute().data
    assert len(metrics) == 1 and float(metrics[0]["ai_accuracy"]) == 0
    brain = dashboard.rpc("refresh_growth_brain", {}).execute().data
    assert brain["total_leads"] == LEADS and brain["fresh"] is True
    row = dashboard.table("growth_brain").select("top_intents, predictive_insights").execute().data[0]
    assert row["predictive_insights"]["en"]["recommendations"], "100 leads are enough for recommendations"
