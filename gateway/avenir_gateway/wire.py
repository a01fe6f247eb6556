"""The hot path to Postgres: a request's statements sent in one libpq pipeline on a pooled psycopg
connection, read back with one wait per round trip.

Why not psycopg's own pipeline: its cursors, transformers and generator-driven waits cost ~0.8 ms
of client CPU for the two statements of a request, more than the database spends on them. Here the
statements go through psycopg's libpq binding directly, with the same wire semantics: the extended
protocol, every value a text parameter of type OID 0 (Postgres infers it, as for PostgREST's
unknown-typed literals), text results, one Sync; errors become psycopg's own exceptions (with
`diag`), so callers handle them exactly as before.

Statements marked `prepare` (the set_config round and, with db-prepared-statements, the main
statement) are prepared by name on first use on each connection, keyed by their text, as PostgREST
does: the server parses and plans them once. A named server-side statement survives transaction
errors; only the gateway names statements on its connections (psycopg's own preparation is off).
Parameters stay text of OID 0, so `eq.abc` on an integer is still 22P02 at Bind. At most
PREPARED_PER_CONNECTION per connection: a stranger's endless distinct selects cost one DEALLOCATE
each, not server memory."""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict

import psycopg
from psycopg import errors as pg_errors
from psycopg import pq

ExecStatus = pq.ExecStatus
BOOL_OID = 16  # returned as bool, as psycopg does
BYTEA_OID = 17
INT_OIDS = {20, 21, 23}  # int8, int2, int4: returned as int, as psycopg does
PREPARED_PER_CONNECTION = 256  # named statements kept per connection; the least recently used is deallocated
PREPARED_MISSING = "26000"
_SKIP = b""  # a result read and dropped (the Parse of a statement to prepare, a DEALLOCATE)


class Prepared:
    """The statements prepared on one connection, by SQL text, least recently used first."""
    __slots__ = ("names", "counter")

    def __init__(self):
        self.names: OrderedDict[bytes, bytes] = OrderedDict()
        self.counter = 0


# Per connection: the statements prepared on it (gone with the connection).
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Statement:
    """One statement of a pipeline: text, text parameters, and whether to prepare it (by its text)."""
    __slots__ = ("query", "params", "prepare", "types", "formats")

    def __init__(self, query: str, params, prepare: bool = False):
        self.query = query.encode()
        self.params = [None if p is None else p if isinstance(p, bytes) else _text(p) for p in params]
        self.prepare = prepare
        self.types = self.formats = None
        if any(isinstance(p, bytes) for p in params):  # bytes go as binary bytea, as psycopg sends them
            self.types = [BYTEA_OID if isinstance(p, bytes) else 0 for p in params]
            self.formats = [1 if isinstance(p, bytes) else 0 for p in params]


def _text(value) -> bytes:
    text = value if isinstance(value, str) else str(value)
    if "\x00" in text:  # libpq sends text parameters NUL-terminated: refuse, as psycopg does
        raise psycopg.DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    return text.encode()


async def run(conn: psycopg.AsyncConnection, statements: list[Statement]) -> list[dict | None]:
    """Send the statements and one Sync, return the first row of each (as a dict) or None.
    Raises the psycopg error of the first statement that failed; the server has then rolled back."""
    async with conn.lock:
        pgconn = conn.pgconn
        prepared = _prepared.get(conn)
        if prepared is None:
            prepared = _prepared[conn] = Prepared()
        names = prepared.names
        loop = asyncio.get_running_loop()
        fd = pgconn.socket
        pgconn.enter_pipeline_mode()
        kinds: list[bytes | None] = []  # per result to read: None (a statement's row), _SKIP, or a name prepared
        try:
            for st in statements:
                if st.prepare and st.types is None:
                    name = names.get(st.query)
                    if name is None:
                        if len(names) >= PREPARED_PER_CONNECTION:
                            _, old = names.popitem(last=False)
                            pgconn.send_query_params(b'deallocate "' + old + b'"', None)
                            kinds.append(_SKIP)
                        prepared.counter += 1
                        name = b"pgrst_%d" % prepared.counter
                        pgconn.send_prepare(name, st.query, None)
                        kinds.append(name)
                        names[st.query] = name
                    else:
                        names.move_to_end(st.query)
                    pgconn.send_query_prepared(name, st.params)
                else:
                    pgconn.send_query_params(st.query, st.params, st.types, st.formats)
                kinds.append(None)
            pgconn.pipeline_sync()
            while pgconn.flush():
                await _wait(loop, fd, write=True)
            rows, error = await _read(loop, pgconn, fd, kinds, names)
        except asyncio.CancelledError:
            await _abandon(conn)
            raise
        finally:
            if pgconn.status == pq.ConnStatus.OK and pgconn.pipeline_status != pq.PipelineStatus.OFF:
                try:
                    pgconn.exit_pipeline_mode()
                except psycopg.OperationalError:
                    pass
        if error is not None:
            raise error
        return rows


