"""The tracking endpoints as an ASGI app: what a mail client does with an outreach e-mail.

    GET  /rpc/track_open?t=TOKEN              the open pixel: a 1x1 GIF, never cached
    GET  /rpc/track_click?t=TOKEN&l=N         302 to link N of that message (the link as sent), else 404
    POST /rpc/unsubscribe_outreach?t=TOKEN    RFC 8058 one-click (body List-Unsubscribe=One-Click): 200
    GET  /rpc/unsubscribe_outreach?t=TOKEN    a page with the same one-click button (a GET never unsubscribes:
                                              link scanners fetch URLs)

The paths are the ones the database writes into the message (functions/outreach_sending.sql), so
AVENIR_TRACKING_URL is this service's base. Every rule stays in the SQL functions; this app only
checks the shapes before any database work (a malformed token or link number is a 404 without a
query), bounds the body, and turns the answers into an image, a redirect or a page. The caller's
address reaches the functions as the gateway's would (request.headers: X-Forwarded-For, X-Real-IP,
else the peer's address), so the per-address tracking budget (PT429: 429 with Retry-After) is the
same rule on both paths.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from avenir_gateway.db import idle_connection_alive
from avenir_gateway.sql_files import NamedQueries

QUERIES = NamedQueries(__package__, "queries.sql")
LOG = logging.getLogger("avenir.tracking")
APPLICATION_NAME = "avenir tracking"  # its connections in pg_stat_activity

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # private.new_tracking_token(): 24 random bytes, base64url
LINK = re.compile(r"[1-9][0-9]{0,3}")
MAX_BODY = 1024  # an RFC 8058 body is 26 bytes; a multipart one a few hundred
MAX_USER_AGENT = 500  # what record_tracking_event keeps
# The smallest transparent GIF (1x1, one transparent colour).
PIXEL = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
         b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
NO_STORE = [(b"cache-control", b"no-store, private, max-age=0"), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer")]
TEXT = b"text/plain; charset=utf-8"
UNKNOWN = b"unknown tracking link / lien inconnu\n"
TOO_MANY = b"too many requests from this address / trop de demandes depuis cette adresse\n"
FORWARDED = (b"x-forwarded-for", b"x-real-ip", b"user-agent")  # what the functions read of the request
DONE = ("You will receive no more e-mails from this sender.\n"
        "Vous ne recevrez plus d'e-mails de cet exp\u00e9diteur.\n").encode()
PAGE = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Unsubscribe / D\u00e9sinscription</title>"
        "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
        "<button>Unsubscribe / Me d\u00e9sinscrire</button></form></html>\n").encode()
PAGE_CSP = b"default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]


class TooLarge(Exception):
    pass


class Tracking:
    """The ASGI app; `pool` opens in the lifespan (AVENIR_DB_URL, the authenticator, set to anon)."""

    def __init__(self, db_url: str, pool_size: int = 4) -> None:
        self.pool = AsyncConnectionPool(db_url, min_size=1, max_size=pool_size, open=False, timeout=5,
                                        kwargs={"autocommit": True, "row_factory": dict_row,
                                                "application_name": APPLICATION_NAME},
                                        configure=self._configure, check=self.check_connection)

    @staticmethod
    async def _configure(conn: psycopg.AsyncConnection) -> None:
        await conn.execute(QUERIES["set_role"])

    @staticmethod
    async def check_connection(conn: psycopg.AsyncConnection) -> None:
        """The pool's check of a connection before each request, as the gateway's: nothing is sent (the pool's
        own check_connection sent an empty query, one more round trip to the database in every request's
        path). One the server closed while idle is closed here, so the pool drops it and the request takes
        the next one."""
        if not idle_connection_alive(conn):
            await conn.close()
            raise psycopg.OperationalError("the server closed this pooled connection")

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.pool.open(wait=False)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        method, path = scope["method"], scope["path"]
        try:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"), max_num_fields=4)
        except ValueError:  # more fields than any link of ours has
            query = {}
        token = _one(query, "t")
        if path not in ("/rpc/track_open", "/rpc/track_click", "/rpc/unsubscribe_outreach"):
            return await _answer(send, 404, b"not found\n")
        allowed = ("POST", "GET") if path == "/rpc/unsubscribe_outreach" else ("GET",)
        if method not in allowed:
            return await _answer(send, 405, b"method not allowed\n", [(b"allow", ", ".join(allowed).encode())])
        if token is None or not TOKEN.fullmatch(token):
            return await _answer(send, 404, UNKNOWN)
        headers = _request_headers(scope)
        if path == "/rpc/track_open":
            agent = _header(scope, b"user-agent")
            if await self._call(send, "track_open", {"t": token, "user_agent": agent[:MAX_USER_AGENT] or None,
                                                     "headers": headers}):
                await _answer(send, 200, PIXEL, content_type=b"image/gif")
        elif path == "/rpc/track_click":
            link = _one(query, "l")
            if link is None or not LINK.fullmatch(link):
                return await _answer(send, 404, UNKNOWN)
            answer = await self._call(send, "track_click", {"t": token, "l": int(link), "headers": headers})
            if answer:
                target = answer["location"]
                if not isinstance(target, str) or any(ord(c) < 0x21 or ord(c) == 0x7F for c in target):
                    return await _answer(send, 404, UNKNOWN)  # never a header made of what was stored
                await _answer(send, 302, b"", [(b"location", target.encode("utf-8"))])
        elif method == "GET":  # the unsubscribe page: no database work, the POST does it
            await _answer(send, 200, PAGE, [(b"content-security-policy", PAGE_CSP)],
                          content_type=b"text/html; charset=utf-8")
        else:
            try:
                body = await _body(scope, receive)
            except TooLarge:
                return await _answer(send, 413, b"body too large / corps trop grand\n")
            if not _one_click(_header(scope, b"content-type"), body):
                return await _answer(send, 400, b"expected List-Unsubscribe=One-Click (RFC 8058) / "
                                                b"attendu List-Unsubscribe=One-Click\n")
            if await self._call(send, "unsubscribe", {"t": token, "headers": headers}):
                await _answer(send, 200, DONE)

    async def _call(self, send: Send, name: str, args: dict[str, Any]) -> dict[str, Any] | None:
        """The function's answer, or None once an error was answered (PT404: 404, PT429: 429; the rest 503)."""
        try:
            async with self.pool.connection() as conn:
                row = await (await conn.execute(QUERIES[name], args)).fetchone()
            answer = row["answer"]
            code = answer.get("code") if isinstance(answer, dict) else None
            if code == "PT404":
                await _answer(send, 404, UNKNOWN)
                return None
            if code == "PT429":
                await _answer(send, 429, TOO_MANY, [(b"retry-after", _retry_after(row["headers"]).encode())])
                return None
            return answer
        except psycopg.Error as e:
            LOG.warning("tracking %s failed: %s %s", name, e.sqlstate, str(e).splitlines()[0][:200] if str(e) else "")
        except PoolTimeout:
            LOG.warning("tracking %s: no database connection within the pool timeout", name)
        await _answer(send, 503, b"try again later / reessayez plus tard\n", [(b"retry-after", b"5")])
        return None


