"""The transaction of one request (§1.11), sent as one pipeline: one `set_config` round (with the
access mode), db-pre-request and the main statement — one network round trip for most requests."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import orjson
import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from . import wire
from .auth import Identity
from .config import Config
from .plan import Statement
from .sql_fragments import ident


@dataclass
class TxOptions:
    read_only: bool
    commit: bool  # decided by db-tx-end and Prefer: tx
    inspect_first: bool  # the end waits for the result (singular: 0 or >1 rows rolls back)
    planned_count: bool = False


@dataclass
class TxResult:
    row: dict
    planned_total: int | None = None


def guc_pairs(cfg: Config, identity: Identity, method: str, path: str, headers: dict[str, str],
              cookies: dict[str, str], schema: str, timezone: str | None,
              role_settings=()) -> list[tuple[str, str]]:
    search_path = ", ".join(sql.Identifier(s).as_string(None) for s in [schema, *cfg.db_extra_search_path])
    # The impersonated role's own settings (ALTER ROLE r SET ...) come before the role switch.
    pairs = [("search_path", search_path), *role_settings, ("role", identity.role),
             ("request.jwt.claims", identity.claims_json), ("request.method", method), ("request.path", path),
             ("request.headers", orjson.dumps(headers).decode()), ("request.cookies", orjson.dumps(cookies).decode())]
    if timezone:
        pairs.append(("timezone", timezone))
    pairs.extend((f"app.settings.{k}", v) for k, v in cfg.app_settings.items())
    return pairs


@lru_cache(maxsize=64)
def _set_config_text(count: int) -> str:
    return "select " + ", ".join(["set_config(%s, %s, true)"] * count)


def set_config_statement(pairs: list[tuple[str, str]]) -> tuple[str, list[str]]:
    return _set_config_text(len(pairs)), [x for pair in pairs for x in pair]


@lru_cache(maxsize=8)
def pre_request_statement(name: str) -> str:
    parts = [p.strip().strip('"') for p in name.split(".")]
    return f"select {ident(*parts)}()"


BEGIN_RO = "begin isolation level read committed read only"
BEGIN_RW = "begin isolation level read committed read write"


async def execute(conn: psycopg.AsyncConnection, opts: TxOptions, gucs: list[tuple[str, str]], pre_request: str | None,
                  stmt: Statement) -> TxResult:
    explicit = opts.inspect_first or not opts.commit
    if opts.read_only and not explicit:
        gucs = [*gucs, ("transaction_read_only", "on")]
    guc_sql, guc_params = set_config_statement(gucs)
    if not explicit and not opts.planned_count:
        # The common case, on the hot path (wire.py): set_config round, db-pre-request, main statement.
        statements = [wire.Statement(guc_sql, guc_params, name=f"pgrst_set_config_{len(gucs)}")]
        if pre_request:
            statements.append(wire.Statement(pre_request_statement(pre_request), ()))
        statements.append(wire.Statement(stmt.query, stmt.params))
        rows = await wire.run(conn, statements)
        return TxResult(rows[-1])
    planned_cur = None
    try:
        async with conn.pipeline():
            # Common case: the statements up to the pipeline's Sync form one implicit transaction that the
            # server commits at the Sync (or rolls back on error) -- no BEGIN/COMMIT round of statements.
            # An explicit transaction when the end is a rollback or waits for the result.
            if explicit:
                await conn.execute(BEGIN_RO if opts.read_only else BEGIN_RW)
            await conn.execute(guc_sql, guc_params)
            if pre_request:
                await conn.execute(pre_request_statement(pre_request))
            if opts.planned_count and stmt.count_query is not None:
                planned_cur = conn.cursor()
                await planned_cur.execute("explain (format json) " + stmt.count_query, stmt.count_params)
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(stmt.query, stmt.params)
            if explicit and not opts.inspect_first:
                await conn.execute("rollback")
        # Leaving the block sends the pipeline's only Sync and reads every result: one round trip.
        row = await cur.fetchone()
        planned = None
        if planned_cur is not None:
            plan = (await planned_cur.fetchone())[0]
            plan = orjson.loads(plan) if isinstance(plan, str | bytes) else plan
            planned = int(plan[0]["Plan"]["Plan Rows"])
    except psycopg.Error:
        await _rollback_quietly(conn)
        raise
    return TxResult(row, planned)


async def finish(conn: psycopg.AsyncConnection, commit: bool) -> None:
    try:
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
