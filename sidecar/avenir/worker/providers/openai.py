"""The OpenAI provider (AVENIR_AI_PROVIDER=openai): the official `openai` client, chat completions
with structured JSON output, embeddings at 1536 dimensions.

Configuration (AVENIR_* and the client's own OPENAI_* variables):
  OPENAI_API_KEY                   required
  OPENAI_BASE_URL                  the API's base URL (the client's own default when unset; tests: loopback)
  AVENIR_OPENAI_MODEL              chat model (gpt-4o-mini)
  AVENIR_OPENAI_EMBEDDING_MODEL    text-embedding-3-small (asked for 1536 dimensions) or text-embedding-ada-002
  AVENIR_OPENAI_TIMEOUT            seconds per HTTP request (20)
  AVENIR_OPENAI_MAX_RETRIES        retries of a 408/409/429/5xx/timeout, by the client, with exponential
                                   backoff that honours Retry-After (3)
  AVENIR_OPENAI_RATE_LIMIT         requests per minute of this worker, 0 = no limit (60)
  AVENIR_OPENAI_CIRCUIT_FAILURES   consecutive failed calls that open the circuit (3)
  AVENIR_OPENAI_CIRCUIT_COOLDOWN   seconds the circuit stays open before one call is tried again (60)

An answer is checked against the vocabularies (the taxonomy's intents, TONES, URGENCIES,
LANGUAGES): a near miss is corrected to the canonical value (recorded in the quality checks), anything
else makes the answer invalid. An invalid answer, a failed call or an open circuit falls back to the
offline provider for that lead, and the execution records why (input_data.fallback, error_message):
what reaches lead_memory is always inside the vocabularies. Embeddings do not fall back (a hashing
vector is not comparable with a model's): a failed embedding fails its job, which is retried.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import openai

from ...errors import AvenirError
from .base import EMBEDDING_DIMENSIONS, LANGUAGES, TONES, URGENCIES, LeadAnalysis, PromptInfo, Provider
from .offline import OfflineProvider

ANALYSIS_PROMPT = "lead_analysis.chat"  # prompt_registry.prompt_name of the analysis prompt (db/seeds/chat_prompts.sql)
REPLY_PROMPT = "email_reply.chat"

# USD per million tokens (input, output): the public list prices of these models when this was
# written; a model not listed costs 0 and is flagged `price_unknown`. AVENIR_OPENAI_PRICES
# ('{"model": [input, output]}') adds or replaces entries.
PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "text-embedding-3-small": (0.02, 0.0),
    "text-embedding-3-large": (0.13, 0.0),
    "text-embedding-ada-002": (0.10, 0.0),
}

ANALYSIS_FIELDS = ("language", "intent", "tone", "urgency", "confidence", "summary_en", "summary_fr")
CORRECTION_CUTOFF = 0.8  # difflib ratio above which a near miss is taken for the canonical value


def _env_number(name: str, default: float, minimum: float = 0) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise AvenirError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise AvenirError(f"{name}={raw} must be at least {minimum}")
    return value


@dataclass(frozen=True)
class OpenAIConfig:
    api_key: str
    base_url: str | None
    model: str = "gpt-4o-mini"
    embedding_model: str = "text-embedding-3-small"
    timeout: float = 20.0
    max_retries: int = 3
    rate_limit: int = 60
    circuit_failures: int = 3
    circuit_cooldown: float = 60.0
    prices: dict = field(default_factory=lambda: dict(PRICES_PER_MILLION))

    @classmethod
    def from_env(cls) -> OpenAIConfig:
        key = os.environ.get("OPENAI_API_KEY")
        if not key:
            raise AvenirError("AVENIR_AI_PROVIDER=openai needs OPENAI_API_KEY; unset AVENIR_AI_PROVIDER for offline")
        prices = dict(PRICES_PER_MILLION)
        if os.environ.get("AVENIR_OPENAI_PRICES"):
            try:
                prices.update({m: (float(p[0]), float(p[1]))
                               for m, p in json.loads(os.environ["AVENIR_OPENAI_PRICES"]).items()})
            except (ValueError, TypeError, IndexError, AttributeError):
                raise AvenirError('AVENIR_OPENAI_PRICES must be {"model": [input, output]} in USD per million '
                                  "tokens") from None
        return cls(api_key=key, base_url=os.environ.get("OPENAI_BASE_URL") or None,
                   model=os.environ.get("AVENIR_OPENAI_MODEL") or cls.model,
                   embedding_model=os.environ.get("AVENIR_OPENAI_EMBEDDING_MODEL") or cls.embedding_model,
                   timeout=_env_number("AVENIR_OPENAI_TIMEOUT", cls.timeout, 0.1),
                   max_retries=int(_env_number("AVENIR_OPENAI_MAX_RETRIES", cls.max_retries)),
                   rate_limit=int(_env_number("AVENIR_OPENAI_RATE_LIMIT", cls.rate_limit)),
                   circuit_failures=int(_env_number("AVENIR_OPENAI_CIRCUIT_FAILURES", cls.circuit_failures, 1)),
                   circuit_cooldown=_env_number("AVENIR_OPENAI_CIRCUIT_COOLDOWN", cls.circuit_cooldown),
                   prices=prices)

    def cost(self, model: str, tokens_in: int, tokens_out: int) -> float | None:
        price = self.prices.get(model)
        if price is None:
            return None
        return round((tokens_in * price[0] + tokens_out * price[1]) / 1_000_000, 6)


class RateLimiter:
    """At most `per_minute` acquisitions in any 60 s window; acquire() waits for a free slot."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.per_minute, self.clock, self.sleep = per_minute, clock, sleep
        self.calls: deque[float] = deque()
        self.lock = threading.Lock()

    def acquire(self) -> float:
        """Take a slot; returns the seconds waited."""
        if self.per_minute <= 0:
            return 0.0
        waited = 0.0
        while True:
            with self.lock:
                now = self.clock()
                while self.calls and now - self.calls[0] >= 60:
                    self.calls.popleft()
                if len(self.calls) < self.per_minute:
                    self.calls.append(now)
                    return waited
                pause = 60 - (now - self.calls[0])
            self.sleep(pause)
            waited += pause


