"""What every mail sender offers the email_response handler."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class Receipt:
    """What a sender knows of a message that left: its ids at the provider (Gmail) when any."""

    message_id: str
    thread_id: str | None = None
    provider_message_id: str | None = None


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()  # lookup(): this sender cannot tell whether a message left


class MailRefused(Exception):
    """The server refused the message for good (e.g. an unknown recipient): do not retry."""


class MailNotSent(Exception):
    """The message certainly did not leave (no connection, refused before the data): a retry may send."""


class Sender(ABC):
    name: str  # smtp | gmail | file | log (private.lead_replies.sender)

    @abstractmethod
    async def send(self, message: EmailMessage) -> Receipt:
        """Send one message; raise MailRefused / MailNotSent when it is known not to have left."""

    async def lookup(self, message_id: str) -> Receipt | None | _Unknown:
        """Whether a message with this Message-ID already left."""
        return UNKNOWN

    def describe(self) -> str:
        """Where mail goes, without secrets (said at the worker's start)."""
        return self.name
