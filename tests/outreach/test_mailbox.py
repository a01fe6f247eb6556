"""Sending through the Gmail API and reading the mailbox back (issue 15, items 3-5): a real worker
sends through the loopback Gmail API (its ids recorded on the e-mails); replies and bounce reports
arrive as raw RFC 5322 messages, read by `avenir outreach ingest` (a real process) from the Gmail
API (users.messages.list / get) or from an mbox on standard input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from mail_stubs import GmailStub
from worker_process import wait_for

from avenir.local import configure
from avenir.local.paths import project_root

DOMAIN = "avenir.localhost"


@pytest.fixture
def gmail():
    with GmailStub() as stub:
        yield stub


def gmail_env(gmail) -> dict:
    return {"AVENIR_MAIL_URL": "gmail:me", "AVENIR_GMAIL_API_URL": gmail.url,
            "AVENIR_GMAIL_ACCESS_TOKEN": GmailStub.TOKEN, "AVENIR_MAIL_FROM": f"hello@{DOMAIN}",
            "AVENIR_TRACKING_URL": "http://127.0.0.1:9/api"}


def ingest(cluster, *args: str, stdin: bytes | None = None, **env: str) -> dict:
    """`avenir outreach ingest ...` as an operator runs it, as service_role."""
    import json

    done = subprocess.run([sys.executable, "-m", "avenir.cli", "outreach", "ingest", *args], cwd=project_root(),
                          input=stdin, capture_output=True, timeout=120,
                          env={**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster),
                               "AVENIR_DB_ROLE": "service_role", **env})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(done.stdout)


def sent_by_sql(c) -> list[dict]:
    """The campaign's e-mails approved and sent (begin + finish as the worker would), without a worker."""
    c.queue()
    c.approve_all()
    for e in c.emails("approved"):
        with c.db.transaction():
            c.db.execute("set local role service_role")
            c.db.execute("select public.begin_outreach_send(%s, 'smtp', %s, 'http://127.0.0.1:1')", [e["id"], DOMAIN])
            c.db.execute("select public.finish_outreach_send(%s, 'sent', '{}')", [e["id"]])
    return c.emails()