class Circuit:
    """Closed while calls succeed; open for `cooldown` s after `failures` consecutive failures, then
    half-open: one call is tried, and its result closes or re-opens the circuit."""

    def __init__(self, failures: int, cooldown: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold, self.cooldown, self.clock = failures, cooldown, clock
        self.failures = 0
        self.opened_at: float | None = None
        self.lock = threading.Lock()

    def allow(self) -> bool:
        with self.lock:
            if self.opened_at is None:
                return True
            if self.clock() - self.opened_at >= self.cooldown:
                self.opened_at = self.clock()  # half-open: this call is the probe, the others wait another cooldown
                return True
            return False

    def success(self) -> None:
        with self.lock:
            self.failures, self.opened_at = 0, None

    def failure(self) -> None:
        with self.lock:
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = self.clock()

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


class InvalidAnswer(ValueError):
    """The model's answer is not valid JSON, misses fields or uses values outside the vocabularies."""

    def __init__(self, message: str, json_valid: bool, completeness: float) -> None:
        super().__init__(message)
        self.json_valid, self.completeness = json_valid, completeness


def _canonical(value: object, vocabulary: dict[str, str], what: str, corrections: list[str]) -> str:
    """vocabulary: {any accepted spelling, casefolded: canonical value}."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidAnswer(f"{what} is missing or not a string", True, 0)
    key = value.strip().casefold()
    if key in vocabulary:
        canonical = vocabulary[key]
    else:
        close = difflib.get_close_matches(key, list(vocabulary), n=1, cutoff=CORRECTION_CUTOFF)
        if not close:
            raise InvalidAnswer(f"{what} {value!r} is not in the vocabulary", True, 0)
        canonical = vocabulary[close[0]]
    if canonical != value:
        corrections.append(f"{what}: {value!r} -> {canonical!r}")
    return canonical


class OpenAIProvider(Provider):
    name = "openai"
    blocking = True
    uses_prompt_registry = True  # the handlers pass the active prompt_registry row (public.active_prompt)

    def __init__(self, config: OpenAIConfig | None = None) -> None:
        self.config = config or OpenAIConfig.from_env()
        self.client = openai.OpenAI(api_key=self.config.api_key, base_url=self.config.base_url,
                                    timeout=self.config.timeout, max_retries=self.config.max_retries)
        self.offline = OfflineProvider()
        self.limiter = RateLimiter(self.config.rate_limit)
        self.circuit = Circuit(self.config.circuit_failures, self.config.circuit_cooldown)
        self.intents: dict[str, str] = {}

    def configure(self, intents: dict[str, str], labels: dict[str, dict[str, str]] | None = None) -> None:
        super().configure(intents, labels)
        self.offline.configure(intents, labels)

    # -- lead analysis -----------------------------------------------------------------

    def _system_prompt(self, prompt_text: str) -> str:
        lists = {"{intents}": ", ".join(self.intents), "{tones}": ", ".join(TONES),
                 "{urgencies}": ", ".join(URGENCIES)}
        for placeholder, values in lists.items():
            prompt_text = prompt_text.replace(placeholder, values)
        return prompt_text

    def _schema(self) -> dict:
        strings = {"type": "string"}
        return {"name": "lead_analysis", "strict": True, "schema": {
            "type": "object", "additionalProperties": False, "required": list(ANALYSIS_FIELDS),
            "properties": {"language": {"type": "string", "enum": list(LANGUAGES)},
                           "intent": {"type": "string", "enum": list(self.intents)} if self.intents else strings,
                           "tone": {"type": "string", "enum": list(TONES)},
                           "urgency": {"type": "string", "enum": list(URGENCIES)},
                           "confidence": {"type": "number"}, "summary_en": strings, "summary_fr": strings}}}

    def check_analysis(self, content: str | None) -> tuple[LeadAnalysis, float, list[str]]:
        """Parse and validate an answer: (analysis, completeness, corrections), or InvalidAnswer."""
        try:
            data = json.loads(content or "")
        except ValueError:
            raise InvalidAnswer(f"the answer is not valid JSON: {(content or '')[:80]!r}", False, 0) from None
        if not isinstance(data, dict):
            raise InvalidAnswer("the answer is not a JSON object", True, 0)
        present = [f for f in ANALYSIS_FIELDS if data.get(f) not in (None, "")]
        completeness = round(len(present) / len(ANALYSIS_FIELDS), 3)
        if len(present) < len(ANALYSIS_FIELDS):
            missing = sorted(set(ANALYSIS_FIELDS) - set(present))
            raise InvalidAnswer(f"the answer misses {', '.join(missing)}", True, completeness)
        corrections: list[str] = []
        intents = {k.casefold(): k for k in self.intents} | {v.casefold(): k for k, v in self.intents.items()}
        try:
            confidence = float(data["confidence"])
            if not math.isfinite(confidence) or not 0 <= confidence <= 1:
                raise InvalidAnswer(f"confidence {data['confidence']!r} is not in 0..1", True, completeness)
            if not all(isinstance(data[f], str) for f in ("summary_en", "summary_fr")):
                raise InvalidAnswer("the summaries must be strings", True, completeness)
            analysis = LeadAnalysis(
                language=_canonical(data["language"], {x: x for x in LANGUAGES} | {"english": "en", "french": "fr",
                                    "anglais": "en", "français": "fr"}, "language", corrections),
                intent=_canonical(data["intent"], intents, "intent", corrections),
                tone=_canonical(data["tone"], {t.casefold(): t for t in TONES}, "tone", corrections),
                urgency=_canonical(data["urgency"], {u.casefold(): u for u in URGENCIES}, "urgency", corrections),
                confidence=confidence, summary_en=data["summary_en"].strip()[:2000],
                summary_fr=data["summary_fr"].strip()[:2000])
        except (TypeError, ValueError) as e:
            if isinstance(e, InvalidAnswer):
                e.completeness = completeness
                raise
            raise InvalidAnswer(f"the answer has a value of the wrong type: {e}", True, completeness) from None
        return analysis, completeness, corrections

    def _fallback(self, message, name, language_hint, reason: str, error: str | None, quality: dict):
        analysis, prompt = self.offline.analyse_lead(message, name, language_hint)
        quality = {**quality, "fallback": {"to": "offline", "reason": reason}, "error": error}
        return analysis, PromptInfo(**{**prompt.as_json(), "token_count": quality.get("tokens_in", 0)
                                       + quality.get("tokens_out", 0), "cost_usd": quality.get("cost_usd") or 0.0,
                                       "extra": {"quality": quality}})

    def analyse_lead(self, message, name=None, language_hint=None, prompt: dict | None = None):
        model = self.config.model
        quality: dict = {"model": model, "openai_variant": (prompt or {}).get("variant_id")}
        if prompt is None:
            return self._fallback(message, name, language_hint, "no_prompt",
                                  f"no active {ANALYSIS_PROMPT} prompt in prompt_registry", quality)
        if not self.circuit.allow():
            return self._fallback(message, name, language_hint, "circuit_open", None, quality)
        self.limiter.acquire()
        user = json.dumps({"name": name, "language_hint": language_hint, "message": message}, ensure_ascii=False)
        try:
            response = self.client.chat.completions.create(
                model=model, temperature=0, response_format={"type": "json_schema", "json_schema": self._schema()},
                messages=[{"role": "system", "content": self._system_prompt(prompt["prompt_text"])},
                          {"role": "user", "content": user}])
        except openai.APITimeoutError as e:
            self.circuit.failure()
            return self._fallback(message, name, language_hint, "timeout", f"{type(e).__name__}: {e}", quality)
        except openai.OpenAIError as e:  # connection refused, 5xx or 429 after the retries, 401, ...
            self.circuit.failure()
            return self._fallback(message, name, language_hint, "api_error", f"{type(e).__name__}: {e}", quality)
        self.circuit.success()
        usage = response.usage
        tokens_in, tokens_out = (usage.prompt_tokens, usage.completion_tokens) if usage else (0, 0)
        cost = self.config.cost(response.model or model, tokens_in, tokens_out)
        quality.update(tokens_in=tokens_in, tokens_out=tokens_out, cost_usd=cost or 0.0, model=response.model or model)
        if cost is None:
            quality["price_unknown"] = True
        try:
            analysis, completeness, corrections = self.check_analysis(response.choices[0].message.content)
        except InvalidAnswer as e:
            quality.update(json_valid=e.json_valid, completeness=e.completeness)
            return self._fallback(message, name, language_hint, "invalid_answer", str(e), quality)
        quality.update(json_valid=True, completeness=completeness, corrections=corrections or None)
        return analysis, PromptInfo(prompt_name=prompt["prompt_name"], variant_id=prompt["variant_id"],
                                    prompt_text=prompt["prompt_text"], language=prompt["language"],
                                    model=quality["model"], token_count=tokens_in + tokens_out,
                                    cost_usd=cost or 0.0, extra={"quality": quality})

    # -- embeddings --------------------------------------------------------------------

    def embed(self, text):
        model = self.config.embedding_model
        self.limiter.acquire()
        extra = {} if model == "text-embedding-ada-002" else {"dimensions": EMBEDDING_DIMENSIONS}
        try:
            response = self.client.embeddings.create(model=model, input=text, **extra)
        except openai.OpenAIError:
            self.circuit.failure()
            raise
        self.circuit.success()
        vector = list(response.data[0].embedding)
        if len(vector) != EMBEDDING_DIMENSIONS:
            raise ValueError(f"{model} returned {len(vector)} dimensions, not {EMBEDDING_DIMENSIONS}")
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        return [x / norm for x in vector]

    # -- translation -------------------------------------------------------------------

    def translate(self, text, source, target):
        """The model's translation of `text` (the translation job checks the glossary and caches it)."""
        if not self.circuit.allow():
            raise ConnectionError("the OpenAI circuit is open")
        self.limiter.acquire()
        names = {"en": "English", "fr": "French"}
        try:
            response = self.client.chat.completions.create(
                model=self.config.model, temperature=0,
                messages=[{"role": "system", "content": f"Translate the user's text from {names[source]} to "
                                                        f"{names[target]}. Answer with the translation only."},
                          {"role": "user", "content": text}])
        except openai.OpenAIError:
            self.circuit.failure()
            raise
        self.circuit.success()
        translated = (response.choices[0].message.content or "").strip()
        if not translated:
            raise ValueError("the model returned an empty translation")
        return translated

    # -- replies -----------------------------------------------------------------------

    def write_reply(self, context: dict, prompt: dict | None = None) -> dict:
        """The pieces of a reply ({subject, greeting, paragraphs, closing, signature}) written by the model.
        Raises when it cannot: the handler then uses the templates."""
        if prompt is None:
            raise LookupError(f"no active {REPLY_PROMPT} prompt in prompt_registry")
        if not self.circuit.allow():
            raise ConnectionError("the OpenAI circuit is open")
        self.limiter.acquire()
        system = prompt["prompt_text"].replace("{email_tone}", context["tone"]).replace("{intent}", context["intent"])
        try:
            response = self.client.chat.completions.create(
                model=self.config.model, temperature=0.4, response_format={"type": "json_object"},
                messages=[{"role": "system", "content": system},
                          {"role": "user", "content": json.dumps({k: context[k] for k in
                                                                  ("name", "business", "message")},
                                                                 ensure_ascii=False)}])
        except openai.OpenAIError:
            self.circuit.failure()
            raise
        self.circuit.success()
        return json.loads(response.choices[0].message.content or "")
