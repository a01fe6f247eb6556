"""The transaction of one request (§1.11), sent as one pipeline on the hot path (wire.py): one
`set_config` round (with the access mode), db-pre-request and the main statement -- one network round
trip for most requests. An explicit BEGIN only when the end depends on the result (singular Accept,
max-affected) or is a rollback. Database errors become PostgREST's answers here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import orjson
import psycopg
from psycopg import sql

from . import wire
from .auth import Identity
from .config import Config
from .db import Database
from .errors import ApiError, from_database, pgrst
from .plan import TxPlan
from .query import Statement
from .request import ApiRequest
from .sql_fragments import ident

log = logging.getLogger("avenir_gateway.transaction")


@dataclass(frozen=True, slots=True)
class TxResult:
    row: dict
    planned_total: int | None = None


@lru_cache(maxsize=64)
def _search_path(schemas: tuple[str, ...]) -> str:
    # Each schema once, first place kept ("public", "extensions" when the request's schema is also extra).
    return ", ".join(sql.Identifier(s).as_string(None) for s in dict.fromkeys(schemas))


def guc_pairs(cfg: Config, identity: Identity, req: ApiRequest, role_settings=(), function_settings=()) \
        -> list[tuple[str, str]]:
    search_path = _search_path((req.schema, *cfg.db_extra_search_path))
    # The impersonated role's own settings (ALTER ROLE r SET ...) come before the role switch.
    pairs = [("search_path", search_path), *role_settings, ("role", identity.role),
             ("request.jwt.claims", identity.claims_json), ("request.method", req.method), ("request.path", req.path),
             ("request.headers", orjson.dumps(dict(req.headers)).decode()),
             ("request.cookies", orjson.dumps(dict(req.cookies)).decode())]
    timezone = req.prefer.get("timezone")
    if timezone:
        pairs.append(("timezone", timezone))
    # A called function's hoisted settings (TxPlan.settings) come last but for the app settings.
    pairs.extend(function_settings)
    pairs.extend((f"app.settings.{k}", v) for k, v in cfg.app_settings.items())
    return pairs


@lru_cache(maxsize=64)
def _set_config_text(count: int) -> str:
    return "select " + ", ".join(f"set_config(${2 * i + 1}, ${2 * i + 2}, true)" for i in range(count))


def set_config_statement(pairs: list[tuple[str, str]]) -> tuple[str, list[str]]:
    return _set_config_text(len(pairs)), [x for pair in pairs for x in pair]


@lru_cache(maxsize=8)
def pre_request_statement(name: str) -> str:
    parts = [p.strip().strip('"') for p in name.split(".")]
    return f"select {ident(*parts)}()"


@lru_cache(maxsize=8)
def begin_statement(read_only: bool, isolation: str | None = None) -> wire.Statement:
    # `isolation` is one of schema_cache.ISOLATION_LEVELS, never a client's text.
    access = "read only" if read_only else "read write"
    return wire.Statement(f"begin isolation level {isolation or 'read committed'} {access}", ())


COMMIT = wire.Statement("commit", ())
ROLLBACK = wire.Statement("rollback", ())
# Before a rollback the deferred constraints are checked, so a request answers the same error whether
# its transaction commits or rolls back (PostgREST sets them immediate before it condemns the transaction).
IMMEDIATE_SQL = "set constraints all immediate"
IMMEDIATE = wire.Statement(IMMEDIATE_SQL, ())


async def run(db: Database, tx: TxPlan, gucs: list[tuple[str, str]], pre_request: str | None, stmt: Statement,
              reserved: bool, authenticated: bool, role_isolation: str | None = None) -> TxResult:
    """Run the request's transaction on a pooled connection; PGRST124 past max-affected.
    `role_isolation`: the impersonated role's isolation level (the called function's wins)."""
    generation = db.generation
    try:
        async with db.connection(reserved) as conn:
            result = await execute(conn, tx, gucs, pre_request, stmt, db.cfg.db_prepared_statements, role_isolation)
            if tx.inspect_first:
                rows = result.row["page_total"]
                max_affected = tx.max_affected
                ok = (rows == 1 or not (tx.singular or tx.put_check)) and (max_affected is None or rows <= max_affected)
                await finish(conn, tx.commit and ok, check_deferred=ok and not tx.read_only)
                if tx.put_check and rows != 1:
                    raise pgrst("PGRST115", "Payload values do not match URL in primary key column(s)")
                if max_affected is not None and rows > max_affected:
                    raise pgrst("PGRST124", "Query result exceeds max-affected preference constraint",
                                details=f"The query affects {rows} rows")
    except psycopg.OperationalError as e:
        if e.sqlstate is None or e.sqlstate.startswith("08") or e.sqlstate == "57P01":
            db.connection_lost(e, generation)
            if e.sqlstate is None:
                raise pgrst("PGRST001", "Database client error. Retrying the connection.", str(e).strip()) \
                    from None
        raise from_database(e.diag, authenticated) from None
    except psycopg.Error as e:
        if e.sqlstate is None and isinstance(e, psycopg.DataError):
            # A value psycopg will not send (a NUL byte in a filter or a header): the client's input.
            raise ApiError(400, "22021", str(e).strip(), hint="Remove the NUL (0x00) byte") from None
        if e.sqlstate is None:  # a statement the gateway built wrong: its bug, not the client's
            log.error("statement failed in the client: %s", e)
            raise ApiError(500, "PGRSTX00", "Internal server error", str(e).strip()) from None
        raise from_database(e.diag, authenticated) from None
    return result


async def execute(conn: psycopg.AsyncConnection, tx: TxPlan, gucs: list[tuple[str, str]], pre_request: str | None,
                  stmt: Statement, prepare: bool = True, role_isolation: str | None = None) -> TxResult:
    # Common case: the statements up to the pipeline's Sync form one implicit transaction that the
    # server commits at the Sync (or rolls back on error) -- no BEGIN/COMMIT round of statements.
    # Another isolation level than read committed must be asked for before the first statement: BEGIN.
    isolation = tx.isolation or role_isolation
    if isolation == "read committed":
        isolation = None
    explicit = tx.inspect_first or not tx.commit or isolation is not None
    if tx.read_only and not explicit:
        gucs = [*gucs, ("transaction_read_only", "on")]
    guc_sql, guc_params = set_config_statement(gucs)
    statements = [begin_statement(tx.read_only, isolation)] if explicit else []
    # db-prepared-statements = false prepares nothing, this round included (a transaction pooler
    # in front of the database could not keep a named statement between transactions).
    statements.append(wire.Statement(guc_sql, guc_params, prepare=prepare))
    if pre_request:
        statements.append(wire.Statement(pre_request_statement(pre_request), ()))
    planned = tx.planned_count and stmt.count_query is not None
    if planned:
        statements.append(wire.Statement("explain (format json) " + stmt.count_query, stmt.count_params))
    statements.append(wire.Statement(stmt.query, stmt.params, prepare=prepare))
    main = len(statements) - 1
    if explicit and not tx.inspect_first:
        if tx.commit:
            statements.append(COMMIT)
        else:
            if not tx.read_only:
                statements.append(IMMEDIATE)
            statements.append(ROLLBACK)
    try:
        rows = await wire.run(conn, statements)
    except psycopg.Error:
        if explicit:
            await _rollback_quietly(conn)
        raise
    total = None
    if planned:
        plan = orjson.loads(rows[main - 1]["QUERY PLAN"])
        total = int(plan[0]["Plan"]["Plan Rows"])
    return TxResult(rows[main], total)


async def finish(conn: psycopg.AsyncConnection, commit: bool, check_deferred: bool = False) -> None:
    try:
        if not commit and check_deferred:
            await conn.execute(IMMEDIATE_SQL)
        await conn.execute("commit" if commit else "rollback")
    except psycopg.Error:
        await _rollback_quietly(conn)
        raise


async def _rollback_quietly(conn: psycopg.AsyncConnection) -> None:
    if conn.closed or conn.broken:
        return
    try:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            await conn.execute("rollback")
    except psycopg.Error:
        pass
