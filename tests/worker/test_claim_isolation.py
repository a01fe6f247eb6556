"""Two real sessions claiming from the same queue: FOR UPDATE SKIP LOCKED never hands one job to both."""

import threading
import uuid

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

PRIORITY = 1_000_000  # ahead of any other pending job of the cluster


def service_connection(db_url, autocommit=True):
    conn = psycopg.connect(db_url, autocommit=autocommit, row_factory=dict_row)
    conn.execute("set role service_role")
    return conn


def make_jobs(db_url, marker, count):
    with service_connection(db_url) as conn:
        return {str(conn.execute("select public.enqueue_job('form_test', %s, priority => %s) as id",
                                 [Jsonb({"marker": marker, "n": n}), PRIORITY]).fetchone()["id"])
                for n in range(count)}


def drop_jobs(db_url, ids):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("delete from public.queue_jobs where id = any(%s::uuid[])", [list(ids)])


def test_second_session_skips_the_job_locked_by_an_open_claim(db_url):
    ids = make_jobs(db_url, uuid.uuid4().hex, 3)
    try:
        with service_connection(db_url, autocommit=False) as a, service_connection(db_url) as b:
            first = {str(r["id"]) for r in a.execute("select id from public.claim_jobs('a', array['form_test'], 1)")}
            # A has not committed: its claimed row is still locked, B must skip it, not wait for it.
            second = {str(r["id"]) for r in b.execute("select id from public.claim_jobs('b', array['form_test'], 3)")}
            a.commit()
            assert first <= ids and len(first) == 1
            assert not first & second
            assert first | (second & ids) == ids
            locked_by = {r["id"]: r["locked_by"] for r in b.execute(
                "select id::text as id, locked_by from public.queue_jobs where id = any(%s::uuid[])", [list(ids)])}
            assert {locked_by[i] for i in first} == {"a"} and {locked_by[i] for i in second & ids} == {"b"}
    finally:
        drop_jobs(db_url, ids)


def test_two_sessions_claiming_in_a_loop_never_get_the_same_job(db_url):
    ids = make_jobs(db_url, uuid.uuid4().hex, 400)
    claimed = {"a": [], "b": []}

    def claimer(name):
        with service_connection(db_url) as conn:
            while True:
                rows = conn.execute("select id from public.claim_jobs(%s, array['form_test'], 7)", [name]).fetchall()
                if not rows:
                    return
                for row in rows:
                    claimed[name].append(str(row["id"]))
                    conn.execute("select public.complete_job(%s, '{}', %s)", [row["id"], name])

    try:
        threads = [threading.Thread(target=claimer, args=(name,)) for name in claimed]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        a, b = set(claimed["a"]) & ids, set(claimed["b"]) & ids
        assert len(claimed["a"]) == len(set(claimed["a"])) and len(claimed["b"]) == len(set(claimed["b"]))
        assert not a & b, "a job was claimed by both sessions"
        assert a | b == ids
        with psycopg.connect(db_url, row_factory=dict_row) as conn:
            rows = conn.execute("select status, attempts, count(*) as n from public.queue_jobs "
                                "where id = any(%s::uuid[]) group by 1, 2", [list(ids)]).fetchall()
        assert rows == [{"status": "completed", "attempts": 1, "n": 400}]
    finally:
        drop_jobs(db_url, ids)
