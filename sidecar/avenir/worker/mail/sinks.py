"""Senders that need no mail server: `file:DIR` (one .eml per message) and `log:` (headers logged)."""

from __future__ import annotations

import asyncio
import hashlib
from email.message import EmailMessage
from pathlib import Path

from ..logs import log
from .base import UNKNOWN, RawMessage, Receipt, Sender


class FileSender(Sender):
    name = "file"

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    def _path(self, message_id: str) -> Path:
        # Named by the Message-ID, so lookup() can tell whether it was written.
        return self.directory / f"{hashlib.sha256(message_id.encode()).hexdigest()[:32]}.eml"

    async def _write(self, message_id: str, data: bytes) -> Receipt:
        path = self._path(message_id)

        def write() -> None:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # atomic: a crash leaves no half message

        await asyncio.to_thread(write)
        return Receipt(message_id)

    async def send(self, message: EmailMessage) -> Receipt:
        return await self._write(message["Message-ID"], message.as_bytes())

    async def send_raw(self, message: RawMessage) -> Receipt:
        return await self._write(message.message_id, message.data)

    async def lookup(self, message_id: str):
        return Receipt(message_id) if self._path(message_id).exists() else None

    def describe(self) -> str:
        return f"file: one .eml per message in {self.directory} (no mail server)"


class LogSender(Sender):
    name = "log"

    async def send(self, message: EmailMessage) -> Receipt:
        log("info", "mail_logged", message_id=message["Message-ID"], to=message["To"], subject=message["Subject"],
            language=message["Content-Language"], note="AVENIR_MAIL_URL=log: nothing was sent")
        return Receipt(message["Message-ID"])

    async def lookup(self, message_id: str):
        return UNKNOWN

    def describe(self) -> str:
        return ("log: no mail server, nothing is sent; replies are written to the worker's log "
                "(set AVENIR_MAIL_URL to send)")
