"""The worker's configuration, from AVENIR_* environment variables.

AVENIR_DB_URL                  connection URL (`avenir up` passes the authenticator's); required
AVENIR_DB_ROLE                 role set on every connection (`avenir up`: service_role)
AVENIR_AI_PROVIDER             offline (default) | openai (a later issue)
AVENIR_WORKER_CONCURRENCY      jobs running at once (4)
AVENIR_WORKER_BATCH            jobs claimed per round trip (max(10, concurrency))
AVENIR_WORKER_POLL_MIN / _MAX  adaptive poll bounds in seconds (0.05 / 1.0); NOTIFY wakes sooner
AVENIR_WORKER_HEARTBEAT        seconds between the worker's heartbeats (2); silent for 3 of them, it is
                               dead and its jobs are taken back by any other worker
AVENIR_WORKER_REAP_INTERVAL    seconds between reap_stale_jobs() calls (2)
AVENIR_WORKER_SHUTDOWN_GRACE   seconds running jobs may finish after SIGTERM before release (10)
AVENIR_WORKER_JOB_TYPES        comma-separated job types to claim (default: those with a handler)
AVENIR_WORKER_EXTRA_HANDLERS   module:attribute of a {job_type: handler} dict to add (tests, plugins)
AVENIR_WORKER_ID               the name in queue_jobs.locked_by (default host:pid:random)
AVENIR_LOG_LEVEL               debug | info (default) | warning | error
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass

from ..errors import AvenirError


def _number(name: str, default: float, minimum: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise AvenirError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise AvenirError(f"{name}={raw} must be at least {minimum}")
    return value


@dataclass(frozen=True)
class WorkerConfig:
    db_url: str
    db_role: str | None
    provider: str
    concurrency: int          # jobs running at once
    batch: int                # jobs claimed per claim_jobs call
    poll_min: float           # seconds between polls right after work (NOTIFY usually wakes sooner)
    poll_max: float           # the longest idle poll: the worst-case pick-up delay of a missed NOTIFY
    heartbeat_interval: float
    reap_interval: float
    shutdown_grace: float     # seconds to let running jobs finish on SIGTERM before releasing them
    job_types: tuple[str, ...] | None
    extra_handlers: str | None  # "module:attribute" of a {job_type: handler} dict (tests, plugins)
    worker_id: str

    @classmethod
    def from_env(cls) -> WorkerConfig:
        url = os.environ.get("AVENIR_DB_URL") or os.environ.get("DATABASE_URL")
        if not url:
            raise AvenirError("AVENIR_DB_URL is not set; `avenir up` sets it (the authenticator URL)")
        concurrency = int(_number("AVENIR_WORKER_CONCURRENCY", 4, 1))
        types = os.environ.get("AVENIR_WORKER_JOB_TYPES")
        return cls(
            db_url=url,
            db_role=os.environ.get("AVENIR_DB_ROLE") or None,
            provider=os.environ.get("AVENIR_AI_PROVIDER", "offline"),
            concurrency=concurrency,
            batch=int(_number("AVENIR_WORKER_BATCH", max(10, concurrency), 1)),
            poll_min=_number("AVENIR_WORKER_POLL_MIN", 0.05, 0.001),
            poll_max=_number("AVENIR_WORKER_POLL_MAX", 1.0, 0.01),
            heartbeat_interval=_number("AVENIR_WORKER_HEARTBEAT", 2, 0.1),
            reap_interval=_number("AVENIR_WORKER_REAP_INTERVAL", 2, 0.1),
            shutdown_grace=_number("AVENIR_WORKER_SHUTDOWN_GRACE", 10, 0),
            job_types=tuple(t.strip() for t in types.split(",") if t.strip()) if types else None,
            extra_handlers=os.environ.get("AVENIR_WORKER_EXTRA_HANDLERS") or None,
            worker_id=os.environ.get("AVENIR_WORKER_ID")
            or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}",
        )
