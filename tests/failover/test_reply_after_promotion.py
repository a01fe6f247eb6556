"""A promotion does not send a lead's reply twice: private.lead_replies, the at-most-once record of
each reply, is replicated with the spec's tables.

The worst moment: the machine of the primary and its worker dies after the SMTP server took the
message and before the worker recorded it sent. The failover (synchronous mode: the record written
before the send is there) is promoted; a new worker on the same multi-host URL takes the job back,
finds the record 'sending', cannot ask SMTP whether the message left, and records 'uncertain'
instead of sending it again.
"""

from __future__ import annotations

import os
import signal
import uuid

import psycopg
import pytest
from failover_pairs import create_client, kill_cluster, wait_replicated
from mail_stubs import SmtpServer
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from worker_process import WorkerProcess, wait_for

from avenir.failover.check import check
from avenir.failover.promote import promote


@pytest.fixture
def smtp(tmp_path):
    with SmtpServer(tmp_path) as server:
        yield server


def test_a_reply_in_flight_at_the_crash_is_not_sent_again_by_the_promoted_node(make_pair, smtp, tmp_path):
    pair = make_pair("sync")
    client = create_client(pair.state.primary.url)
    lead_id = str(uuid.uuid4())
    with psycopg.connect(pair.state.primary.url, autocommit=True, row_factory=dict_row) as p:
        p.execute("update public.clients set ai_personalized_reply = true, email_tone = 'Friendly' "
                  "where client_id = %s", [client["client_id"]])
        p.execute("insert into public.lead_memory (id, client_id, name, email, message, language) "
                  "values (%s, %s, 'Dee', 'dee@lead.test', 'Can you call me back?', 'en')",
                  [lead_id, client["client_id"]])
        with p.transaction():
            p.execute("set local role service_role")
            job_id = p.execute("select public.enqueue_job('email_response', %s) as id",
                               [Jsonb({"lead_id": lead_id, "client_id": client["client_id"]})]).fetchone()["id"]
        # The worker's heartbeats are each node's own: on the promoted node the job is taken back
        # after its timeout.
        p.execute("update public.queue_jobs set timeout_seconds = 2 where id = %s", [job_id])
    env = {"AVENIR_DB_URL": pair.api_db_url(), "AVENIR_MAIL_URL": smtp.url(),
           "AVENIR_MAIL_FROM": "replies@failover.localhost", "AVENIR_WORKER_REAP_INTERVAL": 0.5}
    first = WorkerProcess(pair.primary, tmp_path, **env)

    def machine_dies() -> None:  # the mail is in, the 250 never read, the primary and its worker gone
        os.kill(first.proc.pid, signal.SIGKILL)
        kill_cluster(pair.primary)

    smtp.handler.on_data = machine_dies
    second = None
    try:
        wait_for(lambda: first.proc.poll() is not None, 60, "the primary's machine to die mid-send")
        smtp.handler.on_data = None
        assert len(smtp.handler.received) == 1
        with psycopg.connect(pair.state.failover.url, row_factory=dict_row) as f:
            record = f.execute("select status, message_id from private.lead_replies where lead_id = %s",
                               [lead_id]).fetchone()
        assert record is not None and record["status"] == "sending"  # replicated before the send
        promotion = promote(pair.state, pair.home)
        assert not promotion.planned
        second = WorkerProcess(pair.failover, tmp_path, **env)
        second.wait_started()

        def job_done() -> dict | None:
            with psycopg.connect(pair.state.failover.url, row_factory=dict_row) as f:
                row = f.execute("select status, attempts from public.queue_jobs where id = %s", [job_id]).fetchone()
            return row if row["status"] == "completed" else None

        done = wait_for(job_done, 90, "the promoted node's worker to take the reply job back")
    finally:
        for worker in (first, second):
            if worker is not None and worker.proc.poll() is None:
                worker.stop()
    with psycopg.connect(pair.state.failover.url, row_factory=dict_row) as f:
        reply = f.execute("select status, attempts, error, message_id from private.lead_replies where lead_id = %s",
                          [lead_id]).fetchone()
    assert done["attempts"] == 2
    assert reply["status"] == "uncertain" and reply["attempts"] == 2 and "not sent again" in reply["error"]
    assert reply["message_id"] == record["message_id"]
    assert len(smtp.handler.received) == 1, "the reply was sent twice"


def test_the_reply_record_is_published_and_compared_by_the_check(make_pair):
    pair = make_pair("async")
    client = create_client(pair.state.primary.url)
    with psycopg.connect(pair.state.primary.url, autocommit=True) as p:
        p.execute("select public.submit_lead(%s, 'Eve', 'eve@lead.test', 'Hello')", [client["api_key"]])
        lead_id = p.execute("select id from public.lead_memory").fetchone()[0]
        p.execute("select public.begin_lead_reply(%s, %s, 'file')", [lead_id, f"<reply.{lead_id}@x.localhost>"])
    wait_replicated(pair.state.primary.url, pair.state.failover.url,
                    "select lead_id, status from private.lead_replies")
    report = check(pair.state)
    assert report["ok"], report["findings"]
    assert report["tables"]["by_table"]["private.lead_replies"]["primary_rows"] == 1
    with psycopg.connect(pair.state.failover.url, autocommit=True,
                         options="-c session_replication_role=replica") as f:
        f.execute("delete from private.lead_replies")
    report = check(pair.state)
    assert report["tables"]["by_table"]["private.lead_replies"]["missing_on_failover"] == [str(lead_id)]
    assert any(finding.startswith("private.lead_replies differs") for finding in report["findings"])
