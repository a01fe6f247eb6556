"""One renderer for every reply: structured pieces in, a well-formed MIME message out.

Whoever writes the words (the OpenAI provider or the offline templates) gives plain-text pieces;
this module alone builds the text and HTML parts (every value HTML-escaped), adds the booking
link and the unsubscribe footer, and the headers (Message-ID derived from the lead,
Content-Language, List-Unsubscribe with RFC 8058 one-click when a URL is configured).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import quote

MAX_SUBJECT = 200
MAX_PARAGRAPHS = 5
MAX_PARAGRAPH = 2000

UNSUBSCRIBE = {"en": "You received this e-mail because you contacted {business}. Unsubscribe:",
               "fr": "Vous recevez cet e-mail car vous avez contacté {business}. Se désabonner :"}


@dataclass(frozen=True)
class ReplyContent:
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]
    closing: str
    signature: str

    @classmethod
    def from_json(cls, data: object) -> ReplyContent:
        """A provider's answer, checked: every piece a non-empty string, bounded."""
        if not isinstance(data, dict):
            raise ValueError("reply is not a JSON object")
        paragraphs = data.get("paragraphs")
        if isinstance(paragraphs, str):
            paragraphs = [paragraphs]
        if not isinstance(paragraphs, list) or not 1 <= len(paragraphs) <= MAX_PARAGRAPHS:
            raise ValueError("reply paragraphs must be a list of 1 to 5 strings")
        pieces = [data.get(k) for k in ("subject", "greeting", "closing", "signature")] + paragraphs
        if not all(isinstance(p, str) and p.strip() for p in pieces):
            raise ValueError("reply pieces must be non-empty strings")
        return cls(subject=data["subject"].strip()[:MAX_SUBJECT], greeting=data["greeting"].strip(),
                   paragraphs=tuple(p.strip()[:MAX_PARAGRAPH] for p in paragraphs),
                   closing=data["closing"].strip(), signature=data["signature"].strip())


def reply_message_id(lead_id: object, domain: str) -> str:
    """The Message-ID of a lead's reply: the same on every attempt, so a resend is recognisable."""
    return f"<reply.{lead_id}@{domain}>"


def render_reply(content: ReplyContent, *, lead_id: object, to_name: str | None, to_address: str,
                 from_name: str, from_address: str, language: str, booking_label: str, booking_link: str | None,
                 unsubscribe_url: str | None) -> EmailMessage:
    domain = from_address.rpartition("@")[2]
    mailto = f"mailto:{from_address}?subject={quote(f'unsubscribe {lead_id}')}"
    one_click = f"{unsubscribe_url.rstrip('/')}?lead={quote(str(lead_id))}" if unsubscribe_url else None
    footer = UNSUBSCRIBE[language].format(business=from_name)

    text = [content.greeting, "", *[p + "\n" for p in content.paragraphs]]
    if booking_link:
        text += [f"{booking_label} {booking_link}", ""]
    text += [content.closing, content.signature, "", "--", f"{footer} {one_click or mailto}"]

    e = html.escape
    body = [f"<p>{e(content.greeting)}</p>", *[f"<p>{e(p)}</p>" for p in content.paragraphs]]
    if booking_link:
        body.append(f'<p>{e(booking_label)} <a href="{e(booking_link)}">{e(booking_link)}</a></p>')
    body.append(f"<p>{e(content.closing)}<br>{e(content.signature)}</p>")
    body.append(f'<hr><p style="font-size:small">{e(footer)} <a href="{e(one_click or mailto)}">'
                f'{e(one_click or mailto)}</a></p>')
    page = (f'<!DOCTYPE html>\n<html lang="{e(language)}"><head><meta charset="utf-8">'
            f"<title>{e(content.subject)}</title></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")

    message = EmailMessage()
    message["Subject"] = content.subject
    message["From"] = formataddr((from_name, from_address))
    message["To"] = formataddr((to_name or "", to_address))
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = reply_message_id(lead_id, domain)
    message["List-Unsubscribe"] = f"<{one_click}>, <{mailto}>" if one_click else f"<{mailto}>"
    if one_click:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-replied"  # RFC 3834: mail robots do not answer it
    message.set_content("\n".join(text))
    message.add_alternative(page, subtype="html")
    message["Content-Language"] = language  # after the parts: set_content drops Content-* headers
    return message
