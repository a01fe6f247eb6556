"""Segment checksums over primary-key ranges, bisected down to the differing rows.

The reladiff approach: both sides hash the same key ranges (a row count and an
order-independent sum of row hashes per bucket, in one pass); only the buckets that differ are
split again, until a bucket holds few enough rows to compare row by row. Equal tables cost one
scan per side; one changed row costs one scan plus a few index range scans. Memory stays
bounded: per range the buckets' sums, at a leaf at most LEAF_ROWS keys, and at most
MAX_REPORTED_ROWS differing keys kept per table. Text keys are bucketed by md5(key) read as a
uuid (their order has no arithmetic to split it by): the keys named for such a table are those hashes.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from .attach import Table
from .db import run

BUCKETS = 16
LEAF_ROWS = 256
MAX_REPORTED_ROWS = 100
UUID_SPACE = 1 << 128
INTEGER_TYPES = ("int2", "int4", "int8")


@dataclass(frozen=True)
class KeyRange:
    lo: str | None  # inclusive; None: unbounded
    hi: str | None  # exclusive; None: unbounded

    def __str__(self) -> str:
        return f"[{self.lo or '-inf'}, {self.hi or '+inf'})"


@dataclass
class TableDiff:
    table: str
    key: str
    primary_rows: int = 0
    failover_rows: int = 0
    ranges: list[KeyRange] = field(default_factory=list)  # leaf ranges holding differences
    missing_on_failover: list[str] = field(default_factory=list)
    extra_on_failover: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    truncated: bool = False  # more differences than MAX_REPORTED_ROWS
    segments_compared: int = 0

    @property
    def differs(self) -> bool:
        return bool(self.ranges)

    def keys(self) -> list[str]:
        return self.missing_on_failover + self.extra_on_failover + self.changed


class KeySpace:
    """Splits a key range into buckets by key arithmetic (uuid: 128-bit integers; integers)."""

    def __init__(self, key_type: str, lo: int, hi: int, to_int: Callable[[str], int], to_key: Callable[[int], str]):
        self.key_type, self.lo, self.hi, self.to_int, self.to_key = key_type, lo, hi, to_int, to_key

    @classmethod
    def for_table(cls, table: Table, sides: list[psycopg.Connection]) -> KeySpace:
        if table.bucket_type == "uuid":
            return cls("uuid", 0, UUID_SPACE, lambda s: uuid.UUID(s).int, lambda i: str(uuid.UUID(int=i)))
        if table.bucket_type in INTEGER_TYPES:
            found = [run(c, "key_range", None, key=table.bucket_key,
                         table=table.identifier)[0] for c in sides]
            los = [int(r["lo"]) for r in found if r["lo"] is not None]
            his = [int(r["hi"]) for r in found if r["hi"] is not None]
            return cls(table.key_type, min(los, default=0), max(his, default=0) + 1, int, str)
        raise ValueError(f"{table.schema}.{table.name}: primary keys of type {table.key_type} cannot be bisected")

    def bounds(self, rng: KeyRange, buckets: int) -> list[str]:
        """Lower bounds of buckets 1..n-1 strictly inside the range (bucket 0 starts at rng.lo)."""
        lo = self.lo if rng.lo is None else self.to_int(rng.lo)
        hi = self.hi if rng.hi is None else self.to_int(rng.hi)
        cuts = sorted({lo + (hi - lo) * i // buckets for i in range(1, buckets)} - {lo})
        return [self.to_key(c) for c in cuts if lo < c < hi]


def diff_table(primary: psycopg.Connection, failover: psycopg.Connection, table: Table,
               buckets: int = BUCKETS, leaf_rows: int = LEAF_ROWS) -> TableDiff:
    parts = {"table": table.identifier, "key": table.bucket_key,
             "key_type": sql.Identifier("pg_catalog", table.bucket_type)}
    space = KeySpace.for_table(table, [primary, failover])
    result = TableDiff(table.label, table.key)
    pending = [KeyRange(None, None)]
    top = True
    while pending:
        rng = pending.pop()
        bounds = space.bounds(rng, buckets)
        if not bounds:  # a range too narrow to split: compare its rows
            _compare_rows(primary, failover, parts, rng, result)
            continue
        params = {"lo": rng.lo, "hi": rng.hi, "bounds": bounds}
        mine_rows, theirs_rows = on_both(primary, failover, "segment_hashes", params, parts)
        mine = {r["bucket"]: (r["n"], r["hash"]) for r in mine_rows}
        theirs = {r["bucket"]: (r["n"], r["hash"]) for r in theirs_rows}
        result.segments_compared += len(bounds) + 1
        if top:  # the first pass covers the whole table: its counts are the row counts
            result.primary_rows = sum(n for n, _ in mine.values())
            result.failover_rows = sum(n for n, _ in theirs.values())
            top = False
        edges = [rng.lo, *bounds, rng.hi]
        for bucket in sorted(set(mine) | set(theirs)):
            if mine.get(bucket) == theirs.get(bucket):
                continue
            sub = KeyRange(edges[bucket], edges[bucket + 1])
            rows = max(mine.get(bucket, (0, None))[0], theirs.get(bucket, (0, None))[0])
            if rows <= leaf_rows:
                _compare_rows(primary, failover, parts, sub, result)
            elif result.truncated:
                result.ranges.append(sub)  # enough detail: name the range, do not descend
            else:
                pending.append(sub)
    result.ranges.sort(key=lambda r: r.lo or "")
    return result


def on_both(primary: psycopg.Connection, failover: psycopg.Connection, block: str, params: dict,
            parts: dict) -> tuple[list[dict], list[dict]]:
    """The same query on both sides at once: the two servers hash in parallel."""
    found: dict[str, list[dict]] = {}
    errors: list[BaseException] = []

    def on_failover() -> None:
        try:
            found["failover"] = run(failover, block, params, **parts)
        except BaseException as e:  # re-raised in the caller's thread
            errors.append(e)

    thread = threading.Thread(target=on_failover)
    thread.start()
    try:
        found["primary"] = run(primary, block, params, **parts)
    finally:
        thread.join()
    if errors:
        raise errors[0]
    return found["primary"], found["failover"]


def _compare_rows(primary: psycopg.Connection, failover: psycopg.Connection, parts: dict, rng: KeyRange,
                  result: TableDiff) -> None:
    params = {"lo": rng.lo, "hi": rng.hi}
    mine_rows, theirs_rows = on_both(primary, failover, "row_hashes", params, parts)
    mine = {r["key"]: r["hash"] for r in mine_rows}
    theirs = {r["key"]: r["hash"] for r in theirs_rows}
    if mine == theirs:
        return
    result.ranges.append(rng)
    for key in sorted(set(mine) | set(theirs)):
        if mine.get(key) == theirs.get(key):
            continue
        if len(result.keys()) >= MAX_REPORTED_ROWS:
            result.truncated = True
            return
        if key not in theirs:
            result.missing_on_failover.append(key)
        elif key not in mine:
            result.extra_on_failover.append(key)
        else:
            result.changed.append(key)


def recheck(primary: psycopg.Connection, failover: psycopg.Connection, table: Table, diff: TableDiff) -> TableDiff:
    """Keep only the rows that still differ (after the failover caught up): in-flight rows drop out."""
    keys = diff.keys()
    if not keys or diff.truncated:
        return diff
    parts = {"table": table.identifier, "key": table.bucket_key,
             "key_type": sql.Identifier("pg_catalog", table.bucket_type)}
    mine = {r["key"]: r["hash"] for r in run(primary, "rows_by_key", {"keys": keys}, **parts)}
    theirs = {r["key"]: r["hash"] for r in run(failover, "rows_by_key", {"keys": keys}, **parts)}
    still = {k for k in keys if mine.get(k) != theirs.get(k)}
    diff.missing_on_failover = [k for k in diff.missing_on_failover if k in still]
    diff.extra_on_failover = [k for k in diff.extra_on_failover if k in still]
    diff.changed = [k for k in diff.changed if k in still]
    space = KeySpace.for_table(table, [primary, failover])
    diff.ranges = [r for r in diff.ranges if any(_within(space, r, k) for k in still)]
    return diff


def _within(space: KeySpace, rng: KeyRange, key: str) -> bool:
    k = space.to_int(key)
    return (rng.lo is None or space.to_int(rng.lo) <= k) and (rng.hi is None or k < space.to_int(rng.hi))
