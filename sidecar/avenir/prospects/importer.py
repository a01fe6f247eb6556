"""`avenir prospects import FILE`: stream a file into the staging table (COPY), merge it set-based.

Memory stays bounded: records go to COPY one by one and rejects stay in the database until they
are listed. The whole import is one transaction: it lands completely or not at all.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from avenir_gateway.sql_files import NamedQueries

from ..errors import AvenirError
from .reader import read_records
from .sources import FIELDS, SOURCES, map_record

QUERIES = NamedQueries("avenir.prospects", "queries.sql")
PROGRESS_EVERY = 10_000  # lines between progress lines on stderr


@dataclass
class ImportResult:
    summary: dict
    rejects: list[tuple[int, str]] = field(default_factory=list)  # when no on_reject was given


def staged_rows(path: Path, source: str) -> Iterator[tuple]:
    for record in read_records(path):
        if record.data is None:
            yield (record.line_no, *([None] * (len(FIELDS) + 1)), record.error)
            continue
        fields, extra = map_record(source, record.data)
        yield (record.line_no, *(fields[f] for f in FIELDS), json.dumps(extra, default=str), None)


def import_file(conn: psycopg.Connection, path: Path, source: str,
                progress: Callable[[int, float], None] | None = None,
                on_reject: Callable[[int, str], None] | None = None) -> ImportResult:
    if source not in SOURCES:
        raise AvenirError(f"unknown source {source!r}; use one of {', '.join(SOURCES)}")
    if not path.is_file():
        raise AvenirError(f"{path}: no such file")
    started = time.monotonic()
    lines = 0
    result = ImportResult({})
    on_reject = on_reject or (lambda line_no, reason: result.rejects.append((line_no, reason)))
    with conn.transaction():
        conn.execute(QUERIES["begin_import"])
        with conn.cursor() as cur, cur.copy(QUERIES["copy_import_rows"]) as copy:
            for row in staged_rows(path, source):
                copy.write_row(row)
                lines += 1
                if progress and lines % PROGRESS_EVERY == 0:
                    progress(lines, time.monotonic() - started)
        summary = conn.execute(QUERIES["merge_import"], {"source": source}).fetchone()["summary"]
        with conn.cursor(name="prospect_import_rejects") as cur:
            cur.execute(QUERIES["rejected_lines"])
            for r in cur:
                on_reject(r["line_no"], r["reject_reason"])
    summary["seconds"] = round(time.monotonic() - started, 3)
    result.summary = summary
    return result


def print_progress(lines: int, seconds: float) -> None:
    rate = lines / seconds if seconds else 0.0
    print(f"prospects import: {lines:,} lines read ({rate:,.0f} lines/s)", file=sys.stderr, flush=True)
