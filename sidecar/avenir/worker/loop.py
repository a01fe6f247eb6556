"""`avenir worker`: claims queue jobs and runs their handlers.

Wakes on NOTIFY (the channel is private.job_channel()), polls adaptively (poll_min after work,
doubling up to poll_max when idle) for what a NOTIFY does not announce, claims in batches, runs
at most `concurrency` jobs at once, heartbeats (itself and the jobs it holds), takes back the
jobs of workers that stopped heart-beating, reconnects when the database goes away, and on
SIGTERM/SIGINT lets running jobs finish for `shutdown_grace` seconds and releases the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from .config import WorkerConfig
from .db import QUERIES, Database, DatabaseError, DatabaseUnavailable, driver_errors_mapped
from .handlers import load_handlers
from .jobs import Context, Handler, Job, Outcome
from .logs import enabled, log
from .periodic import periodic_tasks
from .providers import make_provider

RECONNECT_MAX_DELAY = 5.0
FINISH_RETRY_SECONDS = 60.0   # how long a finished job's completion is retried while the database is away
STATS_INTERVAL = 30.0


class Worker:
    def __init__(self, config: WorkerConfig, handlers: dict[str, Handler] | None = None) -> None:
        self.config = config
        self.handlers = handlers if handlers is not None else load_handlers(config.extra_handlers)
        self.job_types = list(config.job_types or sorted(self.handlers))
        self.provider = make_provider(config.provider)
        self.db = Database(config.db_url, config.db_role, max_size=config.concurrency + 2)
        self.running: dict[object, asyncio.Task] = {}
        self.wake = asyncio.Event()
        self.slot_free = asyncio.Event()
        self.stopping = asyncio.Event()
        self.done_batch: list[tuple[object, dict]] = []
        self.stats = {"completed": 0, "failed": 0, "lost": 0}
        self.claim_conn: psycopg.AsyncConnection | None = None  # the hot path's own connection, no pool round

    # -- lifecycle ---------------------------------------------------------------------

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_stop, sig.name)
        await self.db.open()
        log("info", "worker_started", worker_id=self.config.worker_id, job_types=",".join(self.job_types),
            provider=self.provider.name, concurrency=self.config.concurrency, batch=self.config.batch)
        background = [asyncio.create_task(coro) for coro in
                      (self.listen(), self.heartbeat(), self.reap(), self.report(), *periodic_tasks(self.db))]
        try:
            await self.load_taxonomy()
            await self.claim_loop()
        finally:
            await self.shutdown()
            for task in background:
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)
            await self.retire()
            if self.claim_conn is not None:
                await self.claim_conn.close()
            await self.db.close()
            log("info", "worker_stopped", worker_id=self.config.worker_id, **self.stats)

    def request_stop(self, why: str = "stop") -> None:
        if not self.stopping.is_set():
            log("info", "worker_stopping", reason=why, running=len(self.running))
        self.stopping.set()
        self.wake.set()
        self.slot_free.set()

    async def load_taxonomy(self) -> None:
        while not self.stopping.is_set():
            try:
                labels: dict[str, dict[str, str]] = {}
                for row in await self.db.all("load_labels"):
                    labels.setdefault(row["context"], {})[row["value"]] = row["label"]
                self.provider.configure(labels.pop("intent", {}), labels)
                log("info", "taxonomy_loaded", intents=len(self.provider.intents),
                    labels=sum(len(v) for v in labels.values()))
                return
            except DatabaseUnavailable as e:
                await self._db_unavailable("load_taxonomy", e)

    async def shutdown(self) -> None:
        if self.running:
            _, pending = await asyncio.wait(list(self.running.values()), timeout=self.config.shutdown_grace)
            held = [job_id for job_id, task in self.running.items() if task in pending]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            if held:
                await self._release(held)
        await self.flush_completions()

    async def _release(self, ids: list) -> None:
        try:
            row = await self.db.one("release_jobs", {"worker_id": self.config.worker_id, "ids": ids})
            log("info", "jobs_released", count=row["released"])
        except DatabaseError as e:
            log("warning", "release_failed", error=str(e), count=len(ids),
                note="the jobs come back when this worker's heartbeats are missed")

    async def retire(self) -> None:
        """Say goodbye: a stopped worker is not a dead one to wait for."""
        with contextlib.suppress(DatabaseError):
            await self.db.one("retire_worker", {"worker_id": self.config.worker_id})

    # -- claiming ----------------------------------------------------------------------

    async def claim_loop(self) -> None:
        interval = self.config.poll_min
        delay = 0.5
        # Claim when enough slots are free to make a batch worth a round trip.
        threshold = max(1, min(self.config.batch, self.config.concurrency // 2))
        while not self.stopping.is_set():
            free = self.config.concurrency - len(self.running)
            if free < threshold and self.running:
                self.slot_free.clear()
                await self.slot_free.wait()
                continue
            self.wake.clear()
            try:
                jobs = await self.claim(min(self.config.batch, free))
                delay = 0.5
            except DatabaseUnavailable as e:
                await self._db_unavailable("claim", e, delay)
                delay = min(delay * 2, RECONNECT_MAX_DELAY)
                continue
            for job in jobs:
                self.running[job.id] = asyncio.create_task(self.execute(job))
            if jobs:
                interval = self.config.poll_min
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=interval)
            interval = min(interval * 2, self.config.poll_max)

    async def claim(self, n: int) -> list[Job]:
        """Complete the finished no-effect jobs and claim up to n more, in one statement."""
        batch, self.done_batch = self.done_batch, []
        try:
            if self.claim_conn is None or self.claim_conn.closed:
                self.claim_conn = await self.db.connect()
            async with driver_errors_mapped():
                rows = await (await self.claim_conn.execute(QUERIES["complete_and_claim"], {
                    "worker_id": self.config.worker_id, "job_types": self.job_types, "n": n,
                    "ids": [job_id for job_id, _ in batch], "results": [Jsonb(result) for _, result in batch],
                })).fetchall()
        except BaseException:
            self.done_batch = batch + self.done_batch  # still ours in the database: complete them next time
            if self.claim_conn is not None and self.claim_conn.broken:
                await self.claim_conn.close()
                self.claim_conn = None
            raise
        completed = rows[0]["completed"]
        self.stats["completed"] += completed
        self.stats["lost"] += len(batch) - completed
        return [Job(**{k: v for k, v in row.items() if k != "completed"}) for row in rows if row["id"] is not None]

    async def _db_unavailable(self, where: str, error: DatabaseError, delay: float = 1.0) -> None:
        log("warning", "database_unavailable", during=where, error=str(error), retry_in=delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=delay)

    # -- running one job ---------------------------------------------------------------

    async def execute(self, job: Job) -> None:
        started = time.perf_counter()
        try:
            handler = self.handlers[job.job_type]
            ctx = Context(provider=self.provider, worker_id=self.config.worker_id, connection=self.db.connection)
            async with asyncio.timeout(job.timeout_seconds):
                outcome = await handler(job, ctx)
            await self.finish(job, outcome)
            if enabled("debug"):
                log("debug", "job_completed", job_id=job.id, job_type=job.job_type,
                    ms=round((time.perf_counter() - started) * 1000, 2))
        except asyncio.CancelledError:
            raise  # shutdown: the job is released by shutdown()
        except Exception as e:  # noqa: BLE001 - any handler failure is recorded on the job
            message = f"{type(e).__name__}: {e}" if not isinstance(e, TimeoutError) else \
                f"timed out after {job.timeout_seconds} s"
            await self.fail(job, message)
        finally:
            self.running.pop(job.id, None)
            self.slot_free.set()

    async def finish(self, job: Job, outcome: Outcome) -> None:
        """Complete the job; its effect (outcome.apply) commits in the same transaction."""
        if outcome.apply is None:
            # Completed with the claim loop's next round trip (or the heartbeat, or shutdown).
            self.done_batch.append((job.id, outcome.result))
            return
        deadline = time.monotonic() + FINISH_RETRY_SECONDS
        delay = 0.2
        while True:
            try:
                async with self.db.transaction() as conn:
                    applied = await outcome.apply(conn)
                    row = await (await conn.execute(QUERIES["complete_job"], {
                        "id": job.id, "result": Jsonb({**outcome.result, "applied": applied}),
                        "worker_id": self.config.worker_id})).fetchone()
                    if not row["completed"]:
                        raise _LostJob()
                self.stats["completed"] += 1
                return
            except _LostJob:
                self.stats["lost"] += 1
                log("warning", "job_lost", job_id=job.id, job_type=job.job_type,
                    note="taken back before completion; its effect was rolled back")
                return
            except DatabaseUnavailable as e:
                if time.monotonic() > deadline or self.stopping.is_set():
                    raise
                await self._db_unavailable("complete", e, delay)
                delay = min(delay * 2, RECONNECT_MAX_DELAY)

    async def flush_completions(self) -> None:
        if not self.done_batch:
            return
        batch, self.done_batch = self.done_batch, []
        try:
            row = await self.db.one("complete_jobs", {
                "worker_id": self.config.worker_id, "ids": [job_id for job_id, _ in batch],
                "results": [Jsonb(result) for _, result in batch]})
            self.stats["completed"] += row["completed"]
            self.stats["lost"] += len(batch) - row["completed"]
        except DatabaseError as e:
            log("warning", "complete_failed", count=len(batch), error=str(e),
                note="the jobs come back when this worker's heartbeats are missed, or after their timeout")

    async def fail(self, job: Job, message: str) -> None:
        self.stats["failed"] += 1
        log("warning", "job_failed", job_id=job.id, job_type=job.job_type, attempt=job.attempts,
            max_attempts=job.max_attempts, error=message[:500])
        try:
            await self.db.one("fail_job", {"id": job.id, "error": message[:2000], "worker_id": self.config.worker_id})
        except DatabaseError as e:
            log("warning", "fail_job_failed", job_id=job.id, error=str(e))

    # -- background tasks --------------------------------------------------------------

    async def listen(self) -> None:
        """LISTEN on a connection of its own; reconnects when it breaks."""
        delay = 0.5
        while True:
            try:
                conn = await self.db.connect()
                async with driver_errors_mapped(), conn:
                    channel = (await (await conn.execute(QUERIES["job_channel"])).fetchone())["channel"]
                    await conn.execute(sql.SQL(QUERIES["listen"]).format(channel=sql.Identifier(channel)))
                    delay = 0.5
                    self.wake.set()  # jobs may have arrived while we were not listening
                    async for _ in conn.notifies():
                        self.wake.set()
            except DatabaseUnavailable as e:
                log("warning", "listen_interrupted", error=str(e))
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_DELAY)

    async def heartbeat(self) -> None:
        """Beat at once, then every heartbeat_interval: for this worker and every job it runs."""
        while True:
            await self.flush_completions()
            try:
                await self.db.one("heartbeat_worker", {"worker_id": self.config.worker_id, "ids": list(self.running),
                                                       "heartbeat_seconds": self.config.heartbeat_interval})
            except DatabaseError as e:
                log("warning", "heartbeat_failed", error=str(e))
            await asyncio.sleep(self.config.heartbeat_interval)

    async def reap(self) -> None:
        """Take back the jobs of dead workers (the one place reaping runs: functions/jobs.sql says why)."""
        while True:
            try:
                row = await self.db.one("reap_stale_jobs")
                if row["reaped"]:
                    log("info", "jobs_reaped", count=row["reaped"])
                    self.wake.set()
            except DatabaseError as e:
                log("debug", "reap_failed", error=str(e))
            await asyncio.sleep(self.config.reap_interval)

    async def report(self) -> None:
        while True:
            await asyncio.sleep(STATS_INTERVAL)
            log("info", "worker_stats", running=len(self.running), **self.stats)


class _LostJob(Exception):
    """complete_job said the job is no longer ours: roll back its effect."""


def run() -> None:
    """Entry point of `avenir worker`."""
    config = WorkerConfig.from_env()
    asyncio.run(Worker(config).run())
