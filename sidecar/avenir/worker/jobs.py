"""What a job handler receives and returns (the contract between the loop and handlers/).

A handler is `async def handle(job: Job, ctx: Context) -> Outcome`. It does the slow part (AI
calls, e-mail) outside any transaction and returns what to write: `Outcome.apply`, run by the
worker in the SAME transaction as complete_job, so a job's effect commits exactly when the job
completes (a killed worker leaves neither). Handlers must still be idempotent per job (a
second run after a lost completion must change nothing), which record_lead_enrichment is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from psycopg import AsyncConnection

from .providers import Provider


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
    connection: Callable[[], Any]  # async context manager giving a pooled AsyncConnection (dict rows)


@dataclass
class Outcome:
    result: dict = field(default_factory=dict)
    apply: Callable[[AsyncConnection], Awaitable[dict | None]] | None = None


Handler = Callable[[Job, Context], Awaitable[Outcome]]
