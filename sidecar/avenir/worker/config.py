"""The worker's configuration, from AVENIR_* environment variables.

AVENIR_DB_URL                  connection URL (`avenir up` passes the authenticator's); required
AVENIR_DB_ROLE                 role set on every connection (`avenir up`: service_role)
AVENIR_AI_PROVIDER             offline (default) | openai (the official client; needs OPENAI_API_KEY)
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

The OpenAI provider (read by avenir.worker.providers.openai.OpenAIConfig when AVENIR_AI_PROVIDER=openai):
OPENAI_API_KEY                 required for openai; never logged
OPENAI_BASE_URL                the API's base URL (the client's default when unset)
AVENIR_OPENAI_MODEL            chat model (gpt-4o-mini)
AVENIR_OPENAI_EMBEDDING_MODEL  text-embedding-3-small (1536 dimensions asked) | text-embedding-ada-002
AVENIR_OPENAI_TIMEOUT          seconds per request (20)
AVENIR_OPENAI_MAX_RETRIES      retries of 408/409/429/5xx/timeouts, backoff honouring Retry-After (3)
AVENIR_OPENAI_RATE_LIMIT       requests per minute of this worker, 0 = none (60)
AVENIR_OPENAI_CIRCUIT_FAILURES consecutive failures that open the circuit: calls go offline (3)
AVENIR_OPENAI_CIRCUIT_COOLDOWN seconds before an open circuit tries the API again (60)
AVENIR_OPENAI_PRICES           {"model": [usd_per_M_in, usd_per_M_out]} added to the documented price table

Mail (read by avenir.worker.mail.config.MailConfig and make_sender, for the email_response and bulk_email jobs):
AVENIR_MAIL_URL                smtp://[user:pw@]host[:port][?starttls=auto|require|off&ca_file=&timeout=]
                               | smtps://... | gmail:USER | file:DIR | log: (default: nothing is sent,
                               replies are logged; the worker says where mail goes when it starts)
AVENIR_MAIL_FROM               From address of replies (replies@avenir.localhost); its domain names Message-IDs
AVENIR_UNSUBSCRIBE_URL         base URL of the one-click unsubscribe link (RFC 8058); unset: mailto: only
AVENIR_GMAIL_API_URL           the Gmail API's base URL (gmail: only; required, the project names no host)
AVENIR_GMAIL_ACCESS_TOKEN      OAuth 2.0 access token of the mailbox (gmail: only); never logged
AVENIR_TRACKING_URL            outreach (bulk_email): `avenir tracking`'s public base URL for the open pixel, click
                               redirects and one-click unsubscribe (avenir.worker.mail.outreach); unset: none

Periodic tasks (read by avenir.worker.periodic.PeriodicConfig):
AVENIR_REPLICATION_CHECK_INTERVAL seconds between replication checks where a failover pair is set up
                               (the state file under AVENIR_HOME) (300); 0 = off
AVENIR_REPLICATION_CHECK_DATA  1 (default): compare the rows too; 0: health, lag, sequences, schema only
AVENIR_UDF_FALLBACK_INTERVAL   seconds between passes of python_udfs where PL/Python is missing (60); 0 = off
AVENIR_UDF_FALLBACK_BATCH      growth_brain rows and A/B tests handled per pass, at most (20)
AVENIR_AB_LOOK_INTERVAL        seconds between two looks the worker makes at an A/B test (3600)
AVENIR_MAIL_INGEST_INTERVAL    where AVENIR_MAIL_URL is gmail:USER: seconds between two reads of its inbox
                               (replies and bounce reports, as `avenir outreach ingest --gmail`) (300); 0 = off
AVENIR_MAIL_INGEST_MAX         messages read per run, at most, newest first (100)
AVENIR_MAIL_INGEST_QUERY       the Gmail search of a read (in:inbox newer_than:7d); after the first complete
                               sweep the worker adds after:<its start - 10 min>; a sweep longer than MAX goes on
                               in the next runs
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
