"""Limits on what a stranger can send before the application sees a request: the time to send the
request head (slowloris), the head's size (431), the URL's length (414), and malformed HTTP (400),
each answered in PostgREST's JSON error shape and followed by closing the connection.

uvicorn's httptools protocol, with these limits added: uvicorn alone holds a connection that never
completes its head forever and buffers a head of any size. It also cancels the running request of a
connection that is lost (app.py registers its task in the scope)."""

from __future__ import annotations

import asyncio
import http

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .errors import ApiError, http_error

# Where the application puts its running task in the ASGI scope, and where the protocol says the client left.
TASK_KEY = "avenir.task"
GONE_KEY = "avenir.client_gone"
# The limits of one server, set by server.py from the config before uvicorn creates a protocol.
LIMITS = {"head_timeout": 10.0, "max_head": 16384, "max_url": 8192}


def raw_response(err: ApiError) -> bytes:
    """A complete HTTP/1.1 response that closes the connection (no ASGI cycle is running)."""
    body = err.body()
    return b"".join([
        f"HTTP/1.1 {err.status} {http.HTTPStatus(err.status).phrase}\r\n".encode(),
        b"content-type: application/json; charset=utf-8\r\n",
        f"proxy-status: PostgREST; error={err.code}\r\n".encode(),
        f"content-length: {len(body)}\r\n".encode(), b"connection: close\r\n\r\n", body])


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """One connection: a deadline for each request head, bounded head and URL sizes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._in_head = True  # between a request's first byte (or the connection's start) and its headers
        self._head_bytes = 0

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc) -> None:
        """A client that leaves before its answer cancels the application's task (and so its statement):
        cheaper than a second task per request watching `receive()` for the disconnect."""
        self._disarm_head_timer()
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            task = cycle.scope.get(TASK_KEY)
            if task is not None and not task.done():
                cycle.scope[GONE_KEY] = True
                task.cancel()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(LIMITS["head_timeout"], self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._head_bytes:  # a request was started but its head never completed
            self._refuse(http_error(408, "Request head not received in time"))
        elif not self.transport.is_closing():
            self.transport.close()  # an idle connection that never sent a byte

    def _refuse(self, err: ApiError) -> None:
        self._disarm_head_timer()
        if not self.transport.is_closing():
            self.transport.write(raw_response(err))
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            if len(getattr(self, "url", b"")) > LIMITS["max_url"]:
                self._refuse(http_error(414, "URI too long"))
            elif self._head_bytes > LIMITS["max_head"] + LIMITS["max_url"]:
                self._refuse(http_error(431, "Request header fields too large"))

    def send_400_response(self, msg: str) -> None:
        self._refuse(http_error(400, "Invalid HTTP request received"))

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        if self._head_timer is None:
            self._arm_head_timer()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        self._disarm_head_timer()
        if len(self.url) > LIMITS["max_url"]:
            self._refuse(http_error(414, "URI too long"))
            return
        if sum(len(k) + len(v) + 4 for k, v in self.headers) > LIMITS["max_head"]:
            self._refuse(http_error(431, "Request header fields too large"))
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if self.transport.is_closing():
            return
        super().on_body(body)

    def on_message_complete(self) -> None:
        if self.transport.is_closing():
            return
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # The keep-alive timer of uvicorn covers the idle time; the head timer restarts at the next byte.
        self._in_head = True
        self._head_bytes = 0
