"""The connection pool (sized by db-pool) and the database's health: when a connection fails the
gateway answers 503 at once and probes in the background until the database is back (§1.13)."""

from __future__ import annotations

import asyncio
import logging
import select
import time
from contextlib import asynccontextmanager

import psycopg
from psycopg import pq
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from .config import Config
from .errors import pgrst

log = logging.getLogger("avenir_gateway.db")
PROBE_INTERVAL = 0.5


def idle_connection_alive(conn: psycopg.AsyncConnection) -> bool:
    """Whether an idle pooled connection can still be used, without a round trip: the server sends
    nothing to an idle session unless it is ending it (a restart, pg_terminate_backend,
    idle_session_timeout: a FATAL message, then end of file), so a readable socket means it is gone."""
    pgconn = conn.pgconn
    if pgconn.status != pq.ConnStatus.OK or pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()  # not select(): descriptors above 1024 are common under many connections
    poller.register(pgconn.socket, select.POLLIN)
    return not poller.poll(0)


class Database:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        # psycopg's automatic preparation is off: after an error inside a pipeline its cache can name a
        # statement that the server never prepared or has deallocated (26000 on the next request).
        kwargs = {"autocommit": True, "prepare_threshold": None}
        self.pool = AsyncConnectionPool(cfg.db_uri, min_size=cfg.db_pool, max_size=cfg.db_pool, kwargs=kwargs,
                                        timeout=cfg.db_pool_acquisition_timeout, open=False,
                                        reconnect_timeout=24 * 3600, name="avenir-gateway")
        # db-pool-reserved: the other requests share only db-pool minus the reserved connections, so a
        # flood of slow requests cannot take the connections the reserved paths or roles need.
        shared = cfg.db_pool - cfg.db_pool_reserved
        self._shared = asyncio.Semaphore(shared) if cfg.db_pool_reserved else None
        self.healthy = True
        self.generation = 0  # counts recoveries: an error from a connection taken before one is stale
        self.last_error = ""
        self.on_recovery = None
        self.timeouts = 0  # requests that waited longer than db-pool-acquisition-timeout (PGRST003)
        self.shared_waiting = 0  # requests waiting for the shared part (db-pool-reserved set), not yet for the pool
        self._probe: asyncio.Task | None = None

    async def open(self) -> None:
        await self.pool.open(wait=False)

    async def close(self) -> None:
        if self._probe:
            self._probe.cancel()
        await self.pool.close(timeout=5)

    @asynccontextmanager
    async def connection(self, reserved: bool = False):
        """A connection of the pool; `reserved` requests may also use the db-pool-reserved ones."""
        if not self.healthy:
            raise pgrst("PGRST000", "Database connection error. Retrying the connection.", self.last_error)
        try:
            if reserved or self._shared is None:
                async with self._live_connection() as conn:
                    yield conn
                return
            self.shared_waiting += 1
            try:
                async with asyncio.timeout(self.cfg.db_pool_acquisition_timeout):
                    await self._shared.acquire()
            except TimeoutError:
                raise PoolTimeout("no shared connection in time") from None
            finally:
                self.shared_waiting -= 1
            try:
                async with self._live_connection() as conn:
                    yield conn
            finally:
                self._shared.release()
        except PoolTimeout:
            if not await self._reachable():
                raise pgrst("PGRST000", "Database connection error. Retrying the connection.",
                            self.last_error) from None
            self.timeouts += 1
            raise pgrst("PGRST003", "Timed out acquiring connection from connection pool.") from None

    @asynccontextmanager
    async def _live_connection(self):
        """A pooled connection checked before use: one the server closed while it sat idle (a pool idle
        through a restart) is closed and replaced, so the request takes the next one instead of
        answering 503. Nothing is ever sent twice: the check sends nothing."""
        deadline = time.monotonic() + self.cfg.db_pool_acquisition_timeout
        probed = False
        while True:
            conn = await self.pool.getconn(timeout=deadline - time.monotonic())
            if idle_connection_alive(conn):
                break
            log.info("replacing a pooled connection the server closed")
            try:
                await conn.close()
            finally:
                await self.pool.putconn(conn)  # the pool sees it closed and opens a new one
            # Restarted, or down? Down: 503 now rather than after the acquisition timeout.
            if not probed:
                probed = True
                if not await self._reachable():
                    raise pgrst("PGRST000", "Database connection error. Retrying the connection.", self.last_error)
        try:
            async with conn:
                yield conn
        finally:
            await self.pool.putconn(conn)

    def connection_lost(self, error: Exception, generation: int | None = None) -> None:
        """A connection broke: answer 503 until a probe connects again. A request that took its
        connection before the last recovery (`generation` older) reports the outage already over:
        it must not send a recovered gateway back to 503."""
        if generation is not None and generation < self.generation:
            return
        self.last_error = str(error).strip()
        if self.healthy:
            log.error("database connection lost: %s", self.last_error)
            self.healthy = False
            self._probe = asyncio.create_task(self._recover())

    async def _reachable(self) -> bool:
        try:
            conn = await psycopg.AsyncConnection.connect(self.cfg.db_uri, connect_timeout=2)
            await conn.close()
            return True
        except psycopg.Error as e:
            self.connection_lost(e)
            return False

    async def _recover(self) -> None:
        while True:
            await asyncio.sleep(PROBE_INTERVAL)
            try:
                conn = await psycopg.AsyncConnection.connect(self.cfg.db_uri, connect_timeout=2)
                await conn.close()
            except psycopg.Error as e:
                self.last_error = str(e).strip()
                continue
            await self.pool.check()  # drop the idle connections that died with the server
            self.generation += 1
            self.healthy = True
            log.error("database connection recovered")
            if self.on_recovery:
                self.on_recovery()
            return
