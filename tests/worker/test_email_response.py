"""The personalised reply end to end: real worker processes, a real SMTP server (aiosmtpd) and a
loopback Gmail API; the reply is sent at most once even when the worker dies mid-send."""

import os
import queue
import signal

import pytest
from mail_stubs import GmailStub, SmtpServer
from worker_helpers import add_lead, enqueue, job, wait_for


@pytest.fixture
def smtp(tmp_path):
    with SmtpServer(tmp_path) as server:
        yield server


@pytest.fixture
def gmail():
    with GmailStub() as stub:
        yield stub


def replying(db, client_id, tone="Friendly", booking="https://cal.acme.localhost/claire", language="fr"):
    db.execute("update public.clients set ai_personalized_reply = true, email_tone = %s, booking_link = %s, "
               "language = %s, business_name = 'Acme & Fils' where client_id = %s",
               [tone, booking, language, client_id])


def reply_row(db, lead_id):
    return db.execute("select * from private.lead_replies where lead_id = %s", [lead_id]).fetchone()


def smtp_env(server, **extra):
    return {"AVENIR_MAIL_URL": server.url(), "AVENIR_MAIL_FROM": "replies@acme.localhost",
            "AVENIR_UNSUBSCRIBE_URL": "https://api.acme.localhost/unsubscribe", **extra}


def test_enrichment_enqueues_the_reply_and_the_lead_receives_it_in_its_language_and_tone(db, tenant, start_worker,
                                                                                          smtp):
    replying(db, tenant)
    lead_id = add_lead(db, tenant, "Bonjour, pourriez-vous m'envoyer un devis pour 12 licences ? Merci, Claire",
                       "Claire <Dupont>")
    db.execute("update public.lead_memory set email = 'claire@lead.localhost' where id = %s", [lead_id])
    enrichment = enqueue(db, "lead_enrichment", {"lead_id": lead_id, "client_id": tenant})
    worker = start_worker(**smtp_env(smtp))
    wait_for(lambda: (reply_row(db, lead_id) or {}).get("status") == "sent", 30, "the reply to be sent")

    assert job(db, enrichment)["result"]["applied"]["reply"]["enqueued"] is True
    assert "event=mail_sender sender=smtp" in worker.log()
    (rcpts, _), = smtp.handler.received
    assert rcpts == ["claire@lead.localhost"]
    message = smtp.handler.messages()[0]
    assert message["Message-ID"] == f"<reply.{lead_id}@acme.localhost>" == reply_row(db, lead_id)["message_id"]
    assert message["Content-Language"] == "fr" and message["From"].addresses[0].display_name == "Acme & Fils"
    assert message["List-Unsubscribe"].startswith(f"<https://api.acme.localhost/unsubscribe?lead={lead_id}>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Salut Claire <Dupont> !")                 # Friendly, in French, by name
    assert "équipe commerciale" in text                              # answers a Sales intent (quote)
    assert "https://cal.acme.localhost/claire" in text and 'href="https://cal.acme.localhost/claire"' in html
    assert "Claire &lt;Dupont&gt;" in html and "Acme &amp; Fils" in html
    row = reply_row(db, lead_id)
    assert (row["language"], row["tone"], row["sender"]) == ("fr", "Friendly", "smtp")
    metric = db.execute("select * from public.performance_metrics where client_id = %s and event_type = "
                        "'email_response'", [tenant]).fetchone()
    assert metric["metric_value"] == 1 and metric["metadata"]["renderer"] == "template"


def test_a_client_without_personalised_replies_gets_no_reply_job(db, tenant, start_worker, smtp):
    lead_id = add_lead(db, tenant, "Hello, what are your prices? Sam")
    enrichment = enqueue(db, "lead_enrichment", {"lead_id": lead_id, "client_id": tenant})
    start_worker(**smtp_env(smtp))
    wait_for(lambda: job(db, enrichment)["status"] == "completed", 30, "the enrichment")
    assert job(db, enrichment)["result"]["applied"]["reply"] == {
        "enqueued": False, "reason": "client has ai_personalized_reply off"}
    assert db.execute("select count(*) as n from public.queue_jobs where job_type = 'email_response' and "
                      "client_id = %s", [tenant]).fetchone()["n"] == 0


