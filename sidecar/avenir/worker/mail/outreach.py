"""The outreach e-mail as it leaves: the pieces begin_outreach_send returns, made a MIME message.

The database renders and tracks (functions/outreach_sending.sql: the template, the links rewritten
to the click endpoint, the open pixel); this module only assembles the headers: a Message-ID
derived from the e-mail (the same on every attempt), List-Unsubscribe with the message's
one-click URL and a mailto: fallback, and List-Unsubscribe-Post (RFC 8058) when tracking is on.

AVENIR_TRACKING_URL   the public base URL of `avenir tracking` (`avenir up` sets the local one): opens,
                      clicks and one-click unsubscribes come back to {base}/rpc/...; unset: no pixel,
                      links left as written, List-Unsubscribe is mailto: only
"""

from __future__ import annotations

import html
import os
import re
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import quote

_TAGS = re.compile(r"<[^>]+>")


def tracking_url() -> str | None:
    return (os.environ.get("AVENIR_TRACKING_URL") or "").strip().rstrip("/") or None


def _text_of(page: str) -> str:
    """A plain part for an HTML-only e-mail: paragraphs and breaks kept as new lines, tags dropped."""
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", page)
    return html.unescape(_TAGS.sub("", text)).strip() + "\n"


def outreach_message(piece: dict, from_address: str) -> EmailMessage:
    """`piece`: begin_outreach_send's answer (action send)."""
    token = piece["token"]
    mailto = f"mailto:{from_address}?subject={quote(f'unsubscribe {token}')}"
    one_click = piece.get("unsubscribe_url")

    message = EmailMessage()
    message["Subject"] = piece["subject"] or ""
    message["From"] = formataddr((piece.get("from_name") or "", from_address))
    message["To"] = formataddr((piece.get("to_name") or "", piece["to"]))
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = piece["message_id"]
    message["List-Unsubscribe"] = f"<{one_click}>, <{mailto}>" if one_click else f"<{mailto}>"
    if one_click:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if piece.get("in_reply_to"):  # a follow-up, in the first e-mail's thread
        message["In-Reply-To"] = piece["in_reply_to"]
        message["References"] = piece["in_reply_to"]
    page = piece.get("html")
    message.set_content(piece.get("text") or _text_of(page or ""))
    if page:
        message.add_alternative(page, subtype="html")
    message["Content-Language"] = piece.get("language") or "en"  # after the parts: set_content drops Content-*
    return message
