"""`smtp://` and `smtps://` senders (stdlib smtplib in a thread; open connections kept and reused; a
batch of outreach messages goes over one connection in one thread).

    smtp://[USER:PASSWORD@]HOST[:PORT][?starttls=auto|require|off][&ca_file=PATH][&timeout=S]
    smtps://[USER:PASSWORD@]HOST[:PORT][?ca_file=PATH][&timeout=S]

smtp:// upgrades with STARTTLS when the server offers it (auto, the default), insists (require)
or never does (off); it refuses to send a password over a connection that is not encrypted.
smtps:// is TLS from the first byte (port 465). Certificates are verified (ca_file adds a CA).
"""

from __future__ import annotations

import asyncio
import contextlib
import smtplib
import ssl
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from ...errors import AvenirError
from .base import MailNotSent, MailRefused, RawMessage, Receipt, Sender

STARTTLS_MODES = ("auto", "require", "off")
IDLE_CONNECTIONS = 4  # kept open between messages, at most (the worker's default concurrency)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool
    starttls: str
    username: str | None
    password: str | None
    ca_file: str | None
    timeout: float

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        parts = urlsplit(url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        implicit = parts.scheme == "smtps"
        starttls = query.get("starttls", "auto")
        if starttls not in STARTTLS_MODES:
            raise AvenirError(f"AVENIR_MAIL_URL: starttls={starttls!r}; use one of {', '.join(STARTTLS_MODES)}")
        if not parts.hostname:
            raise AvenirError("AVENIR_MAIL_URL: smtp:// needs a host, e.g. smtp://user:password@mail.example:587")
        try:
            timeout = float(query.get("timeout", 30))
        except ValueError:
            raise AvenirError("AVENIR_MAIL_URL: timeout must be a number of seconds") from None
        return cls(host=parts.hostname, port=parts.port or (465 if implicit else 25), implicit_tls=implicit,
                   starttls="off" if implicit else starttls,
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None,
                   ca_file=query.get("ca_file"), timeout=timeout)


class SmtpSender(Sender):
    name = "smtp"

    def __init__(self, url: str) -> None:
        self.settings = SmtpSettings.from_url(url)
        # Open connections kept between messages (a handshake + STARTTLS + AUTH per mail would cap the rate).
        self.idle: list[smtplib.SMTP] = []
        self.lock = threading.Lock()

    def _checkout(self) -> smtplib.SMTP:
        while True:
            with self.lock:
                client = self.idle.pop() if self.idle else None
            if client is None:
                return self._connect()
            try:
                if client.noop()[0] == 250:  # still alive: nothing of a message was sent on it yet
                    return client
            except (OSError, smtplib.SMTPException):
                pass
            client.close()

    def _checkin(self, client: smtplib.SMTP) -> None:
        with self.lock:
            if len(self.idle) < IDLE_CONNECTIONS:
                self.idle.append(client)
                return
        self._quit(client)

    @staticmethod
    def _quit(client: smtplib.SMTP) -> None:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()

    def _tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.ca_file)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            if s.implicit_tls:
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            client.ehlo()
            if s.starttls != "off" and (s.starttls == "require" or client.has_extn("starttls")):
                client.starttls(context=self._tls())
                client.ehlo()
            if s.username:
                if not isinstance(client.sock, ssl.SSLSocket):
                    raise MailNotSent("refusing to send SMTP credentials over an unencrypted connection")
                client.login(s.username, s.password or "")
        except (OSError, smtplib.SMTPException) as e:
            raise MailNotSent(f"SMTP connection to {s.host}:{s.port} failed: {e}") from e
        return client

    def _exchange(self, client: smtplib.SMTP, transmit: Callable[[smtplib.SMTP], object]
                  ) -> tuple[smtplib.SMTP | None, MailRefused | MailNotSent | None]:
        """One message's exchange on `client`: (the client when it may carry the next message, else None;
        the refusal when the server refused). A broken exchange closes the client and raises: the message
        may or may not have left."""
        try:
            transmit(client)
        except smtplib.SMTPRecipientsRefused as e:
            reasons = "; ".join(f"{rcpt}: {code} {msg.decode(errors='replace')}" for rcpt, (code, msg)
                                in e.recipients.items())
            return client, MailRefused(reasons)  # smtplib has already sent RSET: the connection is clean
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as e:
            reason = f"{e.smtp_code} {e.smtp_error.decode(errors='replace')}"
            # The server answered: a 5xx is final, a 4xx means "not accepted, try later".
            self._quit(client)
            return None, MailRefused(reason) if e.smtp_code >= 500 else MailNotSent(reason)
        except BaseException:
            client.close()
            raise
        return client, None

    def _send(self, message: EmailMessage) -> Receipt:
        client, refusal = self._exchange(self._checkout(), lambda c: c.send_message(message))
        if client is not None:
            self._checkin(client)
        if refusal is not None:
            raise refusal
        return Receipt(message["Message-ID"])

    async def send(self, message: EmailMessage) -> Receipt:
        return await asyncio.to_thread(self._send, message)

    def _send_many(self, messages: Sequence[RawMessage], results: list, stop: threading.Event) -> None:
        client = None
        try:
            for m in messages:
                if stop.is_set():
                    return
                if client is None:
                    try:
                        client = self._checkout()
                    except MailNotSent as e:
                        results.append(e)
                        return
                client, refusal = self._exchange(
                    client, lambda c, m=m: c.sendmail(m.envelope_from, [m.recipient], m.data))
                results.append(refusal or Receipt(m.message_id))
                if isinstance(refusal, MailNotSent):
                    return
        finally:
            if client is not None:
                self._checkin(client)

    async def send_many(self, messages: Sequence[RawMessage], results: list) -> None:
        """One connection for the whole list, in one thread (a connection per message, or a thread hop per
        message, would cap the rate); cancelled, it finishes the message on the wire and attempts no more."""
        stop = threading.Event()
        work = asyncio.ensure_future(asyncio.to_thread(self._send_many, messages, results, stop))
        try:
            await asyncio.shield(work)
        except asyncio.CancelledError:
            stop.set()
            with contextlib.suppress(Exception):
                await work
            raise

    def describe(self) -> str:
        s = self.settings
        return (f"{'smtps' if s.implicit_tls else 'smtp'}://{s.host}:{s.port} starttls={s.starttls} "
                f"auth={'yes' if s.username else 'no'}")