def _request_headers(scope: dict[str, Any]) -> str:
    """request.headers for the functions, as the gateway sets it: the proxy's address headers, else the peer."""
    headers = {}
    for key, value in scope["headers"]:
        if key in FORWARDED and key.decode() not in headers:
            headers[key.decode()] = value.decode("latin-1")[:MAX_USER_AGENT]
    if "x-forwarded-for" not in headers and "x-real-ip" not in headers and scope.get("client"):
        headers["x-real-ip"] = scope["client"][0]
    return json.dumps(headers)


def _retry_after(headers: str | None) -> str:
    """The Retry-After the function set (response.headers: a JSON array of one-key objects), else 60."""
    try:
        for item in json.loads(headers or "[]"):
            if "Retry-After" in item and str(item["Retry-After"]).isdigit():
                return str(item["Retry-After"])
    except (ValueError, TypeError, AttributeError):
        pass
    return "60"


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values and len(values) == 1 else None


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return ""


async def _body(scope: dict[str, Any], receive: Receive) -> bytes:
    declared = _header(scope, b"content-length")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _one_click(content_type: str, body: bytes) -> bool:
    """RFC 8058: the POST carries List-Unsubscribe=One-Click, url-encoded or as multipart/form-data."""
    kind = content_type.split(";", 1)[0].strip().lower()
    text = body.decode("utf-8", "replace")
    if kind == "application/x-www-form-urlencoded":
        try:
            return "One-Click" in parse_qs(text, max_num_fields=8).get("List-Unsubscribe", [])
        except ValueError:
            return False
    if kind == "multipart/form-data":
        return re.search(r'name="?List-Unsubscribe"?\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n', text) is not None
    return False


async def _answer(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None,
                  content_type: bytes = TEXT) -> None:
    with contextlib.suppress(OSError):
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                                *NO_STORE, *(headers or [])]})
        await send({"type": "http.response.body", "body": body})
