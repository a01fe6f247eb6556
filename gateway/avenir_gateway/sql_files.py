"""Named queries kept in .sql files: a block starts with `-- name: <name>`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@cache
def queries(filename: str) -> dict[str, str]:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in (HERE / filename).read_text().splitlines():
        if line.startswith("-- name:"):
            current = line.split(":", 1)[1].strip()
            blocks[current] = []
        elif current is not None:
            blocks[current].append(line)
    return {name: "\n".join(lines).strip().rstrip(";") for name, lines in blocks.items()}
