"""What every mail sender offers the email_response handler."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser


@dataclass(frozen=True)
class Receipt:
    """What a sender knows of a message that left: its ids at the provider (Gmail) when any."""

    message_id: str
    thread_id: str | None = None
    provider_message_id: str | None = None


@dataclass(frozen=True)
class RawMessage:
    """A message already in its RFC 5322 form (CRLF line ends) with its envelope: an outreach e-mail as
    the batch sender hands it over (no EmailMessage round trip: the email package costs milliseconds)."""

    message_id: str
    envelope_from: str
    recipient: str
    data: bytes

    def parsed(self) -> EmailMessage:
        return BytesParser(policy=policy.default).parsebytes(self.data)


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

    async def send_raw(self, message: RawMessage) -> Receipt:
        """Send a message already rendered; by default parsed back and sent as send() sends."""
        return await self.send(message.parsed())

    async def send_many(self, messages: Sequence[RawMessage], results: list) -> None:
        """Send in order, appending each message's Receipt or MailRefused to `results` as it goes. Stops at the
        first MailNotSent (appended: that one and the rest did not leave) or a broken exchange (raised: that one
        may have left). A message with no entry in `results` was not attempted."""
        for message in messages:
            try:
                results.append(await self.send_raw(message))
            except MailRefused as e:
                results.append(e)
            except MailNotSent as e:
                results.append(e)
                return

    async def lookup(self, message_id: str) -> Receipt | None | _Unknown:
        """Whether a message with this Message-ID already left."""
        return UNKNOWN

    def describe(self) -> str:
        """Where mail goes, without secrets (said at the worker's start)."""
        return self.name
