"""Helpers of the worker tests: real worker processes, committed test rows, bounded waits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg

from avenir import configure
from avenir.cluster import Cluster
from avenir.paths import PROJECT_ROOT

HERE = Path(__file__).resolve().parent


def wait_for(predicate: Callable[[], object], timeout: float = 30, what: str = "condition") -> object:
    """Poll until predicate() is truthy; fail the test after `timeout` seconds (a bound, not a timing check)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class WorkerProcess:
    def __init__(self, cluster: Cluster, logdir: Path, **env: object) -> None:
        self.worker_id = str(env.pop("AVENIR_WORKER_ID", f"test-worker-{uuid.uuid4().hex[:8]}"))
        self.logfile = logdir / f"{self.worker_id}.log"
        full_env = {
            **os.environ,
            "AVENIR_DB_URL": configure.authenticator_url(cluster),
            "AVENIR_DB_ROLE": "service_role",
            "AVENIR_WORKER_ID": self.worker_id,
            "AVENIR_WORKER_EXTRA_HANDLERS": "handlers_for_tests:HANDLERS",
            "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
            **{k: str(v) for k, v in env.items()},
        }
        self.proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=PROJECT_ROOT, env=full_env,
                                     stdout=subprocess.DEVNULL, stderr=self.logfile.open("wb"))

    def log(self) -> str:
        return self.logfile.read_text(errors="replace")

    def wait_started(self) -> None:
        wait_for(lambda: "event=taxonomy_loaded" in self.log() or self.proc.poll() is not None, 30, "worker start")
        assert self.proc.poll() is None, f"worker exited at start:\n{self.log()}"

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)


def add_lead(db: psycopg.Connection, client_id: str, message: str, name: str = "Test Lead",
             language: str = "en") -> str:
    lead_id = str(uuid.uuid4())
    db.execute("insert into public.lead_memory (id, client_id, name, email, message, language) "
               "values (%s, %s, %s, 'lead@test.localhost', %s, %s)", [lead_id, client_id, name, message, language])
    db.execute("insert into public.feedback_tracking (lead_id, client_id, action_type, context_data) "
               "values (%s, %s, 'lead_conversion', '{\"source\": \"test\"}')", [lead_id, client_id])
    return lead_id


def enqueue(db: psycopg.Connection, job_type: str, payload: dict, **columns: object) -> str:
    """enqueue_job as service_role, then any column override (max_attempts, timeout_seconds) as superuser."""
    with db.transaction():
        db.execute("set local role service_role")
        job_id = db.execute("select public.enqueue_job(%s, %s) as id",
                            [job_type, psycopg.types.json.Jsonb(payload)]).fetchone()["id"]
    for column, value in columns.items():
        db.execute(psycopg.sql.SQL("update public.queue_jobs set {} = %s where id = %s").format(
            psycopg.sql.Identifier(column)), [value, job_id])
    return str(job_id)


def job(db: psycopg.Connection, job_id: str) -> dict:
    return db.execute("select * from public.queue_jobs where id = %s", [job_id]).fetchone()
