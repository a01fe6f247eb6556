"""Connections to either side of the pair and the named queries they run."""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

QUERIES = NamedQueries("avenir.failover", "queries.sql")
CONNECT_TIMEOUT_SECONDS = 5


def query(block: str, /, **parts: sql.Composable) -> sql.Composed:
    """The named block with its {placeholders} filled by identifiers or literals."""
    return sql.SQL(QUERIES[block]).format(**parts)


def connect(url: str, autocommit: bool = True) -> psycopg.Connection:
    # UTC and fixed output settings, so that a row's text (hashed by the check) is the same on both sides.
    return psycopg.connect(url, autocommit=autocommit, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_SECONDS,
                           options="-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres "
                                   "-c extra_float_digits=1 -c bytea_output=hex")


def run(conn: psycopg.Connection, block: str, params: dict | None = None, /, **parts: sql.Composable) -> list[dict]:
    cur = conn.execute(query(block, **parts), params or {})
    return cur.fetchall() if cur.description else []


def one(conn: psycopg.Connection, block: str, params: dict | None = None, /, **parts: sql.Composable) -> dict:
    rows = run(conn, block, params, **parts)
    return rows[0] if rows else {}


def table_list(tables: list) -> sql.Composed:
    """Schema-qualified identifiers of Table objects (attach.Table), comma-separated."""
    return sql.SQL(", ").join(t.identifier for t in tables)
