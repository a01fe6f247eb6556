"""What every AI provider offers the worker's handlers.

Two implementations: `offline` (the default: deterministic, no network) and `openai` (the official
client against OPENAI_API_KEY, providers/openai.py). Handlers only see this interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field

EMBEDDING_DIMENSIONS = 1536
LANGUAGES = ("en", "fr")
URGENCIES = ("High", "Medium", "Low")
TONES = ("Professional", "Friendly", "Formal", "Casual", "Urgent", "Frustrated", "Enthusiastic")


@dataclass(frozen=True)
class LeadAnalysis:
    """One lead's enrichment, in canonical English values (intent = intent_translations.intent_en)."""

    language: str
    intent: str
    tone: str
    urgency: str
    confidence: float
    summary_en: str
    summary_fr: str

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES or self.urgency not in URGENCIES or self.tone not in TONES:
            raise ValueError(f"analysis outside the vocabularies: {self}")
        if not 0 <= self.confidence <= 1:
            raise ValueError(f"confidence {self.confidence} is not in 0..1")

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PromptInfo:
    """Which prompt variant produced an answer (prompt_registry), with its cost."""

    prompt_name: str
    variant_id: str
    prompt_text: str
    language: str = "en"
    model: str = "offline"
    token_count: int = 0
    cost_usd: float = 0.0
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


class Provider(ABC):
    name: str
    # A provider that waits on the network (openai) is called in a thread so that the worker's
    # other jobs keep running; the offline one is a millisecond of CPU, called inline.
    blocking: bool = False

    def configure(self, intents: dict[str, str], labels: dict[str, dict[str, str]] | None = None) -> None:
        """Receive the intent taxonomy {intent_en: intent_fr} and the French labels of the other
        vocabularies {"tone": {en: fr}, "urgency": {en: fr}}, read from the database."""
        self.intents = dict(intents)
        self.labels = {k: dict(v) for k, v in (labels or {}).items()}

    @abstractmethod
    def analyse_lead(self, message: str, name: str | None = None,
                     language_hint: str | None = None) -> tuple[LeadAnalysis, PromptInfo]:
        """Classify a form message and summarise it in both languages."""

    @abstractmethod
    def embed(self, text: str) -> list[float]:
        """A vector of EMBEDDING_DIMENSIONS floats (unit length)."""

    def translate(self, text: str, source: str, target: str) -> str:
        raise NotImplementedError(f"{self.name} does not translate yet")

    def write_reply(self, context: dict, prompt: dict | None = None) -> dict:
        """The pieces of a lead's reply {subject, greeting, paragraphs, closing, signature} (checked and
        rendered by avenir.worker.mail.render); context: name, business, message, intent, tone, language.
        A provider that does not write replies leaves it to the bilingual templates."""
        raise NotImplementedError(f"{self.name} does not write replies: the templates do")
