"""The worker's periodic tasks, beside its heartbeats and reaping (started by loop.Worker.run).

- **Replication check** (avenir.failover.check), where `avenir failover init` set a pair up (the
  state file under AVENIR_HOME, re-read every run so a promotion is followed): every
  AVENIR_REPLICATION_CHECK_INTERVAL seconds, recorded in the primary's performance_metrics as
  event_type 'replication_check' (source_component 'replication_monitor'). Bounded: one run at a
  time per primary whatever the number of workers (an advisory lock), in a thread of its own, the
  row comparison in bounded memory (bisected key ranges), the catch-up wait at most 10 s.
- **python_udfs where PL/Python is missing** (udf_fallback.py): every AVENIR_UDF_FALLBACK_INTERVAL
  seconds; it stops by itself where learning_plpython is deployed.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass

from ..errors import AvenirError
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

    @classmethod
    def from_env(cls) -> PeriodicConfig:
        return cls(
            replication_check_interval=_number("AVENIR_REPLICATION_CHECK_INTERVAL", 300, 0),
            replication_check_data=os.environ.get("AVENIR_REPLICATION_CHECK_DATA", "1") not in ("0", "false", "off"),
            udf_fallback_interval=_number("AVENIR_UDF_FALLBACK_INTERVAL", 60, 0),
            udf_fallback_batch=int(_number("AVENIR_UDF_FALLBACK_BATCH", 20, 1)),
            ab_look_interval=_number("AVENIR_AB_LOOK_INTERVAL", 3600, 0),
        )


def periodic_tasks(db: Database, config: PeriodicConfig | None = None) -> list[Coroutine]:
    config = config or PeriodicConfig.from_env()
    tasks = []
    if config.replication_check_interval > 0:
        tasks.append(_every(config.replication_check_interval, lambda: _replication_check(config)))
    if config.udf_fallback_interval > 0:
        tasks.append(_every(config.udf_fallback_interval, lambda: _udf_fallback(db, config)))
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
