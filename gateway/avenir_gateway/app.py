"""The ASGI application: routing (§1.1), the request's plan, the transaction, the response."""

from __future__ import annotations

import asyncio
import difflib
import logging
import time
from urllib.parse import parse_qsl

import orjson
import psycopg

from . import cors, plan, rpc, rpc_arguments
from .auth import Authenticator, Identity
from .config import Config
from .db import Database
from .embed import Embedder
from .errors import ApiError, from_database, http_error, pgrst
from .request import (
    ApiRequest,
    body_text,
    classify_params,
    negotiate,
    parse_cookies,
    parse_prefer,
    range_header,
    split_path,
)
from .responses import Response, error_response, finish_read, finish_rpc, finish_write
from .schema_cache import SchemaCacheHolder
from .transaction import TxOptions, execute, finish, guc_pairs

log = logging.getLogger("avenir_gateway.access")
TABLE_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


class Gateway:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.auth = Authenticator(cfg)
        self.db = Database(cfg)
        self.cache = SchemaCacheHolder(cfg.db_uri, cfg.db_schemas, cfg.db_channel, cfg.db_channel_enabled)
        self.db.on_recovery = self._reload_after_recovery

    def _reload_after_recovery(self) -> None:
        async def reload():
            try:
                await self.cache.reload()
            except psycopg.Error as e:
                log.warning("schema cache reload after recovery failed: %s", e)
        asyncio.get_running_loop().create_task(reload())

    async def startup(self) -> None:
        await self.db.open()
        self.cache.start()

    async def shutdown(self) -> None:
        await self.cache.stop()
        await self.db.close()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        method = scope["method"]
        headers = {}
        for k, v in scope["headers"]:
            name = k.decode("latin-1").lower()
            value = v.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers and name != "cookie" else value
        origin = cors.allowed_origin(headers.get("origin"), self.cfg.server_cors_allowed_origins)
        try:
            body = await self._read_body(receive, headers)
            if body is None:
                return  # the client left before sending its body
            if origin and cors.is_preflight(method, headers):
                response = Response(200, headers=cors.preflight_headers(origin, headers))
            else:
                response = await self._handle_until_disconnect(
                    receive, self.handle(method, scope["path"], scope["query_string"].decode("latin-1"),
                                         headers, body))
                if response is None:
                    return  # the client left: its statement was cancelled, nobody to answer
        except ApiError as e:
            response = error_response(e)
        except Exception:
            log.exception("internal error")
            response = error_response(ApiError(500, "PGRSTX00", "Internal server error"))
        if origin and "Access-Control-Allow-Origin" not in response.headers:
            response.headers.update(cors.response_headers(origin))
        if method == "HEAD":
            response.body = b""
        await response.send(send, head=method == "HEAD")
        if log.isEnabledFor(logging.INFO):
            log.info(orjson.dumps({"method": method, "path": scope["path"], "status": response.status,
                                   "ms": round((time.perf_counter() - started) * 1000, 2)}).decode())

    async def _read_body(self, receive, headers: dict[str, str]) -> bytes | None:
        """The whole body, in linear time, at most server-max-body-size bytes (413) and within
        server-body-timeout seconds (408); both answers close the connection."""
        limit = self.cfg.server_max_body_size
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(limit)
        chunks, size = [], 0
        try:
            async with asyncio.timeout(self.cfg.server_body_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return None
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        raise self._too_large(limit)
                    if chunk:
                        chunks.append(chunk)
                    if not message.get("more_body"):
                        break
        except TimeoutError:
            err = http_error(408, "Request body not received in time")
            err.headers["Connection"] = "close"
            raise err from None
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    @staticmethod
    def _too_large(limit: int) -> ApiError:
        err = http_error(413, "Payload Too Large", f"The request body is larger than {limit} bytes")
        err.headers["Connection"] = "close"  # the rest of the body is not read
        return err

    @staticmethod
    async def _handle_until_disconnect(receive, work) -> Response | None:
        """Run the request; when the client disconnects first, cancel it (psycopg then cancels the
        running statement in the server) and return None."""
        task = asyncio.ensure_future(work)
        watcher = asyncio.ensure_future(receive())
        try:
            await asyncio.wait((task, watcher), return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            if not watcher.done():
                watcher.cancel()
        if task.done():
            return task.result()
        if watcher.result().get("type") == "http.disconnect":
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
            return None
        return await task

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.startup()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- routing ----------------------------------------------------------------------

    async def handle(self, method: str, path: str, query: str, headers: dict[str, str], body: bytes) -> Response:
        parts = split_path(path)
        cache = self.cache.current
        if cache is None or not self.db.healthy:
            if not self.db.healthy:
                raise pgrst("PGRST000", "Database connection error. Retrying the connection.", self.db.last_error)
            raise pgrst("PGRST002", "Could not query the database for the schema cache. Retrying.")
        if not parts:
            if method == "OPTIONS":
                return Response(200, headers={"Allow": "OPTIONS,GET,HEAD"})
            raise pgrst("PGRST126", "Root endpoint metadata is disabled")
        if len(parts) == 2 and parts[0] == "rpc":
            target, name = "rpc", parts[1]
            if method not in ("GET", "HEAD", "POST", "OPTIONS"):
                raise pgrst("PGRST101", f"Cannot use the {method} method on RPC")
        elif len(parts) == 1:
            target, name = "relation", parts[0]
        else:
            raise pgrst("PGRST125", "Invalid path specified in request URL")
        if target == "relation" and method not in TABLE_METHODS + ("OPTIONS",):
            raise pgrst("PGRST117", f"Unsupported HTTP method: {method}")

        schema, profile_given = self._schema(method, headers)
        prefer = parse_prefer([headers.get("prefer", "")])
        if prefer.get("handling") == "strict" and prefer.invalid:
            raise pgrst("PGRST122", "Invalid preferences given with handling=strict",
                        details=f"Invalid preferences: {', '.join(prefer.invalid)}")
        media = negotiate(headers.get("accept"))
        req = ApiRequest(method=method, path="/" + "/".join(parts), target=target, name=name, schema=schema,
                         profile_given=profile_given, headers={k: v for k, v in headers.items() if k != "cookie"},
                         cookies=parse_cookies(headers.get("cookie")), prefer=prefer,
                         singular=media == "singular", csv=media == "csv", body=body,
                         content_type=headers.get("content-type", "").split(";")[0].strip().lower(),
                         query_string=query)
        timezone = prefer.get("timezone")
        if timezone is not None and timezone not in cache.timezones:
            del prefer.values["timezone"]  # an unknown time zone is ignored (an error only under strict)
            if prefer.get("handling") == "strict":
                raise pgrst("PGRST122", "Invalid preferences given with handling=strict",
                            details=f"Invalid preferences: timezone={timezone}")
        identity = self.auth.identify(headers.get("authorization"))
        classify_params(req, query)
        if target == "rpc":
            return await self._rpc(req, cache, identity, headers)
        rel = cache.relations.get((schema, name))
        if rel is None:
            names = [n for (s, n) in cache.relations if s == schema]
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.55)
            raise pgrst("PGRST205", f"Could not find the table '{schema}.{name}' in the schema cache",
                        hint=f"Perhaps you meant the table '{schema}.{close[0]}'" if close else None)
        if method == "OPTIONS":
            allow = "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE" if rel.kind in ("r", "p") else "OPTIONS,GET,HEAD"
            return Response(200, headers={"Allow": allow})
        return await self._relation(req, rel, identity, headers, cache)

    def _schema(self, method: str, headers: dict[str, str]) -> tuple[str, bool]:
        header = "accept-profile" if method in ("GET", "HEAD") else "content-profile"
        wanted = headers.get(header)
        if wanted is None:
            return self.cfg.db_schemas[0], False
        if wanted not in self.cfg.db_schemas:
            raise pgrst("PGRST106", f"Invalid schema: {wanted}",
                        hint=f"Only the following schemas are exposed: {', '.join(self.cfg.db_schemas)}")
        return wanted, True

    def _tx_commit(self, req: ApiRequest) -> tuple[bool, bool]:
        """(commit?, was Prefer: tx honoured?)."""
        mode = self.cfg.db_tx_end
        wanted = req.prefer.get("tx")
        if mode.endswith("allow-override") and wanted:
            return wanted == "commit", True
        return mode.startswith("commit"), False

    @staticmethod
    def _max_affected(req: ApiRequest) -> int | None:
        """`Prefer: max-affected=N` is honoured with handling=strict on PATCH, DELETE and RPC (v13)."""
        value = req.prefer.get("max-affected")
        if value is None or req.prefer.get("handling") != "strict" or req.method not in ("PATCH", "DELETE", "POST"):
            return None
        if req.method == "POST" and req.target != "rpc":
            return None
        return int(value)

    def _page(self, req: ApiRequest, headers: dict[str, str]) -> tuple[int, int | None]:
        lower, upper = req.offset, None
        if req.limit is not None:
            upper = req.offset + req.limit - 1
        if req.method == "GET":
            rng = range_header(headers.get("range"))
            if rng:
                lower = max(lower, rng[0])
                if rng[1] is not None:
                    upper = rng[1] if upper is None else min(upper, rng[1])
        if self.cfg.db_max_rows is not None:
            cap = lower + self.cfg.db_max_rows - 1
            upper = cap if upper is None else min(upper, cap)
        limit = None if upper is None else max(upper - lower + 1, 0)
        req.offset = lower
        return lower, limit

    async def _run(self, req: ApiRequest, identity: Identity, stmt: plan.Statement, read_only: bool,
                   planned_count: bool = False):
        commit, tx_applied = self._tx_commit(req)
        max_affected = self._max_affected(req)
        opts = TxOptions(read_only=read_only, commit=commit, inspect_first=req.singular or max_affected is not None,
                         planned_count=planned_count)
        gucs = guc_pairs(self.cfg, identity, req.method, req.path, req.headers, req.cookies, req.schema,
                         req.prefer.get("timezone"), self.cache.current.role_settings.get(identity.role, ()))
        try:
            reserved = req.path in self.cfg.db_pool_reserved_paths or identity.role in self.cfg.db_pool_reserved_roles
            async with self.db.connection(reserved) as conn:
                result = await execute(conn, opts, gucs, self.cfg.db_pre_request, stmt)
                if opts.inspect_first:
                    rows = result.row["page_total"]
                    ok = (rows == 1 or not req.singular) and (max_affected is None or rows <= max_affected)
                    await finish(conn, commit and ok)
                    if max_affected is not None and rows > max_affected:
                        raise pgrst("PGRST124", "Query result exceeds max-affected preference constraint",
                                    details=f"The query affects {rows} rows")
        except psycopg.OperationalError as e:
            if e.sqlstate is None or e.sqlstate.startswith("08") or e.sqlstate == "57P01":
                self.db.connection_lost(e)
                if e.sqlstate is None:
                    raise pgrst("PGRST001", "Database client error. Retrying the connection.", str(e).strip()) \
                        from None
            raise from_database(e.diag, identity.authenticated) from None
        except psycopg.Error as e:
            if e.sqlstate is None and isinstance(e, psycopg.DataError):
                # A value psycopg will not send (a NUL byte in a filter or a header): the client's input.
                raise ApiError(400, "22021", str(e).strip(), hint="Remove the NUL (0x00) byte") from None
            if e.sqlstate is None:  # a statement the gateway built wrong: its bug, not the client's
                log.error("statement failed in the client: %s", e)
                raise ApiError(500, "PGRSTX00", "Internal server error", str(e).strip()) from None
            raise from_database(e.diag, identity.authenticated) from None
        return result, tx_applied

    # -- relations --------------------------------------------------------------------

    async def _relation(self, req: ApiRequest, rel, identity: Identity, headers: dict[str, str], cache) -> Response:
        count = req.prefer.get("count")
        if req.method in ("GET", "HEAD"):
            lower, limit = self._page(req, headers)
            exact = count in ("exact", "estimated")
            embedder = Embedder(cache, req.embed_params, self.cfg.db_aggregates_enabled)
            stmt = plan.read(req, rel, limit, exact, include_body=req.method == "GET", embedder=embedder)
            embedder.check_unused()
            result, tx_applied = await self._run(req, identity, stmt, read_only=True,
                                                 planned_count=count in ("planned", "estimated"))
            return finish_read(req, result, count, self.cfg.db_max_rows, tx_applied, self._profile(req))
        ret = req.prefer.get("return") or "minimal"
        include_body = ret == "representation"
        embedder = Embedder(cache, req.embed_params)
        if req.method == "POST":
            stmt = plan.insert(req, rel, include_body, location=ret == "headers-only", embedder=embedder)
        elif req.method == "PUT":
            stmt = plan.put(req, rel, include_body, embedder)
        elif req.method == "PATCH":
            stmt = plan.update(req, rel, include_body, embedder)
        else:
            stmt = plan.delete(req, rel, include_body, embedder)
        if include_body:
            embedder.check_unused()
        result, tx_applied = await self._run(req, identity, stmt, read_only=False)
        return finish_write(req, rel, result, ret, tx_applied, self._profile(req))

    def _profile(self, req: ApiRequest) -> str | None:
        return req.schema if len(self.cfg.db_schemas) > 1 or req.profile_given else None

    # -- functions --------------------------------------------------------------------

    async def _rpc(self, req: ApiRequest, cache, identity: Identity, headers: dict[str, str]) -> Response:
        raw_json = None
        raw_fn = rpc.resolve_raw(cache, req.schema, req.name, req.content_type) if req.method == "POST" else None
        if raw_fn is not None:
            fn, args = raw_fn, None
            raw_json = req.body if raw_fn.arguments[0].type == "bytea" else body_text(req.body)
        elif req.method == "POST":
            if req.content_type == "application/x-www-form-urlencoded":
                args = dict(parse_qsl(body_text(req.body), keep_blank_values=True))
            else:
                args = plan.parse_json_body(req)
                if args is None:
                    args = {}
            keys = set(args) if isinstance(args, dict) else set()
            fn, whole_body = rpc.resolve(cache, req.schema, req.name, keys, json_body=True)
            if whole_body:
                raw_json = body_text(req.body) if req.body.strip() else "{}"
                args = None
            elif not isinstance(args, dict):
                raise pgrst("PGRST102", "Empty or invalid json")
        else:
            args = {k: v[0] if len(v) == 1 else v for k, v in req.rpc_args.items()}
            fn, whole_body = rpc.resolve(cache, req.schema, req.name, set(args), json_body=False)
        if req.method == "OPTIONS":
            return Response(200, headers={"Allow": "OPTIONS,POST" if fn.volatile else "OPTIONS,GET,HEAD,POST"})
        if self._max_affected(req) is not None and not fn.returns_set:
            raise pgrst("PGRST128", "Function must return SETOF or TABLE when max-affected preference is used "
                                    "with handling=strict")
        refused = rpc_arguments.refused_argument(fn, args, raw_json)
        if refused is not None:
            await self._refuse_arguments(req, identity, fn, args, raw_json, refused)
        count = req.prefer.get("count")
        lower, limit = self._page(req, headers)
        embedder = Embedder(cache, req.embed_params, self.cfg.db_aggregates_enabled)
        stmt = plan.call(req, fn, args, raw_json, limit, count in ("exact", "estimated"),
                         include_body=req.method != "HEAD", embedder=embedder)
        embedder.check_unused()
        read_only = req.method in ("GET", "HEAD") or not fn.volatile
        result, tx_applied = await self._run(req, identity, stmt, read_only=read_only,
                                             planned_count=count in ("planned", "estimated"))
        return finish_rpc(req, fn, result, count, self.cfg.db_max_rows, tx_applied, self._profile(req))

    async def _refuse_arguments(self, req: ApiRequest, identity: Identity, fn, args, raw_json, refused) -> None:
        """Arguments the database cannot decode (rpc_arguments.py): 400 22P05, after db-rejected-rpc-hook."""
        error = rpc_arguments.refusal(refused[0])
        hook = self.cfg.db_rejected_rpc_hook
        if hook:
            stmt = rpc_arguments.hook_statement(hook, fn, args, raw_json, refused, error)
            result, _ = await self._run(req, identity, stmt, read_only=False)
            error = rpc_arguments.answer(error, result.row["body"])
        raise error
