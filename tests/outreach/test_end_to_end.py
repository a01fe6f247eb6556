"""Outreach end to end (issue 15, item 8): the daily queue job hands prospects to the campaign,
the client approves, a real worker sends to a real SMTP server (aiosmtpd), the provider's
webhooks arrive over HTTP (duplicated), the prospect replies, and the metrics count it all."""

from __future__ import annotations

from datetime import timedelta

import httpx
from psycopg.types.json import Jsonb
from worker_process import wait_for

TRACKING = "http://127.0.0.1:9/api"


def test_daily_queue_to_metrics(db, campaign, smtp, start_worker, api):
    c = campaign(2)
    # Only this campaign's prospects are eligible: the daily queue of the job picks them.
    db.execute("update public.prospect_candidates set automation_need_score = 95 where id = any(%s::uuid[])",
               [[p["id"] for p in c.prospects]])
    start_worker(AVENIR_MAIL_URL=smtp.url(), AVENIR_MAIL_FROM="hello@avenir.localhost", AVENIR_TRACKING_URL=TRACKING)
    with db.transaction():
        db.execute("set local role service_role")
        job_id = db.execute("select public.enqueue_job('daily_prospect_queue', %s) as id",
                            [Jsonb({"n": 500, "campaign_id": str(c.id)})]).fetchone()["id"]
    wait_for(lambda: db.execute("select status from public.queue_jobs where id = %s", [job_id]).fetchone()["status"]
             == "completed", 60, "the daily queue job")
    mine = [p["id"] for p in c.prospects]
    # Other tests' committed prospects may be in the queue too: only this test's are kept.
    db.execute("delete from public.outreach_emails where campaign_id = %s and not prospect_id = any(%s::uuid[])",
               [c.id, mine])
    db.execute("delete from public.queue_jobs where id = %s", [job_id])
    assert sorted(str(e["prospect_id"]) for e in c.emails("pending")) == sorted(mine)

    c.approve_all()
    wait_for(lambda: len(c.emails("sent")) == 2, 60, "the approved e-mails to be sent")
    assert len(smtp.handler.received) == 2

    first, second = c.emails()[:2]
    assert first["sent_at"] and second["sent_at"]
    with httpx.Client(base_url=api.url + "/rest/v1", timeout=30,
                      headers={"apikey": api.service_key, "Authorization": f"Bearer {api.service_key}"}) as svc:
        def hook(email, action, event_id, **metadata):
            later = (email["sent_at"] + timedelta(minutes=10)).isoformat()  # the provider's event time
            r = svc.post("/rpc/record_tracking_event", json={
                "email_id": str(email["id"]), "action": action, "at": later,
                "metadata": {"event_id": event_id, **metadata}})
            assert r.status_code == 200, r.text
            return r.json()

        for _ in range(2):  # every webhook delivered twice
            hook(first, "delivered", "d-1")
            hook(second, "delivered", "d-2")
            hook(first, "opened", "o-1", user_agent="Mozilla/5.0 (Macintosh) AppleWebKit Thunderbird")
            hook(second, "opened", "o-2", user_agent="Mozilla/5.0")  # Apple Mail Privacy Protection
            hook(first, "replied", "r-1", reply="Yes, let's talk on Tuesday.")
    assert [e["status"] for e in c.emails()[:2]] == ["replied", "delivered"]

    with db.transaction():
        db.execute("set local role service_role")
        db.execute("select public.refresh_outreach_metrics()")
    m = db.execute("select * from public.outreach_metrics where campaign_id = %s", [c.id]).fetchone()
    assert (m["total_emails_sent"], m["total_emails_delivered"], m["total_emails_opened"], m["total_emails_replied"],
            m["machine_open_events"], m["total_open_events"]) == (2, 2, 1, 1, 1, 1)
    assert (m["open_rate"], m["reply_rate"], m["bounce_rate"]) == (50, 50, 0)
    log = db.execute("select status, reply_content from public.prospect_outreach_log "
                     "where metadata ->> 'email_id' = %s", [str(first["id"])]).fetchone()
    assert log == {"status": "replied", "reply_content": "Yes, let's talk on Tuesday."}
