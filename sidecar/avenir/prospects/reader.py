"""Stream an export file record by record: CSV (header line) or JSON lines, never loaded whole."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

csv.field_size_limit(1 << 20)  # one field of a megabyte at most: a bounded line


@dataclass(frozen=True)
class Record:
    line_no: int                 # the line of the file where the record starts
    data: dict | None            # None when the line could not be read
    error: str | None = None


def is_json_lines(path: Path) -> bool:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return True
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return False
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                return line.lstrip().startswith("{")
    return False


def read_records(path: Path) -> Iterator[Record]:
    yield from (_json_lines(path) if is_json_lines(path) else _csv_rows(path))


def _json_lines(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                yield Record(line_no, None, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            if not isinstance(data, dict):
                yield Record(line_no, None, f"a JSON {type(data).__name__}, not an object")
                continue
            yield Record(line_no, data)


def _csv_rows(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        sample = f.read(64 * 1024)
        f.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|") if sample else csv.excel
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(f, dialect)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield Record(start, None, f"unreadable CSV ({e})")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                continue
            if len(row) != len(header):
                yield Record(start, None, f"{len(row)} fields where the header has {len(header)}")
                continue
            yield Record(start, dict(zip(header, row, strict=True)))