async def _read(loop, pgconn, fd, kinds: list, names: OrderedDict):
    rows: list[dict | None] = []
    error = None
    results_seen = 0
    while True:
        while pgconn.is_busy():
            await _wait(loop, fd)
            pgconn.consume_input()
        res = pgconn.get_result()
        if res is None:
            continue  # the end of one statement's results
        status = res.status
        if status == ExecStatus.PIPELINE_SYNC:
            break
        kind = kinds[results_seen] if results_seen < len(kinds) else None
        if kind is not None:  # the Parse of a statement to prepare (or a DEALLOCATE)
            if kind and status != ExecStatus.COMMAND_OK:  # not prepared: forget it (aborted or failed)
                for text, name in list(names.items()):
                    if name == kind:
                        del names[text]
            if status == ExecStatus.FATAL_ERROR and error is None:
                error = pg_errors.error_from_result(res, encoding="utf-8")
        elif status == ExecStatus.TUPLES_OK:
            rows.append(_first_row(res))
        elif status == ExecStatus.COMMAND_OK:
            rows.append(None)
        elif status == ExecStatus.FATAL_ERROR:
            if error is None:
                error = pg_errors.error_from_result(res, encoding="utf-8")
                if error.sqlstate == PREPARED_MISSING:  # someone deallocated behind our back: start afresh
                    names.clear()
        elif status == ExecStatus.PIPELINE_ABORTED:
            pass
        results_seen += 1
    return rows, error


def _first_row(res) -> dict | None:
    if res.ntuples == 0:
        return None
    if res.nfields == 1 and res.fname(0) == b"QUERY PLAN":  # EXPLAIN (format text): one row per line
        return {"QUERY PLAN": "\n".join(res.get_value(i, 0).decode() for i in range(res.ntuples))}
    row = {}
    for col in range(res.nfields):
        name = res.fname(col).decode()
        value = res.get_value(0, col)
        if value is None:
            row[name] = None
        elif res.ftype(col) in INT_OIDS:
            row[name] = int(value)
        elif res.ftype(col) == BOOL_OID:
            row[name] = value == b"t"
        else:
            row[name] = value.decode()
    return row


async def _wait(loop, fd: int, write: bool = False) -> None:
    fut = loop.create_future()

    def ready():
        if not fut.done():
            fut.set_result(None)

    if write:
        loop.add_writer(fd, ready)
    else:
        loop.add_reader(fd, ready)
    try:
        await fut
    finally:
        if write:
            loop.remove_writer(fd)
        else:
            loop.remove_reader(fd)


async def _abandon(conn: psycopg.AsyncConnection) -> None:
    """The request was cancelled (its client left): cancel the running statement in the server, then
    close the connection; the pool replaces it (its protocol state is unknown after the interruption)."""
    try:
        await asyncio.wait_for(asyncio.shield(conn.cancel_safe(timeout=5)), 6)
    except (psycopg.Error, TimeoutError, asyncio.CancelledError):
        pass
    conn.pgconn.finish()
