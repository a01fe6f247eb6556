"""On a cluster of this module's own (it is restarted here): when enqueue_job NOTIFYs, and a worker
that survives the database restarting."""

import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from worker_helpers import wait_for, worker_with_test_handlers

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port


@pytest.fixture(scope="module")
def own_cluster():
    c = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-worker-test-")), port=free_port(), durable=False)
    try:
        c.init()
        c.start()
        c.ensure_database()
        migrations.deploy(c)
        configure.configure_database(c)
        yield c
    finally:
        c.destroy()


def enqueue(conn, payload, run_at="now()"):
    conn.execute("set role service_role")
    job_id = conn.execute(f"select public.enqueue_job('form_test', %s, {run_at}) as id",
                          [Jsonb(payload)]).fetchone()["id"]
    conn.execute("reset role")
    return job_id


def notifications_until_sentinel(listener, writer):
    """Every job-channel payload delivered before a sentinel NOTIFY sent now (delivery is in commit order)."""
    writer.execute("select pg_notify(private.job_channel(), 'sentinel')")
    payloads = []
    for n in listener.notifies(timeout=30):
        if n.payload == "sentinel":
            return payloads
        payloads.append(n.payload)
    raise AssertionError("the sentinel notification never arrived")


def test_enqueue_notifies_only_when_no_other_due_job_is_pending(own_cluster):
    url = own_cluster.url()
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as listener, \
            psycopg.connect(url, autocommit=True, row_factory=dict_row) as writer:
        writer.execute("delete from public.queue_jobs")
        channel = listener.execute("select private.job_channel() as channel").fetchone()["channel"]
        listener.execute(sql.SQL("listen {}").format(sql.Identifier(channel)))
        enqueue(writer, {"n": 1}, "now() + interval '1 hour'")
        assert notifications_until_sentinel(listener, writer) == [], "a job due later does not wake anyone"
        enqueue(writer, {"n": 2})
        assert notifications_until_sentinel(listener, writer) == ["form_test"], "the first due job wakes the workers"
        enqueue(writer, {"n": 3})
        enqueue(writer, {"n": 4})
        assert notifications_until_sentinel(listener, writer) == [], "with a due job pending, no NOTIFY"
        writer.execute("update public.queue_jobs set status = 'completed' where status = 'pending' and run_at <= now()")
        enqueue(writer, {"n": 5})
        assert notifications_until_sentinel(listener, writer) == ["form_test"], "an empty queue again: NOTIFY"
        writer.execute("delete from public.queue_jobs")


def test_worker_survives_the_database_restarting(own_cluster, tmp_path):
    url = own_cluster.url()
    worker = worker_with_test_handlers(own_cluster, tmp_path, AVENIR_WORKER_POLL_MAX=0.2)
    try:
        worker.wait_started()
        with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
            before = enqueue(conn, {"mode": "noop", "n": str(uuid.uuid4())})
            wait_for(lambda: conn.execute("select status from public.queue_jobs where id = %s",
                                          [before]).fetchone()["status"] == "completed", 30, "a job before the restart")
        own_cluster.stop()
        own_cluster.start()
        with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
            after = enqueue(conn, {"mode": "noop", "n": str(uuid.uuid4())})
            wait_for(lambda: conn.execute("select status from public.queue_jobs where id = %s",
                                          [after]).fetchone()["status"] == "completed", 60, "a job after the restart")
        assert worker.proc.poll() is None, "the worker must still run"
        assert "event=database_unavailable" in worker.log() or "event=listen_interrupted" in worker.log()
        assert worker.stop() == 0
    finally:
        if worker.proc.poll() is None:
            worker.proc.kill()
