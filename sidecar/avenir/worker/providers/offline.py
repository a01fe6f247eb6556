"""The default provider: the lexicon classifier and hashing embeddings of python_udfs."""

from __future__ import annotations

from python_udfs import lead_analysis, text_embedding

from .base import LeadAnalysis, PromptInfo, Provider

PROMPT = PromptInfo(
    prompt_name="lead_analysis",
    variant_id="lead_analysis.offline-v1",
    prompt_text="Offline rule and lexicon classifier (python_udfs.lead_analysis): language, intent from "
                "intent_translations, tone, urgency, confidence, bilingual summary.",
)


class OfflineProvider(Provider):
    name = "offline"

    def __init__(self) -> None:
        self.intents: dict[str, str] = {}
        self.labels: dict[str, dict[str, str]] = {}
        lead_analysis.warm_up()  # compile the lexicons now, not during the first lead

    def analyse_lead(self, message, name=None, language_hint=None):
        result = lead_analysis.analyse(message, name, language_hint, self.intents or None, labels=self.labels)
        return LeadAnalysis(**result), PROMPT

    def embed(self, text):
        return text_embedding.embed(text)
