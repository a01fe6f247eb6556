"""The ASGI application: the HTTP exchange (body limits, disconnects, CORS, HEAD, the access log) and
routing (§1.1) through request -> plan -> query -> transaction -> responses."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time

import orjson
import psycopg

from . import cors, db_config, explain, http_limits, openapi, plan, request, rpc_arguments, shapes, transaction
from . import query as query_sql
from .auth import Authenticator
from .config import Config
from .db import Database
from .errors import ApiError, http_error, pgrst
from .responses import VARY, Response, content_location, error_response, respond
from .schema_cache import SchemaCacheHolder
from .timing import JWT, NO_TIMING, PARSE, PLAN, RESPONSE, TRANSACTION, ServerTiming
from .transaction import guc_pairs

log = logging.getLogger("avenir_gateway.access")


class Gateway:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.auth = Authenticator(cfg)
        self.db = Database(cfg)
        self.cache = SchemaCacheHolder(cfg.db_uri, cfg.db_schemas, cfg.db_channel, cfg.db_channel_enabled)
        self.db.on_recovery = self._reload_after_recovery
        self.cache.on_config = self._load_db_config
        self.shapes = shapes.Shapes()  # of the schema cache _shapes_of, and of this configuration
        self._shapes_of = None

    async def _load_db_config(self, conn) -> None:
        """In-database configuration (db_config.py): the settings objects built from cfg follow it."""
        try:
            changed = await db_config.load_into(self.cfg, conn)
        except psycopg.Error as e:  # as PostgREST: keep serving with the file's configuration
            log.error("in-database configuration not read: %s", str(e).strip())
            return
        if changed:
            self.shapes.clear()
            self.auth = Authenticator(self.cfg, self.auth.counters)  # the counters go on
            self.cache.schemas = self.cfg.db_schemas

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
                # The protocol (http_limits) cancels this task when the client leaves before its answer;
                # psycopg then cancels the running statement in the server (wire._abandon).
                scope[http_limits.TASK_KEY] = asyncio.current_task()
                timing = ServerTiming() if self.cfg.server_timing_enabled else NO_TIMING
                try:
                    try:
                        response = await self.handle(method, scope["path"], scope["query_string"].decode("latin-1"),
                                                     headers, body, timing)
                        if not any(k.lower() == "vary" for k in response.headers):  # errors carry none
                            response.headers["Vary"] = VARY
                    except ApiError as e:  # the stages run up to the error are timed, that one included
                        timing.mark_failed()
                        response = error_response(e)
                    if timing is not NO_TIMING:
                        response.headers["Server-Timing"] = timing.header()
                except asyncio.CancelledError:
                    if scope.get(http_limits.GONE_KEY):
                        return  # the client left: its statement was cancelled, nobody to answer
                    raise
                finally:
                    scope.pop(http_limits.TASK_KEY, None)
        except ApiError as e:
            response = error_response(e)
        except Exception:
            log.exception("internal error")
            response = error_response(ApiError(500, "PGRSTX00", "Internal server error"))
        if origin and "Access-Control-Max-Age" not in response.headers:  # not a preflight answer
            response.headers.update(cors.response_headers(origin))
        trace = self.cfg.server_trace_header
        if trace and trace.lower() in headers:  # server-trace-header: the request's id echoed back
            response.headers[trace] = headers[trace.lower()]
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
        if not declared and "transfer-encoding" not in headers:
            # No body (HTTP/1.1: neither length nor chunks): the server has the whole request already.
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            if not message.get("more_body"):
                return message.get("body", b"")
            chunks, size = [message.get("body", b"")], len(message.get("body", b""))
            if size > limit:
                raise self._too_large(limit)
        else:
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

    async def handle(self, method: str, path: str, query: str, headers: dict[str, str], body: bytes,
                     timing=NO_TIMING) -> Response:
        """request -> plan -> query -> transaction -> response (each stage marked on `timing`)."""
        cache = self.cache.current
        if cache is None or not self.db.healthy:
            if not self.db.healthy:
                raise pgrst("PGRST000", "Database connection error. Retrying the connection.", self.db.last_error)
            raise pgrst("PGRST002", "Could not query the database for the schema cache. Retrying.")
        identity = self.auth.identify(headers.get("authorization"), headers.get("apikey"))
        timing.mark(JWT)
        if self.cfg.db_root_spec and method in ("GET", "HEAD") and not request.split_path(path):
            # db-root-spec: GET / calls that function (of the request's schema) as /rpc/<name> would
            path = "/rpc/" + self.cfg.db_root_spec.rpartition(".")[2].strip('"')
        found = key = None
        if method in ("GET", "HEAD") and not body:  # a known shape skips parse, plan and query (shapes.py)
            if self._shapes_of is not cache:
                self.shapes.clear()
                self._shapes_of = cache
            parts, operands = shapes.split(query)
            key = self.shapes.key(method, path, parts, headers)
            found = self.shapes.find(key, operands, headers)
        if found is not None:
            req, action, stmt = found
            timing.mark(PARSE)
            timing.mark(PLAN)
        else:
            req = request.parse(method, path, query, headers, body, self.cfg.db_schemas, cache.timezones)
            timing.mark(PARSE)
            if req.target == "root" and req.method in ("GET", "HEAD"):
                return await self._openapi(req, identity, cache, timing)
            action = plan.plan(req, cache, self.cfg)
            if isinstance(action, plan.InfoPlan):
                timing.mark(RESPONSE)
                return Response(200, headers={**cors.OPTIONS_HEADERS, "Allow": action.allow})
            if isinstance(action, plan.RefusedCallPlan):
                await self._refuse_arguments(req, action, identity, cache)
            stmt = query_sql.statement(action, req.media)
            if req.explain is not None:
                return await self._explain(req, action, stmt, identity, cache)
            if key is not None:
                self.shapes.learn(key, query, operands, req, action, stmt, cache, self.cfg)
            timing.mark(PLAN)
        gucs = guc_pairs(self.cfg, identity, req, cache.role_settings.get(identity.role, ()), action.tx.settings)
        reserved = req.path in self.cfg.db_pool_reserved_paths or identity.role in self.cfg.db_pool_reserved_roles
        result = await transaction.run(self.db, action.tx, gucs, self.cfg.db_pre_request, stmt, reserved,
                                       identity.authenticated, cache.role_isolation.get(identity.role))
        timing.mark(TRANSACTION)
        response = respond(req, action, result, self.cfg.db_max_rows)
        timing.mark(RESPONSE)
        if action.kind == "read" and req.target == "relation":  # this request's own query string
            response.headers.setdefault("Content-Location", content_location(req.name, query))
        return response

    async def _explain(self, req, action, stmt, identity, cache) -> Response:
        """The plan of the statement instead of its rows (db-plan-enabled); the transaction ends as the
        request's would, without waiting on the result (EXPLAIN returns the plan, not the rows)."""
        if not self.cfg.db_plan_enabled:
            explain.disabled(req.explain)
        tx = dataclasses.replace(action.tx, singular=False, max_affected=None, planned_count=False,
                                 put_check=False)
        gucs = guc_pairs(self.cfg, identity, req, cache.role_settings.get(identity.role, ()), tx.settings)
        result = await transaction.run(self.db, tx, gucs, self.cfg.db_pre_request,
                                       explain.statement(req.explain, stmt), False, identity.authenticated,
                                       cache.role_isolation.get(identity.role))
        return Response(200, explain.body(req.explain, result.row), {"Content-Type": req.explain.content_type})

    async def _refuse_arguments(self, req, action: plan.RefusedCallPlan, identity, cache) -> None:
        """Arguments the database cannot decode (rpc_arguments.py): 400 22P05, after db-rejected-rpc-hook,
        which runs as the request's role in a transaction of its own (committed: it is the audit trace)."""
        error = rpc_arguments.refusal(action.refused[0])
        hook = self.cfg.db_rejected_rpc_hook
        if hook:
            values = rpc_arguments.hook_values(action.function, action.arguments, action.refused, error)
            tx = plan.TxPlan(read_only=False, commit=True, tx_applied=False)
            gucs = guc_pairs(self.cfg, identity, req, cache.role_settings.get(identity.role, ()))
            result = await transaction.run(self.db, tx, gucs, self.cfg.db_pre_request,
                                           query_sql.hook_statement(hook, values), False, identity.authenticated,
                                           cache.role_isolation.get(identity.role))
            error = rpc_arguments.answer(error, result.row["body"])
        raise error

    async def _openapi(self, req, identity, cache, timing=NO_TIMING) -> Response:
        """GET / (openapi.py): the catalogue facts are read as the requesting role, in its transaction."""
        mode = self.cfg.openapi_mode
        if mode == "disabled":
            raise pgrst("PGRST126", "Root endpoint metadata is disabled")
        if req.media != "json" or req.explain is not None:
            raise pgrst("PGRST107", f"None of these media types are available: {req.headers.get('accept')}")
        tx = plan.TxPlan(read_only=True, commit=True, tx_applied=False)
        gucs = guc_pairs(self.cfg, identity, req, cache.role_settings.get(identity.role, ()))
        stmt = query_sql.Statement(openapi.QUERIES["document_facts"], (req.schema,))
        timing.mark(PLAN)
        result = await transaction.run(self.db, tx, gucs, None, stmt, False, identity.authenticated,
                                       cache.role_isolation.get(identity.role))
        timing.mark(TRANSACTION)
        facts = orjson.loads(result.row["body"]) if result.row and result.row["body"] else {}
        doc = openapi.document(self.cfg, cache, req.schema, facts, mode == "follow-privileges")
        timing.mark(RESPONSE)
        headers = {"Content-Type": "application/openapi+json; charset=utf-8"}
        if req.profile_given or len(self.cfg.db_schemas) > 1:
            headers["Content-Profile"] = req.schema
        return Response(200, orjson.dumps(doc), headers)
