"""Helpers of the worker tests: committed test rows and jobs; real worker processes with the
test handlers (handlers_for_tests.py) plugged in."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
from worker_process import WorkerProcess, wait_for  # noqa: F401  (re-exported for the tests here)

from avenir.local.cluster import Cluster

HERE = Path(__file__).resolve().parent
TEST_HANDLERS = {"AVENIR_WORKER_EXTRA_HANDLERS": "handlers_for_tests:HANDLERS"}


def worker_with_test_handlers(cluster: Cluster, logdir: Path, **env: object) -> WorkerProcess:
    return WorkerProcess(cluster, logdir, handlers_path=HERE, **{**TEST_HANDLERS, **env})


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
