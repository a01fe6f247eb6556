"""The outreach e-mail as it leaves: the pieces begin_outreach_send returns, made a MIME message.

The database renders and tracks (functions/outreach_sending.sql: the template, the links rewritten
to the click endpoint, the open pixel); this module only assembles the message: a Message-ID
derived from the e-mail (the same on every attempt), List-Unsubscribe with the message's
one-click URL and a mailto: fallback, and List-Unsubscribe-Post (RFC 8058) when tracking is on.

`outreach_raw` writes the bytes directly (multipart/alternative, quoted-printable UTF-8 parts, RFC 2047
headers where needed): the email package's EmailMessage costs several milliseconds a message, more than
everything else of a send. `outreach_message` is the same message through the email package, kept for
addresses the direct writer does not handle (non-ASCII addresses) and as the reference of the tests.

AVENIR_TRACKING_URL   the public base URL of `avenir tracking` (`avenir up` sets the local one): opens,
                      clicks and one-click unsubscribes come back to {base}/rpc/...; unset: no pixel,
                      links left as written, List-Unsubscribe is mailto: only
"""

from __future__ import annotations

import base64
import binascii
import html
import os
import re
import secrets
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import quote

from .base import RawMessage

_TAGS = re.compile(r"<[^>]+>")


def tracking_url() -> str | None:
    return (os.environ.get("AVENIR_TRACKING_URL") or "").strip().rstrip("/") or None


def _text_of(page: str) -> str:
    """A plain part for an HTML-only e-mail: paragraphs and breaks kept as new lines, tags dropped."""
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", page)
    return html.unescape(_TAGS.sub("", text)).strip() + "\n"


def _unsubscribe(piece: dict, from_address: str) -> tuple[str, str | None]:
    """(List-Unsubscribe's value, the one-click URL or None)."""
    token = piece["token"]
    mailto = f"mailto:{from_address}?subject={quote(f'unsubscribe {token}')}"
    one_click = piece.get("unsubscribe_url")
    return (f"<{one_click}>, <{mailto}>" if one_click else f"<{mailto}>"), one_click


def outreach_message(piece: dict, from_address: str) -> EmailMessage:
    """`piece`: begin_outreach_send's answer (action send)."""
    unsubscribe, one_click = _unsubscribe(piece, from_address)

    message = EmailMessage()
    message["Subject"] = piece["subject"] or ""
    message["From"] = formataddr((piece.get("from_name") or "", from_address))
    message["To"] = formataddr((piece.get("to_name") or "", piece["to"]))
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = piece["message_id"]
    message["List-Unsubscribe"] = unsubscribe
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


def _one_line(value: str) -> str:
    return " ".join(value.split())  # no CR / LF can reach a header (no header injection)


def _encoded_words(value: str) -> list[str]:
    """RFC 2047 B-encoded words of at most 45 UTF-8 bytes each (72 characters), split between characters."""
    words, chunk, size = [], [], 0
    for ch in value:
        n = len(ch.encode("utf-8"))
        if size + n > 45:
            words.append(chunk)
            chunk, size = [], 0
        chunk.append(ch)
        size += n
    words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(''.join(w).encode('utf-8')).decode('ascii')}?=" for w in words if w]


def _header(name: str, value: str) -> bytes:
    """`Name: value` folded near 78 columns (at spaces), RFC 2047 encoded words when the value is not ASCII."""
    value = _one_line(value)
    words = value.split(" ") if value.isascii() else _encoded_words(value)
    lines, line = [], f"{name}:"
    for word in words:
        if len(line) + 1 + len(word) > 78 and line != f"{name}:":
            lines.append(line)
            line = ""
        line += " " + word
    lines.append(line)
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _address(name: str | None, address: str) -> str:
    return formataddr((_one_line(name or ""), address))  # a non-ASCII name becomes an RFC 2047 word


def _part(subtype: str, body: str) -> bytes:
    lines = body.replace("\r\n", "\n").replace("\r", "\n")
    if not lines.endswith("\n"):
        lines += "\n"  # as the email package ends a part
    encoded = binascii.b2a_qp(lines.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")
    return (f"Content-Type: text/{subtype}; charset=\"utf-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode("ascii") + encoded + b"\r\n"


def outreach_raw(piece: dict, from_address: str) -> RawMessage:
    """`piece`: begin_outreach_sends' item (action send), as bytes ready for the wire."""
    to = piece["to"]
    if not (to.isascii() and from_address.isascii()):
        return RawMessage(piece["message_id"], from_address, to, outreach_message(piece, from_address).as_bytes())
    unsubscribe, one_click = _unsubscribe(piece, from_address)
    page = piece.get("html")
    boundary = f"=_avenir_{secrets.token_hex(12)}"
    head = [_header("Subject", piece["subject"] or ""),
            f"From: {_address(piece.get('from_name'), from_address)}\r\n".encode("ascii"),
            f"To: {_address(piece.get('to_name'), to)}\r\n".encode("ascii"),
            f"Date: {formatdate(localtime=False)}\r\n".encode("ascii"),
            _header("Message-ID", piece["message_id"]),
            ("List-Unsubscribe: " + unsubscribe.replace(", ", ",\r\n ") + "\r\n").encode("ascii"),
            b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" if one_click else b""]
    if piece.get("in_reply_to"):  # a follow-up, in the first e-mail's thread
        head += [_header("In-Reply-To", piece["in_reply_to"]), _header("References", piece["in_reply_to"])]
    head.append(b"MIME-Version: 1.0\r\n")
    text = _part("plain", piece.get("text") or _text_of(page or ""))
    if page:
        head.append(f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n".encode("ascii"))
        body = b"".join((f"--{boundary}\r\n".encode("ascii"), text, f"--{boundary}\r\n".encode("ascii"),
                         _part("html", page), f"--{boundary}--\r\n".encode("ascii")))
    else:
        head.append(text[:text.index(b"\r\n\r\n") + 2])  # the part's own headers become the message's
        body = text[text.index(b"\r\n\r\n") + 4:-2]
    head.append(_header("Content-Language", piece.get("language") or "en"))
    return RawMessage(piece["message_id"], from_address, to, b"".join(head) + b"\r\n" + body)
