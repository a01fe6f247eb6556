"""Stand-ins for the mail services outside the machine: a real SMTP server (aiosmtpd) with
STARTTLS and AUTH on loopback, and the Gmail API's users.messages send/list on loopback."""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import socket
import ssl
import subprocess
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from http_stub import HttpStub, Reply, Request

USER, PASSWORD = "mailer", "s3cret-pw"


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (openssl, as a mail host would have one)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


class SmtpHandler:
    """Accepts mail for any recipient except those starting with `refuse`; keeps what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []
        self.on_data: Callable[[], None] | None = None  # called after the message is kept, before the 250
        self.sessions_tls: list[bool] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        self.sessions_tls.append(session.ssl is not None)
        if self.on_data:
            self.on_data()
        return "250 2.0.0 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [parse(raw) for _, raw in self.received]


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # unhandled: the server answers 535 itself


class SmtpServer:
    """aiosmtpd on 127.0.0.1: STARTTLS offered and required before AUTH, AUTH required."""

    def __init__(self, certdir: Path, implicit_tls: bool = False) -> None:
        cert, key = self_signed(certdir)
        self.ca_file = cert
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.handler = SmtpHandler()
        # With implicit TLS aiosmtpd does not see the TLS layer itself: AUTH is over TLS all the same.
        tls = {"ssl_context": context, "auth_require_tls": False} if implicit_tls else {
            "tls_context": context, "require_starttls": True, "auth_require_tls": True}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, authenticator=_authenticate,
                                     auth_required=True, server_hostname="127.0.0.1",
                                     # AUTH PLAIN only: smtplib would retry a refused password with LOGIN
                                     auth_exclude_mechanism=["LOGIN"], **tls)
        self.scheme = "smtps" if implicit_tls else "smtp"

    def url(self, user: str = USER, password: str = PASSWORD) -> str:
        return f"{self.scheme}://{user}:{password}@127.0.0.1:{self.port}?ca_file={self.ca_file}"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class GmailStub(HttpStub):
    """users.messages.send, users.messages.list (q=rfc822msgid:, or any other q: the inbox) and
    users.messages.get?format=raw for the token TOKEN. `receive(raw, thread_id)` puts a message in the inbox."""

    TOKEN = "ya29.test-access-token"

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict] = []
        self.ids = itertools.count(1)
        self.on_send: Callable[[], None] | None = None
        self.inbox: list[dict] = []

    def receive(self, raw: bytes, thread_id: str) -> str:
        message_id = f"19d{next(self.ids):013x}"
        self.inbox.append({"id": message_id, "threadId": thread_id, "raw": raw})
        return message_id

    @staticmethod
    def _error(code: int, status: str, message: str) -> Reply:
        return Reply(status=code, body={"error": {"code": code, "message": message, "status": status,
                                                  "errors": [{"message": message, "domain": "global",
                                                              "reason": status.lower()}]}})

    def respond(self, request: Request) -> Reply:
        if request.headers.get("authorization") != f"Bearer {self.TOKEN}":
            return self._error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        if request.method == "POST" and request.path == "/gmail/v1/users/me/messages/send":
            message = parse(base64.urlsafe_b64decode(request.body["raw"]))
            if str(message["To"]).split("<")[-1].startswith("refuse"):
                return self._error(400, "INVALID_ARGUMENT", "Invalid To header")
            n = next(self.ids)
            sent = {"id": f"18c{n:013x}", "threadId": f"18c{n:013x}", "labelIds": ["SENT"], "message": message}
            self.sent.append(sent)
            if self.on_send:
                self.on_send()
            return Reply(body={k: sent[k] for k in ("id", "threadId", "labelIds")})
        if request.method == "GET" and request.path == "/gmail/v1/users/me/messages" and not request.query.get(
                "q", "").startswith("rfc822msgid:"):
            # The inbox, newest first, in pages of maxResults (the real API's nextPageToken).
            start, size = int(request.query.get("pageToken", 0)), int(request.query.get("maxResults", 100))
            page = list(reversed(self.inbox))[start:start + size]
            body = {"messages": [{"id": m["id"], "threadId": m["threadId"]} for m in page],
                    "resultSizeEstimate": len(self.inbox)}
            if start + size < len(self.inbox):
                body["nextPageToken"] = str(start + size)
            return Reply(body=body)
        if request.method == "GET" and request.path.startswith("/gmail/v1/users/me/messages/"):
            found = next((m for m in self.inbox if m["id"] == request.path.rsplit("/", 1)[1]), None)
            if found is None or request.query.get("format") != "raw":
                return self._error(404, "NOT_FOUND", "Requested entity was not found.")
            return Reply(body={"id": found["id"], "threadId": found["threadId"], "labelIds": ["INBOX"],
                               "raw": base64.urlsafe_b64encode(found["raw"]).decode().rstrip("=")})
        if request.method == "GET" and request.path == "/gmail/v1/users/me/messages":
            wanted = request.query.get("q", "").removeprefix("rfc822msgid:")
            found = [{"id": s["id"], "threadId": s["threadId"]} for s in self.sent
                     if s["message"]["Message-ID"].strip("<>") == wanted]
            return Reply(body={"messages": found, "resultSizeEstimate": len(found)} if found
                         else {"resultSizeEstimate": 0})
        return self._error(404, "NOT_FOUND", f"no route {request.method} {request.path}")
