"""The worker's database access: its named queries, dict rows, and the one place where driver
errors become the worker's outcomes.

Two outcomes matter to the worker: the database is unreachable (`DatabaseUnavailable`: wait and
retry, the work is still ours) or it refused a statement (`StatementFailed`: log it, the job
comes back by itself: after its worker's heartbeats stop, or after its timeout).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from avenir_gateway.sql_files import NamedQueries

QUERIES = NamedQueries(__package__, "queries.sql")
MESSAGE_LIMIT = 200  # characters of a driver message kept in a log line


class DatabaseError(Exception):
    """A driver error, mapped; `str()` is its first line, bounded."""

    def __init__(self, error: psycopg.Error) -> None:
        lines = str(error).strip().splitlines()
        super().__init__((lines[0] if lines else type(error).__name__)[:MESSAGE_LIMIT])


class DatabaseUnavailable(DatabaseError):
    """Connection refused, lost or timed out (the pool's timeout too): retry later."""


class StatementFailed(DatabaseError):
    """The database answered with an error."""


def mapped(error: psycopg.Error) -> DatabaseError:
    return DatabaseUnavailable(error) if isinstance(error, psycopg.OperationalError) else StatementFailed(error)


@contextlib.asynccontextmanager
async def driver_errors_mapped() -> AsyncIterator[None]:
    try:
        yield
    except psycopg.Error as e:
        raise mapped(e) from e


class Database:
    """A pool of autocommit connections, each switched to `role` when given (service_role)."""

    def __init__(self, url: str, role: str | None, max_size: int) -> None:
        self.url, self.role = url, role
        self.pool = AsyncConnectionPool(url, min_size=1, max_size=max_size, open=False, timeout=5,
                                        kwargs={"autocommit": True, "row_factory": dict_row},
                                        configure=self._configure)

    async def _configure(self, conn: psycopg.AsyncConnection) -> None:
        if self.role:
            await conn.execute(QUERIES["set_role"], {"role": self.role})

    async def open(self) -> None:
        await self.pool.open(wait=False)

    async def close(self) -> None:
        await self.pool.close()

    async def connect(self) -> psycopg.AsyncConnection:
        """A connection of its own, outside the pool (the claim loop's hot path, LISTEN)."""
        async with driver_errors_mapped():
            conn = await psycopg.AsyncConnection.connect(self.url, autocommit=True, row_factory=dict_row)
            await self._configure(conn)
        return conn

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[psycopg.AsyncConnection]:
        """A pooled connection; driver errors inside the block are mapped (handlers use it too)."""
        async with driver_errors_mapped(), self.pool.connection() as conn:
            yield conn

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[psycopg.AsyncConnection]:
        async with self.connection() as conn, conn.transaction():
            yield conn

    async def one(self, name: str, params: dict | None = None) -> dict:
        """The single row of a named query (each of ours returns exactly one)."""
        async with self.connection() as conn:
            return await (await conn.execute(QUERIES[name], params)).fetchone()

    async def all(self, name: str, params: dict | None = None) -> list[dict]:
        async with self.connection() as conn:
            return await (await conn.execute(QUERIES[name], params)).fetchall()
