"""Sending outreach e-mails end to end (issue 15, item 3): the daily queue's handoff, the client's
approval, a real worker process and a real SMTP server (aiosmtpd). At most once, within the
campaign's throttle (checked by counting the recorded send starts, never by timing the test)."""

from __future__ import annotations

import os
import re
import signal
from datetime import timedelta

from worker_process import wait_for

TRACKING = "http://127.0.0.1:9/api"


def env(smtp, **extra):
    return {"AVENIR_MAIL_URL": smtp.url(), "AVENIR_MAIL_FROM": "hello@avenir.localhost",
            "AVENIR_TRACKING_URL": TRACKING, **extra}


def test_queued_approved_emails_go_out_once_with_unsubscribe_headers_and_a_tracking_token(db, campaign, smtp,
                                                                                          start_worker):
    c = campaign(3)
    queued = c.queue()
    assert queued["created"] == 3 and queued["skipped"] == []
    again = c.queue()
    assert again["created"] == 0 and len(again["skipped"]) == 3  # a prospect is queued once per campaign
    first = next(e for e in c.emails() if e["prospect_email"] == c.prospects[0]["contact_email"])
    assert first["status"] == "pending" and first["subject"] == f"Idea for Biz 0 <{c.tag}>"
    assert f"Biz 0 &lt;{c.tag}&gt;" in first["content"] and "Hi there," in first["content"]  # escaped, fallback
    assert c.jobs() == []  # nothing is sent before approval

    start_worker(**env(smtp))
    c.approve_all()
    wait_for(lambda: len(c.emails("sent")) == 3, 60, "the three e-mails to be sent")

    assert sorted(r for rcpts, _ in smtp.handler.received for r in rcpts) == sorted(
        p["contact_email"] for p in c.prospects)
    sends = {s["email_id"]: s for s in c.sends()}
    for message in smtp.handler.messages():
        email = next(e for e in c.emails() if e["prospect_email"] == message["To"].addresses[0].addr_spec)
        send = sends[email["id"]]
        token = send["token"]
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
        assert message["Message-ID"] == f"<outreach.{email['id']}@avenir.localhost>" == send["message_id"]
        assert message["List-Unsubscribe"] == (f"<{TRACKING}/rpc/unsubscribe_outreach?t={token}>, "
                                               f"<mailto:hello@avenir.localhost?subject=unsubscribe%20{token}>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.get_body(("html",)).get_content()
        assert f'href="{TRACKING}/rpc/track_click?t={token}&amp;l=1"' in html
        assert f'href="{TRACKING}/rpc/track_click?t={token}&amp;l=2"' in html
        assert "https://avenir.localhost/demo" not in html  # every link goes through the click endpoint
        assert f'<img src="{TRACKING}/rpc/track_open?t={token}"' in html
        assert send["links"] == ["https://avenir.localhost/demo?x=1&y=2", "https://cal.avenir.localhost/book"]
        assert message.get_body(("plain",)).get_content().startswith("Hi there,")
        assert email["sent_at"] is not None and email["sender_email"] == "hello@avenir.localhost"
    assert len({s["token"] for s in sends.values()}) == 3
    assert db.execute("select usage_count from public.email_templates where id = %s",
                      [c.template_id]).fetchone()["usage_count"] == 3
    assert db.execute("select count(*) as n from public.outreach_tracking where campaign_id = %s and action = 'sent'",
                      [c.id]).fetchone()["n"] == 3
    assert db.execute("select bool_and(contacted) as c from public.prospect_candidates where id = any(%s::uuid[])",
                      [[p["id"] for p in c.prospects]]).fetchone()["c"] is True
    wait_for(lambda: all(j["status"] == "completed" for j in c.jobs()), 30, "the bulk_email job to complete")
    assert len(smtp.handler.received) == 3


def test_a_per_second_limit_is_never_exceeded_and_concurrency_is_bounded(db, campaign, smtp, start_worker):
    c = campaign(12, per_second=4, concurrency=2)
    c.queue()
    c.approve_all()
    start_worker(**env(smtp))
    start_worker(**env(smtp))  # two workers share the campaign's budget
    wait_for(lambda: len(c.emails("sent")) == 12, 90, "the twelve e-mails to be sent")
    starts = [s["started_at"] for s in c.sends()]
    assert len(starts) == 12
    # Any 1-second window holds at most 4 starts: the 5th after any start is a second or more later.
    assert all(starts[i + 4] - starts[i] >= timedelta(seconds=1) for i in range(len(starts) - 4))
    # At no send's start were more than 2 of the campaign's sends in flight (recorded intervals).
    sends = c.sends()
    assert max(sum(1 for o in sends if o["started_at"] <= s["started_at"] < o["finished_at"]) for s in sends) <= 2
    assert len(smtp.handler.received) == 12


def test_an_hourly_budget_sends_that_many_and_leaves_a_follow_up_job_for_later(db, campaign, smtp, start_worker):
    c = campaign(5, per_hour=3)
    c.queue()
    c.approve_all()
    start_worker(**env(smtp))
    wait_for(lambda: any(j["status"] == "completed" for j in c.jobs()), 60, "the first bulk_email job")
    assert len(c.emails("sent")) == 3 and len(c.emails("approved")) == 2
    done = next(j for j in c.jobs() if j["status"] == "completed")
    assert done["result"]["continues"]["reason"] == "send_per_hour"
    later = [j for j in c.jobs() if j["status"] == "pending"]
    assert len(later) == 1 and later[0]["run_at"] - done["completed_at"] > timedelta(minutes=50)
    assert len(smtp.handler.received) == 3


def test_suppressed_and_refused_addresses(db, campaign, smtp, start_worker):
    c = campaign(3)
    c.prospects[1]["contact_email"] = f"refuse-{c.tag}@biz.test"
    c.queue()
    db.execute("insert into private.outreach_suppressions (client_id, address, reason) values (%s, %s, 'unsubscribed')",
               [c.client_id, c.prospects[2]["contact_email"]])
    c.approve_all()
    start_worker(**env(smtp))
    wait_for(lambda: len(c.sends()) == 3 and all(s["status"] != "sending" for s in c.sends()), 60, "three outcomes")
    by_address = {s["recipient"]: s for s in c.sends()}
    assert by_address[c.prospects[0]["contact_email"]]["status"] == "sent"
    refused = by_address[c.prospects[1]["contact_email"]]
    assert refused["status"] == "failed" and "550 5.1.1" in refused["error"]
    assert by_address[c.prospects[2]["contact_email"]]["status"] == "suppressed"
    assert [rcpts for rcpts, _ in smtp.handler.received] == [[c.prospects[0]["contact_email"]]]
    reasons = dict(db.execute("select address, reason from private.outreach_suppressions where client_id = %s",
                              [c.client_id]).fetchall() and
                   [(r["address"], r["reason"]) for r in db.execute(
                       "select address, reason from private.outreach_suppressions where client_id = %s",
                       [c.client_id]).fetchall()])
    assert reasons == {c.prospects[1]["contact_email"]: "hard_bounce", c.prospects[2]["contact_email"]: "unsubscribed"}


def test_a_worker_killed_mid_send_never_sends_the_message_twice(db, campaign, smtp, start_worker):
    c = campaign(1)
    c.queue()
    first = start_worker(**env(smtp, AVENIR_WORKER_HEARTBEAT=0.5))
    smtp.handler.on_data = lambda: os.kill(first.proc.pid, signal.SIGKILL)  # the mail is in, the 250 never read
    c.approve_all()
    wait_for(lambda: first.proc.poll() is not None, 30, "the first worker to die mid-send")
    assert len(smtp.handler.received) == 1 and c.sends()[0]["status"] == "sending"
    smtp.handler.on_data = None
    db.execute("update public.queue_jobs set timeout_seconds = 2 where job_type = 'bulk_email' and "
               "payload ->> 'campaign_id' = %s", [str(c.id)])
    start_worker(**env(smtp, AVENIR_WORKER_REAP_INTERVAL=0.5))
    wait_for(lambda: c.sends()[0]["status"] != "sending", 60, "the send to be taken back")
    send = c.sends()[0]
    assert send["status"] == "uncertain" and "not sent again" in send["error"] and send["attempts"] == 2
    assert len(smtp.handler.received) == 1 and c.emails()[0]["status"] == "approved"
