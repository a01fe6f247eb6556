"""Job handlers: one per job_type.

A handler is `async def handle(job: Job, ctx: Context) -> Outcome`. It does the slow part (AI
calls, e-mail) outside any transaction and returns what to write: `Outcome.apply`, run by the
worker in the SAME transaction as complete_job, so a job's effect commits exactly when the job
completes (a killed worker leaves neither). Handlers must still be idempotent per job (a
second run after a lost completion must change nothing), which record_lead_enrichment is.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from psycopg import AsyncConnection

from ..errors import AvenirError
from ..providers import Provider


@dataclass(frozen=True)
class Job:
    id: Any
    job_type: str
    payload: dict
    attempts: int
    max_attempts: int
    timeout_seconds: int
    client_id: Any = None


@dataclass
class Context:
    provider: Provider
    worker_id: str
    connection: Callable[[], Any]  # async context manager giving a pooled AsyncConnection


@dataclass
class Outcome:
    result: dict = field(default_factory=dict)
    apply: Callable[[AsyncConnection], Awaitable[dict | None]] | None = None


Handler = Callable[[Job, Context], Awaitable[Outcome]]


def builtin_handlers() -> dict[str, Handler]:
    from .daily_prospect_queue import handle_daily_prospect_queue
    from .lead_enrichment import handle_lead_enrichment

    return {"lead_enrichment": handle_lead_enrichment, "daily_prospect_queue": handle_daily_prospect_queue}


def load_handlers(extra: str | None) -> dict[str, Handler]:
    handlers = builtin_handlers()
    if extra:
        module_name, _, attribute = extra.partition(":")
        try:
            handlers.update(getattr(importlib.import_module(module_name), attribute or "HANDLERS"))
        except (ImportError, AttributeError) as e:
            raise AvenirError(f"AVENIR_WORKER_EXTRA_HANDLERS={extra!r} cannot be loaded: {e}") from None
    return handlers
