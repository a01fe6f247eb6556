"""Which sender AVENIR_MAIL_URL names, and the addresses replies come from.

AVENIR_MAIL_URL          smtp://... | smtps://... | gmail:USER | file:DIR | log: (default: log:, nothing is sent)
AVENIR_MAIL_FROM         the From address of replies (default replies@avenir.localhost); the display name
                         is the client's business name; the Message-ID domain is this address's domain
AVENIR_UNSUBSCRIBE_URL   base of the one-click unsubscribe link (RFC 8058), e.g. the API's public URL;
                         unset: List-Unsubscribe carries the mailto: link only
AVENIR_GMAIL_API_URL, AVENIR_GMAIL_ACCESS_TOKEN   see avenir.worker.mail.gmail
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ...errors import AvenirError
from .base import Sender

DEFAULT_MAIL_URL = "log:"
DEFAULT_FROM = "replies@avenir.localhost"


@dataclass(frozen=True)
class MailConfig:
    url: str
    from_address: str
    unsubscribe_url: str | None

    @classmethod
    def from_env(cls) -> MailConfig:
        sender = os.environ.get("AVENIR_MAIL_FROM") or DEFAULT_FROM
        if "@" not in sender:
            raise AvenirError(f"AVENIR_MAIL_FROM={sender!r} is not an e-mail address")
        return cls(url=os.environ.get("AVENIR_MAIL_URL") or DEFAULT_MAIL_URL, from_address=sender,
                   unsubscribe_url=os.environ.get("AVENIR_UNSUBSCRIBE_URL") or None)

    @property
    def domain(self) -> str:
        return self.from_address.rpartition("@")[2]


def make_sender(url: str) -> Sender:
    scheme, _, rest = url.partition(":")
    if scheme in ("smtp", "smtps"):
        from .smtp import SmtpSender

        return SmtpSender(url)
    if scheme == "gmail":
        from .gmail import GmailSender

        return GmailSender(rest.lstrip("/") or "me", os.environ.get("AVENIR_GMAIL_API_URL"),
                           os.environ.get("AVENIR_GMAIL_ACCESS_TOKEN"))
    if scheme == "file":
        from .sinks import FileSender

        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise AvenirError("AVENIR_MAIL_URL=file:DIR needs a directory, e.g. file:.avenir/mail")
        return FileSender(path)
    if scheme == "log":
        from .sinks import LogSender

        return LogSender()
    raise AvenirError(f"AVENIR_MAIL_URL={url.split('@')[-1]!r}: use smtp://, smtps://, gmail:USER, file:DIR or log:")
