"""The OpenAI provider: the official client against an OpenAI-compatible server on loopback
(tests/openai_stub.py), never the internet."""

import pytest
from openai_stub import VALID_ANALYSIS, OpenAIStub, api_error, completion

from avenir.worker.providers.base import EMBEDDING_DIMENSIONS
from avenir.worker.providers.openai import Circuit, OpenAIConfig, OpenAIProvider, RateLimiter

INTENTS = {"Quote Request": "Demande de devis", "Technical Issue": "Problème technique",
           "General Inquiry": "Demande générale"}
PROMPT = {"prompt_name": "lead_analysis.chat", "variant_id": "lead_analysis.chat.v1.en", "language": "en",
          "prompt_text": "Classify. intent: one of {intents}; tone: one of {tones}; urgency: one of {urgencies}."}
MESSAGE = "Hello, could you send me a quote for 12 licences this week? Dana"


@pytest.fixture
def stub():
    with OpenAIStub() as s:
        yield s


def provider(stub, **overrides):
    settings = {"api_key": "test-key", "base_url": stub.base_url, "timeout": 5, "max_retries": 2,
                "rate_limit": 0, "circuit_failures": 3, "circuit_cooldown": 600, **overrides}
    p = OpenAIProvider(OpenAIConfig(**settings))
    p.configure(INTENTS)
    return p


def test_a_normal_answer_is_the_analysis_with_tokens_cost_and_quality(stub):
    analysis, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    assert analysis.as_json() == VALID_ANALYSIS
    assert (prompt.variant_id, prompt.model, prompt.token_count) == ("lead_analysis.chat.v1.en", "gpt-4o-mini", 160)
    # gpt-4o-mini: 120 tokens in at 0.15 USD/M + 40 out at 0.60 USD/M
    assert prompt.cost_usd == pytest.approx(0.000042)
    quality = prompt.extra["quality"]
    assert quality["json_valid"] is True and quality["completeness"] == 1 and "fallback" not in quality
    sent = stub.chat_requests()[0]
    assert sent.headers["authorization"] == "Bearer test-key"
    system = sent.body["messages"][0]["content"]
    assert "Quote Request, Technical Issue, General Inquiry" in system and "High, Medium, Low" in system
    assert sent.body["response_format"]["type"] == "json_schema"
    assert sent.body["response_format"]["json_schema"]["schema"]["properties"]["intent"]["enum"] == list(INTENTS)


def test_a_429_is_retried_after_the_retry_after_delay_then_succeeds(stub):
    stub.queue.append(api_error(429, "Rate limit reached", {"Retry-After": "1"}))
    analysis, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    assert analysis.intent == "Quote Request" and "fallback" not in prompt.extra["quality"]
    first, second = stub.chat_requests()
    # The client waited what the server asked before the second try (a lower bound, not a timing).
    assert second.at - first.at >= 0.95


def test_a_timeout_falls_back_to_offline_and_says_so(stub):
    stub.default = completion(VALID_ANALYSIS)
    stub.queue.append(completion(VALID_ANALYSIS))
    stub.queue[0].delay = 3
    analysis, prompt = provider(stub, timeout=0.5, max_retries=0).analyse_lead(
        "Our dashboard is down, please fix it now", "Sam", "en", prompt=PROMPT)
    assert prompt.variant_id == "lead_analysis.offline-v1"
    assert prompt.extra["quality"]["fallback"] == {"to": "offline", "reason": "timeout"}
    assert "Timeout" in prompt.extra["quality"]["error"]
    assert analysis.intent in INTENTS


def test_malformed_json_never_becomes_the_analysis(stub):
    stub.default = completion('{"language": "en", "intent": "Quote Req')
    analysis, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    quality = prompt.extra["quality"]
    assert quality["fallback"]["reason"] == "invalid_answer" and quality["json_valid"] is False
    assert "not valid JSON" in quality["error"]
    assert prompt.variant_id == "lead_analysis.offline-v1" and prompt.token_count == 160  # the tokens were spent


