"""The answer to a contact-form test, from the raw e-mail that came back.

The database decides whether it is automatic (RFC 3834 headers, subject: record_form_test_response);
the provider, here the offline rules of python_udfs.autoresponder_tone, gives its tone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries
from python_udfs import autoresponder_tone

QUERIES = NamedQueries("avenir.prospects", "queries.sql")


@dataclass(frozen=True)
class FormResponse:
    received_at: datetime
    headers: dict[str, str]
    subject: str
    body: str


def parse_response(raw: bytes) -> FormResponse:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    headers = {name: str(value) for name, value in message.items()}
    try:
        received_at = parsedate_to_datetime(message["Date"])
    except (TypeError, ValueError):
        received_at = datetime.now(UTC)
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    return FormResponse(received_at, headers, str(message.get("Subject", "")), body)


def record_response(conn, form_test_id, response: FormResponse, sender_name: str | None = None,
                    company: str | None = None, submission: str | None = None) -> dict:
    tone = autoresponder_tone.classify(response.body, sender_name, company, submission)
    return conn.execute(QUERIES["record_form_test_response"], {
        "id": form_test_id, "received_at": response.received_at, "headers": Jsonb(response.headers),
        "subject": response.subject, "body": response.body, "tone": tone}).fetchone()["result"]
