"""The worker's periodic tasks, beside its heartbeats and reaping (started by loop.Worker.run).

- **Replication check** (avenir.failover.check), where `avenir failover init` set a pair up (the
  state file under AVENIR_HOME, re-read every run so a promotion is followed): every
  AVENIR_REPLICATION_CHECK_INTERVAL seconds, recorded in the primary's performance_metrics as
  event_type 'replication_check' (source_component 'replication_monitor'). Bounded: one run at a
  time per primary whatever the number of workers (an advisory lock), in a thread of its own, the
  row comparison in bounded memory (bisected key ranges), the catch-up wait at most 10 s.
- **python_udfs where PL/Python is missing** (udf_fallback.py): every AVENIR_UDF_FALLBACK_INTERVAL
  seconds; it stops by itself where learning_plpython is deployed.
- **Replies and bounce reports from Gmail** (avenir.tracking.mailbox, what `avenir outreach ingest
  --gmail` does), where AVENIR_MAIL_URL is gmail:USER: every AVENIR_MAIL_INGEST_INTERVAL seconds, at
  most AVENIR_MAIL_INGEST_MAX messages per run (the newest first), in a thread of its own with its
  own connection. A sweep lists the inbox (AVENIR_MAIL_INGEST_QUERY) newest first; a run that hits
  the bound leaves the rest to the next runs (Gmail's page token); once a sweep is complete, the next
  asks only for what arrived since it started (Gmail's `after:`, with a 10-minute overlap). A message
  read twice (the overlap, two workers) is one event: the database keys it by its Message-ID.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass

from ..errors import AvenirError
from ..tracking.mailbox import DEFAULT_GMAIL_QUERY
from .config import _number
from .db import Database, DatabaseError
from .logs import log
from .udf_fallback import fill_in


@dataclass(frozen=True)
class PeriodicConfig:
    replication_check_interval: float  # 0: off
    replication_check_data: bool  # compare the rows too (else health, lag, sequences, schema)
    udf_fallback_interval: float  # 0: off
    udf_fallback_batch: int
    ab_look_interval: float
    mail_ingest_interval: float  # 0: off; only where AVENIR_MAIL_URL is gmail:USER
    mail_ingest_max: int  # messages read per run, at most
    mail_ingest_query: str  # the Gmail search of the inbox

    @classmethod
    def from_env(cls) -> PeriodicConfig:
        return cls(
            replication_check_interval=_number("AVENIR_REPLICATION_CHECK_INTERVAL", 300, 0),
            replication_check_data=os.environ.get("AVENIR_REPLICATION_CHECK_DATA", "1") not in ("0", "false", "off"),
            udf_fallback_interval=_number("AVENIR_UDF_FALLBACK_INTERVAL", 60, 0),
            udf_fallback_batch=int(_number("AVENIR_UDF_FALLBACK_BATCH", 20, 1)),
            ab_look_interval=_number("AVENIR_AB_LOOK_INTERVAL", 3600, 0),
            mail_ingest_interval=_number("AVENIR_MAIL_INGEST_INTERVAL", 300, 0),
            mail_ingest_max=int(_number("AVENIR_MAIL_INGEST_MAX", 100, 1)),
            mail_ingest_query=os.environ.get("AVENIR_MAIL_INGEST_QUERY") or DEFAULT_GMAIL_QUERY,
        )


def periodic_tasks(db: Database, config: PeriodicConfig | None = None) -> list[Coroutine]:
    config = config or PeriodicConfig.from_env()
    tasks = []
    if config.replication_check_interval > 0:
        tasks.append(_every(config.replication_check_interval, lambda: _replication_check(config)))
    if config.udf_fallback_interval > 0:
        tasks.append(_every(config.udf_fallback_interval, lambda: _udf_fallback(db, config)))
    reader = GmailReader.from_env(config)
    if reader is not None:
        tasks.append(_every(config.mail_ingest_interval, reader.run))
    return tasks


async def _every(interval: float, run: Callable[[], Awaitable[bool]]) -> None:
    """Run, then wait `interval` after it ended (runs never overlap); stop when run says False."""
    while await run():
        await asyncio.sleep(interval)


async def _replication_check(config: PeriodicConfig) -> bool:
    from ..failover import nodes
    from ..failover.check import Thresholds, checked_once
    from ..local.paths import state_dir

    try:
        state = nodes.load(state_dir())
    except AvenirError:
        return True  # no pair (yet): nothing to check, look again next time
    try:
        report = await asyncio.to_thread(checked_once, state, Thresholds.from_env(), config.replication_check_data)
    except Exception as e:  # noqa: BLE001 - a failed run is logged; the next one may succeed
        log("warning", "replication_check_failed", error=str(e).splitlines()[0][:200] if str(e) else type(e).__name__)
        return True
    if report is None:
        log("debug", "replication_check_skipped", reason="another run holds the check lock")
        return True
    log("info" if report["ok"] else "warning", "replication_check", ok=report["ok"],
        findings=len(report["findings"]), duration_ms=report["duration_ms"],
        metric_id=report.get("recorded_metric_id"), first_finding=(report["findings"] or [None])[0])
    return True


async def _udf_fallback(db: Database, config: PeriodicConfig) -> bool:
    try:
        done = await fill_in(db, config.udf_fallback_batch, config.ab_look_interval)
    except DatabaseError as e:
        log("warning", "udf_fallback_failed", error=str(e))
        return True
    if done is None:
        log("debug", "udf_fallback_off", reason="PL/Python is deployed: the database computes these itself")
        return False
    if done.growth_brain or done.ab_tests:
        log("info", "udf_fallback", growth_brain=done.growth_brain, ab_tests=done.ab_tests)
    return True


class GmailReader:
    """The worker's periodic `avenir outreach ingest --gmail` (see the module's docstring)."""

    OVERLAP = 600  # seconds asked again before the last sweep's start: after: is coarse and mail arrives late

    def __init__(self, user: str, api_url: str, token: str, config: PeriodicConfig) -> None:
        self.user, self.api_url, self.token, self.config = user, api_url, token, config
        self.since: int | None = None  # epoch seconds: the start of the last sweep that listed everything
        self.sweep: tuple[str, int] | None = None  # (query, start) of a sweep a bounded run left unfinished
        self.page: str | None = None  # where that sweep goes on

    @classmethod
    def from_env(cls, config: PeriodicConfig) -> GmailReader | None:
        scheme, _, user = (os.environ.get("AVENIR_MAIL_URL") or "").partition(":")
        if scheme != "gmail" or config.mail_ingest_interval <= 0:
            return None
        api_url, token = os.environ.get("AVENIR_GMAIL_API_URL"), os.environ.get("AVENIR_GMAIL_ACCESS_TOKEN")
        if not api_url or not token:
            log("warning", "mail_ingest_off", reason="AVENIR_GMAIL_API_URL and AVENIR_GMAIL_ACCESS_TOKEN are needed")
            return None
        return cls(user.lstrip("/") or "me", api_url, token, config)

    def read_once(self) -> dict:
        """One bounded run: a new sweep (the query, after: the last complete one), or the rest of one."""
        from ..prospects.db import connect
        from ..tracking.mailbox import ingest_gmail

        if self.sweep is None:
            query = self.config.mail_ingest_query
            if self.since is not None:
                query = f"{query} after:{self.since - self.OVERLAP}"
            self.sweep, self.page = (query, int(time.time())), None
        query, started = self.sweep
        with connect() as conn:
            summary, self.page = ingest_gmail(conn, self.api_url, self.token, self.user, query,
                                              self.config.mail_ingest_max, self.page)
        if self.page is None:
            self.since, self.sweep = started, None
        return summary.as_dict() | {"more": self.page is not None}

    async def run(self) -> bool:
        try:
            done = await asyncio.to_thread(self.read_once)
        except Exception as e:  # noqa: BLE001 - a failed run (Gmail, the network, the database) is logged; the next may succeed
            self.sweep = self.page = None  # start the sweep again (a page token may have expired)
            log("warning", "mail_ingest_failed", error=str(e).splitlines()[0][:200] if str(e) else type(e).__name__)
            return True
        if done["more"]:
            log("info", "mail_ingest_capped", max=self.config.mail_ingest_max, reason="the next run goes on")
        if done["replies"] or done["reports"]:
            log("info", "mail_ingest", replies=done["replies"], reports=done["reports"], duplicates=done["duplicates"],
                skipped=len(done["skipped"]))
        return True
