"""AI providers, chosen by AVENIR_AI_PROVIDER (offline by default)."""

from __future__ import annotations

from ...errors import AvenirError
from .base import LeadAnalysis, PromptInfo, Provider

__all__ = ["LeadAnalysis", "PromptInfo", "Provider", "make_provider"]


def make_provider(name: str) -> Provider:
    if name == "offline":
        from .offline import OfflineProvider

        return OfflineProvider()
    if name == "openai":
        from .openai import OpenAIProvider

        return OpenAIProvider()
    raise AvenirError(f"unknown AVENIR_AI_PROVIDER {name!r}; use offline or openai")
