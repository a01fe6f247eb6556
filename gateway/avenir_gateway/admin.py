"""The admin server (`admin-server-port`, on `admin-server-host` or else `server-host`): PostgREST v13's
health, metrics and introspection answers on a listener of their own, apart from the API.

- `/live`: 200 while the API's listener accepts connections, else 500;
- `/ready`: 500 when not live; 503 while the database is unreachable or no schema cache is loaded yet;
  else 200;
- `/metrics`: Prometheus text with PostgREST's metric names (schema cache loads and query time, pool
  size, available connections, waiting requests, acquisition timeouts, the JWT cache's lookups, hits
  and evictions);
- `/config`: the effective configuration in postgrest.conf syntax, secrets masked (config.dump_text);
- `/schema_cache`: the schema cache as JSON;
- any other path: 404. Every method is answered as GET (as PostgREST's), HEAD without a body. Bodies are
  never read: each answer closes its connection.

A small HTTP/1.x reader of its own on asyncio's streams, in the API's event loop, so it reads the live
pool and schema cache; the API's hot path knows nothing of it. With `server-workers` > 1 the first
worker serves it (server.py): its figures are that worker's pool and cache (each worker has its own,
of the same size), and /live and /ready speak for the whole process, which stops when any worker dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from http import HTTPStatus
from urllib.parse import unquote

import orjson

from .config import Config, dump_text

log = logging.getLogger("avenir_gateway.admin")

HEAD_LIMIT = 8192  # bytes of request line and headers
HEAD_TIMEOUT = 5.0  # seconds to send them
LIVE_TIMEOUT = 1.0  # seconds to connect to the API's listener
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"
# name, type, help (PostgREST's names; the help in our words)
METRICS = (
    ("pgrst_schema_cache_query_time_seconds", "gauge", "Seconds the last successful schema cache load took"),
    ("pgrst_schema_cache_loads_total", "counter", "Schema cache loads, by outcome"),
    ("pgrst_db_pool_timeouts_total", "counter",
     "Requests that waited for a pool connection longer than db-pool-acquisition-timeout"),
    ("pgrst_db_pool_available", "gauge", "Idle connections of the pool, ready for a request"),
    ("pgrst_db_pool_waiting", "gauge", "Requests waiting for a pool connection"),
    ("pgrst_db_pool_max", "gauge", "The pool's size (db-pool)"),
    ("pgrst_jwt_cache_requests_total", "counter", "Lookups of a request's token among the verified ones"),
    ("pgrst_jwt_cache_hits_total", "counter", "Lookups that found the token verified already"),
    ("pgrst_jwt_cache_evictions_total", "counter", "Verified tokens dropped to make room (jwt-cache-max-entries)"),
)


class AdminServer:
    def __init__(self, gateway, cfg: Config):
        self.gateway = gateway
        self.cfg = cfg
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._connection, self.cfg.admin_bind_host,
                                                  self.cfg.admin_server_port, reuse_address=True,
                                                  limit=HEAD_LIMIT)
        log.info("admin server listening on %s:%s", self.cfg.admin_bind_host, self.cfg.admin_server_port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                async with asyncio.timeout(HEAD_TIMEOUT):
                    head = await reader.readuntil(b"\r\n\r\n")
            except TimeoutError:
                await _write(writer, 408, "", b"", head_only=False)
                return
            except asyncio.LimitOverrunError:
                await _write(writer, 431, "", b"", head_only=False)
                return
            except asyncio.IncompleteReadError:
                return  # the client left
            parts = head.split(b"\r\n", 1)[0].split(b" ")
            if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
                await _write(writer, 400, "", b"", head_only=False)
                return
            method = parts[0].decode("latin-1")
            path = unquote(parts[1].decode("latin-1").split("?", 1)[0])
            status, content_type, body = await self.answer(path)
            await _write(writer, status, content_type, body, head_only=method == "HEAD")
        except (ConnectionError, OSError):
            pass
        except Exception:
            log.exception("admin server: internal error")
            with contextlib.suppress(Exception):
                await _write(writer, 500, "", b"", head_only=False)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def answer(self, path: str) -> tuple[int, str, bytes]:
        """(status, Content-Type, body) of a path."""
        if path == "/live":
            return (200 if await self.live() else 500), "", b""
        if path == "/ready":
            return await self.ready(), "", b""
        if path == "/metrics":
            return 200, PROMETHEUS_TEXT, self.metrics().encode()
        if path == "/config":
            return 200, "text/plain; charset=utf-8", dump_text(self.gateway.cfg).encode()
        if path == "/schema_cache":
            cache = self.gateway.cache.current
            body = b"" if cache is None else orjson.dumps(_jsonable(cache))
            return 200, "application/json; charset=utf-8", body
        return 404, "", b""

    async def live(self) -> bool:
        """Whether the API's listener accepts a connection (nothing is sent on it)."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.cfg.bind_host, self.cfg.bind_host)
        try:
            async with asyncio.timeout(LIVE_TIMEOUT):
                _, writer = await asyncio.open_connection(host, self.cfg.server_port)
        except (OSError, TimeoutError):
            return False
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
        return True

    async def ready(self) -> int:
        if not await self.live():
            return 500
        gw = self.gateway
        if gw.cache.current is None or not gw.cache.connected or not gw.db.healthy:
            return 503
        return 200

    def metrics(self) -> str:
        gw = self.gateway
        stats = gw.db.pool.get_stats()
        loads = gw.cache.loads
        jwt = gw.auth.counters
        values = {
            "pgrst_schema_cache_query_time_seconds": [("", gw.cache.load_seconds)],
            "pgrst_schema_cache_loads_total": [(f'{{status="{k}"}}', loads[k]) for k in sorted(loads)],
            "pgrst_db_pool_timeouts_total": [("", gw.db.timeouts)],
            "pgrst_db_pool_available": [("", stats.get("pool_available", 0))],
            "pgrst_db_pool_waiting": [("", stats.get("requests_waiting", 0) + gw.db.shared_waiting)],
            "pgrst_db_pool_max": [("", gw.cfg.db_pool)],
            "pgrst_jwt_cache_requests_total": [("", jwt.requests)],
            "pgrst_jwt_cache_hits_total": [("", jwt.hits)],
            "pgrst_jwt_cache_evictions_total": [("", jwt.evictions)],
        }
        lines = []
        for name, kind, help_text in METRICS:
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
            lines += [f"{name}{labels} {float(value)}" for labels, value in values[name]]
        return "\n".join(lines) + "\n"


async def _write(writer: asyncio.StreamWriter, status: int, content_type: str, body: bytes, head_only: bool) -> None:
    head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", f"Content-Length: {len(body)}", "Connection: close"]
    if content_type:
        head.append(f"Content-Type: {content_type}")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (b"" if head_only else body))
    await writer.drain()


def _jsonable(value):
    """The schema cache's dataclasses as JSON values: tuple keys joined with a dot, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {_key(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=orjson.dumps)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _key(key) -> str:
    if isinstance(key, tuple):
        return ".".join("*" if k is None else _key(k) for k in key)
    return "*" if key is None else str(key)
