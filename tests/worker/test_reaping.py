"""reap_stale_jobs, the workers' alone: a worker silent for 3 of its promised heartbeats loses its
jobs at once; a job nobody beats for comes back after its timeout_seconds; a live worker keeps its
jobs however long they run. Rolled back per test (the `conn` fixture)."""

import psycopg
import pytest
from psycopg.types.json import Jsonb


def as_service(conn):
    conn.execute("set local role service_role")


def claimed_job(conn, worker_id):
    job_id = conn.execute("select public.enqueue_job('form_test', %s, priority => 1000000) as id",
                          [Jsonb({"reaping": worker_id})]).fetchone()["id"]
    claimed = conn.execute("select id from public.claim_jobs(%s, array['form_test'], 1)", [worker_id]).fetchone()
    assert claimed["id"] == job_id
    return job_id


def status_of(conn, job_id):
    return conn.execute("select status, locked_by, last_error, result from public.queue_jobs where id = %s",
                        [job_id]).fetchone()


def beat(conn, worker_id, seconds, ids=()):
    return conn.execute("select public.heartbeat_worker(%s, %s, %s::uuid[]) as held",
                        [worker_id, seconds, list(ids)]).fetchone()["held"]


def silence(conn, worker_id, seconds):
    """Pretend the worker's last heartbeat was `seconds` ago (as the superuser)."""
    conn.execute("reset role")
    conn.execute("update private.queue_workers set last_seen_at = now() - make_interval(secs => %s) "
                 "where worker_id = %s", [seconds, worker_id])
    as_service(conn)


def test_a_worker_silent_for_three_beats_loses_its_jobs_at_once(conn):
    as_service(conn)
    job_id = claimed_job(conn, "dead-worker")
    assert beat(conn, "dead-worker", 2, [job_id]) == 1
    silence(conn, "dead-worker", 6.5)
    assert conn.execute("select public.reap_stale_jobs() as n").fetchone()["n"] >= 1
    job = status_of(conn, job_id)
    assert (job["status"], job["locked_by"]) == ("pending", None)
    assert job["last_error"] == "worker dead-worker stopped heart-beating"
    assert job["result"]["errors"][0]["error"] == "worker stopped heart-beating"
    assert conn.execute("select count(*) as n from private.queue_workers where worker_id = 'dead-worker'"
                        ).fetchone()["n"] == 0, "the dead worker is forgotten"


def test_a_worker_within_three_beats_keeps_its_jobs(conn):
    as_service(conn)
    job_id = claimed_job(conn, "late-worker")
    beat(conn, "late-worker", 2, [job_id])
    silence(conn, "late-worker", 5.5)
    conn.execute("select public.reap_stale_jobs()")
    assert status_of(conn, job_id)["status"] == "processing"


def test_a_live_worker_keeps_a_job_running_longer_than_its_timeout(conn):
    as_service(conn)
    job_id = claimed_job(conn, "slow-worker")
    conn.execute("reset role")
    conn.execute("update public.queue_jobs set timeout_seconds = 1, started_at = now() - interval '1 hour' "
                 "where id = %s", [job_id])
    as_service(conn)
    beat(conn, "slow-worker", 2, [job_id])
    conn.execute("select public.reap_stale_jobs()")
    # The worker itself cuts the job off at timeout_seconds and fails it (test_worker_processes).
    assert status_of(conn, job_id)["status"] == "processing"


def test_a_job_of_an_unregistered_claimer_comes_back_after_its_timeout(conn):
    as_service(conn)
    job_id = claimed_job(conn, "never-registered")
    conn.execute("reset role")
    conn.execute("update public.queue_jobs set heartbeat_at = now() - interval '301 seconds' where id = %s", [job_id])
    as_service(conn)
    conn.execute("select public.reap_stale_jobs()")
    job = status_of(conn, job_id)
    assert job["status"] == "pending"
    assert job["last_error"] == "timed out: no heartbeat from never-registered for 300 s"


def test_a_retired_worker_is_forgotten(conn):
    as_service(conn)
    beat(conn, "leaving-worker", 2)
    assert conn.execute("select public.retire_worker('leaving-worker') as r").fetchone()["r"] is True
    assert conn.execute("select public.retire_worker('leaving-worker') as r").fetchone()["r"] is False


@pytest.mark.parametrize("worker_id, seconds", [("", 2), ("x" * 201, 2), ("w", 0), ("w", 7200), ("w", None)])
def test_heartbeat_worker_refuses_bad_input_with_22023(conn, worker_id, seconds):
    as_service(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as refused:
        beat(conn, worker_id, seconds)
    assert refused.value.diag.message_hint


def test_enqueue_hint_lists_the_job_types_of_the_vocabulary(conn):
    as_service(conn)
    types = conn.execute("select private.job_types() as t").fetchone()["t"]
    with pytest.raises(psycopg.errors.InvalidParameterValue) as refused:
        conn.execute("select public.enqueue_job('nonsense', '{}')")
    assert all(t in refused.value.diag.message_hint for t in types)


def test_a_client_cannot_beat_or_retire_a_worker(conn, as_persona):
    as_persona("authenticated", {"client_id": "aaaaaaaa-0000-4000-8000-000000000001"})
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("select public.heartbeat_worker('w', 2)")