def test_missing_fields_are_measured_as_incomplete(stub):
    stub.default = completion({k: v for k, v in VALID_ANALYSIS.items() if k not in ("summary_fr", "tone")})
    _, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    quality = prompt.extra["quality"]
    assert quality["json_valid"] is True and quality["completeness"] == pytest.approx(5 / 7, abs=0.001)
    assert quality["fallback"]["reason"] == "invalid_answer" and "summary_fr, tone" in quality["error"]


def test_a_near_miss_is_corrected_to_the_canonical_value(stub):
    stub.default = completion({**VALID_ANALYSIS, "intent": "Demande de devis", "tone": "professionnal",
                               "urgency": "HIGH"})
    analysis, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    assert (analysis.intent, analysis.tone, analysis.urgency) == ("Quote Request", "Professional", "High")
    assert len(prompt.extra["quality"]["corrections"]) == 3
    assert prompt.variant_id == "lead_analysis.chat.v1.en"


@pytest.mark.parametrize("field, value", [("intent", "Wants A Pony"), ("tone", "Sarcastic"), ("confidence", 7),
                                          ("language", "de")])
def test_a_value_outside_the_vocabulary_falls_back_and_is_never_returned(stub, field, value):
    stub.default = completion({**VALID_ANALYSIS, field: value})
    analysis, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    assert prompt.extra["quality"]["fallback"]["reason"] == "invalid_answer"
    assert getattr(analysis, field) != value


def test_an_outage_opens_the_circuit_and_later_leads_go_offline_without_calling(stub):
    stub.default = api_error(503, "The server is overloaded")
    p = provider(stub, max_retries=0, circuit_failures=2)
    reasons = [p.analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)[1].extra["quality"]["fallback"]["reason"]
               for _ in range(4)]
    assert reasons == ["api_error", "api_error", "circuit_open", "circuit_open"]
    assert len(stub.chat_requests()) == 2 and p.circuit.is_open


def test_an_unreachable_api_falls_back():
    p = OpenAIProvider(OpenAIConfig(api_key="k", base_url="http://127.0.0.1:9/v1", timeout=2, max_retries=0))
    p.configure(INTENTS)
    _, prompt = p.analyse_lead(MESSAGE, "Dana", "en", prompt=PROMPT)
    assert prompt.extra["quality"]["fallback"]["reason"] == "api_error"
    assert "Connection" in prompt.extra["quality"]["error"]


def test_without_a_prompt_in_the_registry_the_lead_is_analysed_offline(stub):
    _, prompt = provider(stub).analyse_lead(MESSAGE, "Dana", "en", prompt=None)
    assert prompt.extra["quality"]["fallback"]["reason"] == "no_prompt" and not stub.requests


def test_embeddings_ask_for_1536_dimensions_and_are_unit_vectors(stub):
    vector = provider(stub).embed("growth automation for dentists")
    assert len(vector) == EMBEDDING_DIMENSIONS
    assert sum(x * x for x in vector) == pytest.approx(1.0)
    sent = stub.requests[0].body
    assert (sent["model"], sent["dimensions"]) == ("text-embedding-3-small", 1536)


def test_the_rate_limiter_waits_for_the_oldest_call_to_leave_the_minute():
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2, clock=lambda: now[0], sleep=sleep)
    assert limiter.acquire() == 0 and limiter.acquire() == 0
    now[0] += 10
    assert limiter.acquire() == pytest.approx(50) and slept == [pytest.approx(50)]


def test_the_circuit_half_opens_after_its_cooldown():
    now = [0.0]
    circuit = Circuit(1, 30, clock=lambda: now[0])
    circuit.failure()
    assert not circuit.allow()
    now[0] = 31
    assert circuit.allow() and not circuit.allow()  # one probe only
    circuit.success()
    assert circuit.allow() and not circuit.is_open
