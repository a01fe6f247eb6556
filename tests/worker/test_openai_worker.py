"""The worker with AVENIR_AI_PROVIDER=openai against a loopback OpenAI-compatible server: the prompt
comes from prompt_registry, every call is recorded with tokens, cost and quality, bad answers and
outages never reach lead_memory."""

import pytest
from openai_stub import VALID_ANALYSIS, OpenAIStub, api_error, completion
from worker_helpers import add_lead, enqueue, job, wait_for


@pytest.fixture
def stub():
    with OpenAIStub() as s:
        yield s


def openai_env(stub, **extra):
    return {"AVENIR_AI_PROVIDER": "openai", "OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": stub.base_url,
            "AVENIR_OPENAI_MAX_RETRIES": 0, "AVENIR_OPENAI_TIMEOUT": 5, **extra}


def enrich(db, tenant, message, name="Dana"):
    lead_id = add_lead(db, tenant, message, name)
    return lead_id, enqueue(db, "lead_enrichment", {"lead_id": lead_id, "client_id": tenant})


def execution(db, job_id):
    return db.execute("select p.*, r.variant_id from public.prompt_performance p join public.prompt_registry r "
                      "on r.id = p.prompt_registry_id where p.execution_id = %s", [f"job:{job_id}"]).fetchone()


def metric(db, job_id):
    return db.execute("select * from public.performance_metrics where event_type = 'ai_analysis' and "
                      "metadata ->> 'execution_id' = %s", [f"job:{job_id}"]).fetchone()


def test_the_analysis_comes_from_the_model_with_the_registry_prompt_and_is_recorded(db, tenant, start_worker, stub):
    lead_id, job_id = enrich(db, tenant, "Hello, could you send me a quote for 12 licences this week?")
    start_worker(**openai_env(stub))
    wait_for(lambda: job(db, job_id)["status"] == "completed", 30, "the enrichment")

    lead = db.execute("select * from public.lead_memory where id = %s", [lead_id]).fetchone()
    assert (lead["intent"], lead["tone"], lead["urgency"]) == ("Quote Request", "Professional", "High")
    assert lead["ai_summary"] == VALID_ANALYSIS["summary_en"]
    registry = db.execute("select prompt_text from public.prompt_registry where variant_id = "
                          "'lead_analysis.chat.v1.en'").fetchone()["prompt_text"]
    system = stub.chat_requests()[0].body["messages"][0]["content"]
    assert system.startswith(registry.split("{intents}")[0]) and "B2B Partnership" in system
    run = execution(db, job_id)
    assert run["variant_id"] == "lead_analysis.chat.v1.en"
    assert (run["token_count"], float(run["cost_usd"])) == (160, 0.000042)
    assert (run["consistency_score"], run["completeness_score"], run["error_occurred"]) == (1, 1, False)
    assert run["input_data"]["tokens_in"] == 120 and run["input_data"]["model"] == "gpt-4o-mini"
    m = metric(db, job_id)
    assert m["metadata"]["tokens_out"] == 40 and m["metadata"]["cost_usd"] == 0.000042
    assert m["metadata"]["json_valid"] is True and m["metadata"]["model"] == "gpt-4o-mini"


def test_an_answer_outside_the_vocabulary_never_reaches_the_lead(db, tenant, start_worker, stub):
    stub.default = completion({**VALID_ANALYSIS, "intent": "Wants A Pony", "urgency": "Extreme"})
    lead_id, job_id = enrich(db, tenant, "Our dashboard is down and we get a 500 error, please fix it immediately.")
    start_worker(**openai_env(stub))
    wait_for(lambda: job(db, job_id)["status"] == "completed", 30, "the enrichment")

    lead = db.execute("select * from public.lead_memory where id = %s", [lead_id]).fetchone()
    assert lead["intent"] == "Technical Issue" and lead["urgency"] in ("High", "Medium", "Low")  # offline's
    run = execution(db, job_id)
    assert run["variant_id"] == "lead_analysis.offline-v1" and run["error_occurred"] is True
    assert "Wants A Pony" in run["error_message"] and run["consistency_score"] == 1
    assert run["input_data"]["fallback"] == {"to": "offline", "reason": "invalid_answer"}
    assert run["token_count"] == 160  # the model's tokens were spent on this execution


def test_an_outage_trips_the_circuit_and_leads_are_enriched_offline_recorded_as_such(db, tenant, start_worker, stub):
    stub.default = api_error(500, "The server had an error while processing your request")
    jobs = [enrich(db, tenant, f"Hello, I need a quote for {n} seats please.")[1] for n in (3, 4, 5)]
    start_worker(**openai_env(stub, AVENIR_OPENAI_CIRCUIT_FAILURES=1, AVENIR_WORKER_CONCURRENCY=1))
    wait_for(lambda: all(job(db, j)["status"] == "completed" for j in jobs), 30, "the enrichments")

    reasons = sorted(execution(db, j)["input_data"]["fallback"]["reason"] for j in jobs)
    assert reasons == ["api_error", "circuit_open", "circuit_open"]
    assert len(stub.chat_requests()) == 1
    assert all(execution(db, j)["variant_id"] == "lead_analysis.offline-v1" for j in jobs)
    assert all(metric(db, j)["metadata"]["fallback"]["reason"] in ("api_error", "circuit_open") for j in jobs)


def test_the_reply_is_written_by_the_model_and_rendered_by_the_same_renderer(db, tenant, start_worker, stub, tmp_path):
    db.execute("update public.clients set ai_personalized_reply = true, email_tone = 'Formal' where client_id = %s",
               [tenant])
    lead_id, job_id = enrich(db, tenant, "Hello, could you send me a quote for 12 licences this week?")
    mail_dir = tmp_path / "mail"
    start_worker(**openai_env(stub, AVENIR_MAIL_URL=f"file:{mail_dir}"))
    wait_for(lambda: db.execute("select status from private.lead_replies where lead_id = %s",
                                [lead_id]).fetchone(), 30, "the reply")
    wait_for(lambda: list(mail_dir.glob("*.eml")), 30, "the reply file")

    from mail_stubs import parse
    message = parse(next(mail_dir.glob("*.eml")).read_bytes())
    assert str(message["Subject"]) == "Your quote <12 licences>"
    html = message.get_body(("html",)).get_content()
    assert "Your quote &lt;12 licences&gt;" in html and "Our team prepares your quote today." in html
    reply_request = [r for r in stub.chat_requests() if r.body["response_format"]["type"] == "json_object"][0]
    assert "Formal register" in reply_request.body["messages"][0]["content"]