def reply(to: dict, message_id: str, *, in_reply_to: bool = True, references: str = "", extra: str = "",
          text: str = "Yes, let's talk on Tuesday.") -> bytes:
    ours = f"<outreach.{to['id']}@{DOMAIN}>"
    headers = [f"From: Owner <{to['prospect_email']}>", f"To: hello@{DOMAIN}", f"Subject: Re: {to['subject']}",
               "Date: Wed, 02 Dec 2026 15:04:05 +0100", f"Message-ID: {message_id}",
               *([f"In-Reply-To: {ours}"] if in_reply_to else []),
               f"References: {references} {ours}".rstrip() if references or in_reply_to else f"References: {ours}",
               "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    if extra:
        headers.append(extra)
    return ("\r\n".join(headers) + "\r\n\r\n" + text + "\r\n\r\n> Hi there,\r\n> ...\r\n").encode()


def dsn(to: dict, status: str, action: str = "failed", diagnostic: str = "550 5.1.1 User unknown") -> bytes:
    """A delivery status notification as Postfix writes one (RFC 3464, multipart/report)."""
    return f"""From: MAILER-DAEMON@mx.{to['prospect_email'].split('@')[1]} (Mail Delivery System)
To: hello@{DOMAIN}
Subject: Undelivered Mail Returned to Sender
Date: Wed, 02 Dec 2026 15:10:00 +0100
Message-ID: <20261202141000.DSN{status.replace('.', '')}@mx.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="=_dsn_1"

--=_dsn_1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--=_dsn_1
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.test
Arrival-Date: Wed,  2 Dec 2026 15:09:58 +0100

Final-Recipient: rfc822; {to['prospect_email']}
Original-Recipient: rfc822;{to['prospect_email']}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--=_dsn_1
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: hello@{DOMAIN}
To: {to['prospect_email']}
Subject: {to['subject']}
Message-ID: <outreach.{to['id']}@{DOMAIN}>

--=_dsn_1--
""".replace("\n", "\r\n").encode()


def arf(to: dict) -> bytes:
    """An abuse report (RFC 5965): the recipient pressed "this is spam"."""
    return f"""From: feedback@fbl.test
To: hello@{DOMAIN}
Subject: Complaint about message from hello@{DOMAIN}
Message-ID: <fbl.{str(to['id'])[:8]}@fbl.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="fbl"

--fbl
Content-Type: text/plain

This is an email abuse report.

--fbl
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: FBL/1.0
Version: 1

--fbl
Content-Type: text/rfc822-headers

Message-ID: <outreach.{to['id']}@{DOMAIN}>
To: {to['prospect_email']}

--fbl--
""".replace("\n", "\r\n").encode()


def mbox(*messages: bytes) -> bytes:
    return b"".join(b"From MAILER-DAEMON Wed Dec  2 15:10:00 2026\n" + m.replace(b"\r\n", b"\n") + b"\n"
                    for m in messages)


def events(c, action: str) -> list[dict]:
    return c.db.execute("select * from public.outreach_tracking where campaign_id = %s and action = %s",
                        [c.id, action]).fetchall()


def suppression(c, address: str) -> str | None:
    row = c.db.execute("select reason from private.outreach_suppressions where client_id = %s and address = %s",
                       [c.client_id, address]).fetchone()
    return row and row["reason"]


def test_the_gmail_sender_records_each_messages_gmail_ids_and_its_replies_and_bounces_are_read_back(
        cluster, db, campaign, gmail, start_worker):
    c = campaign(2)
    c.queue()
    start_worker(**gmail_env(gmail))
    c.approve_all()
    wait_for(lambda: len(c.emails("sent")) == 2, 60, "the two e-mails to be sent through the Gmail API")

    assert len(gmail.sent) == 2
    by_address = {e["prospect_email"]: e for e in c.emails()}
    for sent in gmail.sent:
        email = by_address[sent["message"]["To"].addresses[0].addr_spec]
        assert sent["message"]["Message-ID"] == f"<outreach.{email['id']}@{DOMAIN}>"
        assert (email["gmail_message_id"], email["thread_id"]) == (sent["id"], sent["threadId"])
        assert sent["message"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {s["sender"] for s in c.sends()} == {"gmail"}

    # The mailbox: the first prospect answers in the thread, the second address bounces; plus a
    # stranger's message and an out-of-office answer, which are not replies.
    first, second = (by_address[p["contact_email"]] for p in c.prospects)
    gmail.receive(reply(first, "<CAF=yes.1@mail.biz.test>"), first["thread_id"])
    gmail.receive(dsn(second, "5.1.1"), "19dffff")
    gmail.receive(b"From: someone@else.test\r\nMessage-ID: <x.1@else.test>\r\nSubject: hello\r\n\r\nhi\r\n", "19deeee")
    gmail.receive(reply(first, "<ooo.1@mail.biz.test>", extra="Auto-Submitted: auto-replied",
                        text="I am out of the office."), first["thread_id"])
    env = {"AVENIR_GMAIL_API_URL": gmail.url, "AVENIR_GMAIL_ACCESS_TOKEN": GmailStub.TOKEN}
    summary = ingest(cluster, "--gmail", "--limit", "10", **env)
    assert (summary["replies"], summary["reports"], summary["duplicates"]) == (1, 1, 0)
    assert sorted(s["reason"] for s in summary["skipped"]) == ["automatic answer (Auto-Submitted)",
                                                               "not a reply to an outreach e-mail"]
    assert any(r.path.endswith("/messages") and r.query.get("q") == "in:inbox newer_than:7d" for r in gmail.requests)

    emails = {e["id"]: e for e in c.emails()}
    assert emails[first["id"]]["status"] == "replied" and emails[first["id"]]["replied_at"] is not None
    (replied,) = events(c, "replied")
    assert replied["email_id"] == first["id"] and replied["metadata"]["reply"].startswith("Yes, let's talk")
    assert replied["metadata"]["event_id"] == "reply:<CAF=yes.1@mail.biz.test>"
    assert emails[second["id"]]["status"] == "bounced"
    (bounce,) = events(c, "bounced")
    assert bounce["metadata"]["bounce_type"] == "hard_bounce" and bounce["metadata"]["source"] == "dsn"
    assert suppression(c, second["prospect_email"]) == "hard_bounce"

    # Read again (the reader runs on a schedule): nothing new.
    again = ingest(cluster, "--gmail", **env)
    assert (again["replies"], again["reports"], again["duplicates"]) == (0, 0, 2)
    assert len(events(c, "replied")) == 1 and len(events(c, "bounced")) == 1


def test_the_worker_reads_the_gmail_inbox_on_its_own_at_most_max_messages_a_run(
        cluster, db, campaign, gmail, start_worker):
    """Where AVENIR_MAIL_URL is gmail:USER the worker runs `ingest --gmail` itself, every
    AVENIR_MAIL_INGEST_INTERVAL seconds, reading at most AVENIR_MAIL_INGEST_MAX messages a run."""
    c = campaign(2)
    c.queue()
    start_worker(**gmail_env(gmail), AVENIR_MAIL_INGEST_INTERVAL="0.2", AVENIR_MAIL_INGEST_MAX="2")
    c.approve_all()
    wait_for(lambda: len(c.emails("sent")) == 2, 60, "the two e-mails to be sent through the Gmail API")
    by_address = {e["prospect_email"]: e for e in c.emails()}
    first, second = (by_address[p["contact_email"]] for p in c.prospects)
    # Three messages for a bound of two: the reply, the oldest, comes in a later run of the same sweep.
    gmail.receive(reply(first, "<CAF=auto.1@mail.biz.test>"), first["thread_id"])
    gmail.receive(dsn(second, "5.1.1"), "19dffff")
    gmail.receive(b"From: someone@else.test\r\nMessage-ID: <x.2@else.test>\r\nSubject: hello\r\n\r\nhi\r\n", "19deeee")

    wait_for(lambda: {e["id"]: e["status"] for e in c.emails()} == {first["id"]: "replied", second["id"]: "bounced"},
             60, "the worker to read the reply and the bounce report")
    (replied,) = events(c, "replied")
    assert replied["metadata"]["event_id"] == "reply:<CAF=auto.1@mail.biz.test>"
    assert suppression(c, second["prospect_email"]) == "hard_bounce"

    def listings():
        return [r for r in list(gmail.requests) if r.method == "GET" and r.path.endswith("/messages")]

    assert all(int(r.query["maxResults"]) <= 2 for r in listings())
    assert any(r.query.get("pageToken") == "2" for r in listings()), "the capped sweep goes on from its page token"
    # Once the sweep is complete, the next runs ask only for what arrived since.
    wait_for(lambda: any("after:" in r.query.get("q", "") for r in listings()), 30, "a run asking for new mail only")
    assert listings()[0].query["q"] == "in:inbox newer_than:7d"
    assert len(events(c, "replied")) == 1 and len(events(c, "bounced")) == 1


def test_an_mbox_on_standard_input_matches_replies_by_references_and_classifies_reports(cluster, campaign):
    c = campaign(4)
    by_address = {e["prospect_email"]: e for e in sent_by_sql(c)}
    a, b, d, e = (by_address[p["contact_email"]] for p in c.prospects)
    # A reply whose client dropped In-Reply-To: References names our message after another one.
    threaded = reply(a, "<re.2@mail.biz.test>", in_reply_to=False, references="<older@mail.biz.test>",
                     text="Bonjour, oui, appelez-moi.")
    data = mbox(threaded, dsn(b, "4.2.2", action="delayed", diagnostic="452 4.2.2 Mailbox full"),
                dsn(d, "5.7.1", diagnostic="550 5.7.1 Message rejected as spam"), arf(e),
                b"From: x@y.test\nSubject: no id\n\nhello\n")
    summary = ingest(cluster, "-", stdin=data)
    assert (summary["replies"], summary["reports"], summary["duplicates"]) == (1, 3, 0)
    assert [s["reason"] for s in summary["skipped"]] == ["no Message-ID"]

    emails = {x["id"]: x for x in c.emails()}
    assert emails[a["id"]]["status"] == "replied"
    assert events(c, "replied")[0]["metadata"]["reply"].startswith("Bonjour, oui")
    kinds = {x["email_id"]: x["metadata"]["bounce_type"] for x in events(c, "bounced")}
    assert kinds == {b["id"]: "soft_bounce", d["id"]: "hard_bounce"}
    assert (emails[b["id"]]["status"], emails[d["id"]]["status"]) == ("bounced", "bounced")
    assert suppression(c, b["prospect_email"]) is None  # one soft bounce: below the threshold
    assert suppression(c, d["prospect_email"]) == "hard_bounce"
    (complaint,) = [x for x in events(c, "unsubscribed") if x["email_id"] == e["id"]]
    assert complaint["metadata"]["bounce_type"] == "complaint"
    assert suppression(c, e["prospect_email"]) == "complaint"

    again = ingest(cluster, "-", stdin=data)
    assert (again["replies"], again["reports"], again["duplicates"]) == (0, 0, 4)