def test_a_refused_address_marks_the_reply_failed_with_the_servers_reason(db, tenant, start_worker, smtp):
    replying(db, tenant, tone="Formal", language="en")
    lead_id = add_lead(db, tenant, "I would like a demo of your product.", "Ann")
    db.execute("update public.lead_memory set email = 'refuse-ann@lead.localhost' where id = %s", [lead_id])
    job_id = enqueue(db, "email_response", {"lead_id": lead_id, "client_id": tenant})
    start_worker(**smtp_env(smtp))
    wait_for(lambda: job(db, job_id)["status"] == "completed", 30, "the reply job to complete")
    row = reply_row(db, lead_id)
    assert row["status"] == "failed" and "550 5.1.1" in row["error"] and "User unknown" in row["error"]
    assert smtp.handler.received == [] and job(db, job_id)["attempts"] == 1


def kill_when_known(pids: queue.Queue):
    """A hook that SIGKILLs the worker whose pid the test puts in `pids` (waiting for it, bounded)."""
    return lambda: os.kill(pids.get(timeout=30), signal.SIGKILL)


def test_a_worker_killed_between_send_and_completion_never_sends_twice_over_smtp(db, tenant, start_worker, smtp):
    replying(db, tenant, tone="Energetic", language="en")
    lead_id = add_lead(db, tenant, "Our export is broken, please help.", "Bo")
    job_id = enqueue(db, "email_response", {"lead_id": lead_id, "client_id": tenant}, timeout_seconds=2)
    # Armed before the worker starts (it may send at once); it waits until the worker's pid is known.
    smtp.handler.on_data = kill_when_known(pids := queue.Queue())  # the mail is in, the 250 never read
    first = start_worker(**smtp_env(smtp, AVENIR_WORKER_HEARTBEAT=0.5))
    pids.put(first.proc.pid)
    wait_for(lambda: first.proc.poll() is not None, 30, "the first worker to die mid-send")
    assert len(smtp.handler.received) == 1
    assert reply_row(db, lead_id)["status"] == "sending" and job(db, job_id)["status"] == "processing"

    smtp.handler.on_data = None
    start_worker(**smtp_env(smtp, AVENIR_WORKER_REAP_INTERVAL=0.5))
    wait_for(lambda: job(db, job_id)["status"] == "completed", 60, "the job to be taken back and completed")
    row = reply_row(db, lead_id)
    assert row["status"] == "uncertain" and "not sent again" in row["error"] and row["attempts"] == 2
    assert len(smtp.handler.received) == 1 and job(db, job_id)["attempts"] == 2


def test_a_worker_killed_after_a_gmail_send_is_recognised_by_message_id_and_recorded(db, tenant, start_worker, gmail):
    replying(db, tenant, tone="Professional", language="en", booking=None)
    lead_id = add_lead(db, tenant, "Can we book a call next Tuesday?", "Cy")
    job_id = enqueue(db, "email_response", {"lead_id": lead_id, "client_id": tenant}, timeout_seconds=2)
    env = {"AVENIR_MAIL_URL": "gmail:me", "AVENIR_GMAIL_API_URL": gmail.url,
           "AVENIR_GMAIL_ACCESS_TOKEN": GmailStub.TOKEN, "AVENIR_MAIL_FROM": "replies@acme.localhost"}
    gmail.on_send = kill_when_known(pids := queue.Queue())
    first = start_worker(**env)
    pids.put(first.proc.pid)
    wait_for(lambda: first.proc.poll() is not None, 30, "the first worker to die mid-send")
    gmail.on_send = None
    start_worker(**env, AVENIR_WORKER_REAP_INTERVAL=0.5)
    wait_for(lambda: job(db, job_id)["status"] == "completed", 60, "the job to be taken back and completed")

    (sent,) = gmail.sent
    row = reply_row(db, lead_id)
    assert (row["status"], row["gmail_message_id"], row["thread_id"]) == ("sent", sent["id"], sent["threadId"])
    assert job(db, job_id)["result"]["recovered"] is True
    assert sent["message"]["Message-ID"] == f"<reply.{lead_id}@acme.localhost>"


def test_with_no_key_and_no_mail_server_the_worker_says_at_start_it_is_offline_and_sends_nothing(start_worker):
    # Item 7 of issue 12: `make up` runs with no OPENAI_API_KEY and no AVENIR_MAIL_URL, and says so.
    worker = start_worker(AVENIR_MAIL_URL="", OPENAI_API_KEY="")
    wait_for(lambda: "event=worker_started" in worker.log() and "event=mail_sender" in worker.log(), 30,
             "the worker's start lines")
    log = worker.log()
    assert "provider=offline" in log
    assert "event=mail_sender sender=log" in log and "nothing is sent" in log
