"""Replies and bounce reports read from a mailbox (issue 15, items 4-5): raw RFC 5322 messages, from
a file (`avenir outreach ingest FILE|-`: one .eml message or an mbox) or from the Gmail API
(users.messages.list + users.messages.get?format=raw, `avenir outreach ingest --gmail`, and the
worker's periodic reader where AVENIR_MAIL_URL is gmail:USER, avenir.worker.periodic).

Each message is one of:
  a report   multipart/report (RFC 6522): a DSN (RFC 3464, report-type=delivery-status) or an abuse
             report (RFC 5965, feedback-report) -> record_bounce_report (soft / hard / complaint)
  a reply    In-Reply-To / References name one of our Message-IDs (<outreach.ID@domain>), or its
             Gmail thread is one of our messages' -> record_outreach_reply (the e-mail -> replied)
  skipped    an automatic answer (Auto-Submitted, RFC 3834: out-of-office, vacation) or anything else
Every rule of matching and classification is in the SQL functions (functions/outreach_tracking.sql);
this module only splits and parses the messages. The event ids (the reply's Message-ID, the report's
digest) make a message read twice one event.
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage

import psycopg

from avenir_gateway.sql_files import NamedQueries

QUERIES = NamedQueries(__package__, "mailbox.sql")
MAX_MESSAGE = 2_000_000  # bytes of one message read; a report's first parts are what matter
MAX_BODY = 10_000  # characters of a reply's text kept (as prospect_outreach_log.reply_content)
MBOX_FROM = re.compile(rb"^From [^\r\n]*\r?\n", re.M)


def split_messages(data: bytes) -> list[bytes]:
    """One .eml message, or the messages of an mbox (each after a `From ` line; mboxrd's >From unquoted)."""
    if not data.startswith(b"From "):
        return [data] if data.strip() else []
    starts = [m.start() for m in MBOX_FROM.finditer(data)]
    pieces = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        body = data[start:end].split(b"\n", 1)[1] if b"\n" in data[start:end] else b""
        body = re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M)
        if body.strip():
            pieces.append(body)
    return pieces


def _text(message: EmailMessage) -> str | None:
    part = message.get_body(("plain", "html"))
    if part is None:
        return None
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset, a broken transfer encoding
        content = part.get_payload(decode=True).decode("utf-8", "replace") if part.get_payload(decode=True) else ""
    return content[:MAX_BODY]


@dataclass
class Ingested:
    replies: int = 0
    reports: int = 0
    duplicates: int = 0
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"replies": self.replies, "reports": self.reports, "duplicates": self.duplicates,
                "skipped": self.skipped}


def ingest(conn: psycopg.Connection, raws: Iterable[bytes], thread_ids: Iterable[str | None] | None = None) -> Ingested:
    """Record each raw message (service_role connection, one transaction per message)."""
    summary = Ingested()
    threads: Iterator[str | None] = iter(thread_ids) if thread_ids is not None else iter(lambda: None, 0)
    for n, raw in enumerate(raws, 1):
        thread_id = next(threads, None)
        raw = raw[:MAX_MESSAGE]
        message = email.message_from_bytes(raw, policy=email.policy.default)
        message_id = str(message.get("Message-ID") or "").strip()
        where = message_id or f"message {n}"
        report = message.get_content_type() == "multipart/report"
        try:
            answer = _record(conn, message, raw, message_id, thread_id, report)
        except psycopg.Error as e:  # e.g. a report about a message never sent: that message only
            summary.skipped.append({"message": where, "reason": f"{e.sqlstate}: {str(e).splitlines()[0][:200]}"})
            continue
        if answer is None:
            summary.skipped.append({"message": where, "reason": "automatic answer (Auto-Submitted)" if message_id
                                    else "no Message-ID"})
        elif answer.get("duplicate"):
            summary.duplicates += 1
        elif not answer.get("recorded"):
            summary.skipped.append({"message": where, "reason": answer.get("reason", "not recorded")})
        elif report:
            summary.reports += 1
        else:
            summary.replies += 1
    return summary


def _record(conn: psycopg.Connection, message: EmailMessage, raw: bytes, message_id: str, thread_id: str | None,
            report: bool) -> dict | None:
    """The database's answer for one message; None when it is not ours to record (automatic, no Message-ID)."""
    with conn.transaction():
        if report:
            return conn.execute(QUERIES["record_report"], {"report": raw.decode("utf-8", "replace")}
                                ).fetchone()["answer"]
        if str(message.get("Auto-Submitted") or "no").strip().lower() != "no" or not message_id:
            return None
        date = message.get("Date")
        try:
            received_at = email.utils.parsedate_to_datetime(str(date)) if date else None
        except (TypeError, ValueError):
            received_at = None
        return conn.execute(QUERIES["record_reply"], {
            "message_id": message_id, "in_reply_to": str(message.get("In-Reply-To") or "") or None,
            "refs": str(message.get("References") or "") or None, "thread_id": thread_id,
            "sender": str(message.get("From") or "") or None, "received_at": received_at,
            "body": _text(message)}).fetchone()["answer"]


DEFAULT_GMAIL_QUERY = "in:inbox newer_than:7d"


def ingest_gmail(conn: psycopg.Connection, api_url: str, access_token: str, user: str = "me",
                 query: str = DEFAULT_GMAIL_QUERY, limit: int = 500,
                 page_token: str | None = None) -> tuple[Ingested, str | None]:
    """Record the messages of a Gmail mailbox matching query, at most limit (the newest first, from
    page_token when given); with the page token to go on from when limit stopped the listing."""
    pages = GmailListing(page_token)
    pairs = list(gmail_messages(api_url, access_token, user, query, limit, pages))
    return ingest(conn, [p[0] for p in pairs], [p[1] for p in pairs]), pages.next_token


@dataclass
class GmailListing:
    """Where a listing starts (a page token, None: the first page) and, once read, where it stopped."""
    start: str | None = None
    next_token: str | None = None


def gmail_messages(api_url: str, access_token: str, user: str = "me", query: str = DEFAULT_GMAIL_QUERY,
                   limit: int = 500, listing: GmailListing | None = None) -> Iterator[tuple[bytes, str | None]]:
    """(raw message, thread id) of the mailbox's messages matching query: users.messages.list, then
    users.messages.get?format=raw for each (at most limit). `listing`: from and up to which page."""
    import httpx

    from ..worker.mail.gmail import messages_url

    base = messages_url(api_url, user)
    if listing is None:
        listing = GmailListing()
    with httpx.Client(headers={"Authorization": f"Bearer {access_token}"}, timeout=30) as client:
        token, seen = listing.start, 0
        while seen < limit:
            params = {"q": query, "maxResults": min(100, limit - seen)}
            if token:
                params["pageToken"] = token
            answer = client.get(base, params=params)
            answer.raise_for_status()
            page = answer.json()
            for item in page.get("messages") or []:
                got = client.get(f"{base}/{item['id']}", params={"format": "raw"})
                got.raise_for_status()
                body = got.json()
                seen += 1
                yield base64.urlsafe_b64decode(body["raw"] + "=" * (-len(body["raw"]) % 4)), body.get("threadId")
            token = listing.next_token = page.get("nextPageToken")
            if not token:
                return
