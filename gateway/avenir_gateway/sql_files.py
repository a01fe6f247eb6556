"""Named SQL queries, the one loader of both packages (the gateway's and the sidecar's).

Runtime SQL lives in `.sql` files beside the code that runs it, never in Python strings. A file
holds blocks, each starting with a `-- name: <name>` line; the block's text up to the next one
is the query (psycopg placeholders such as `%(lead_id)s`, no trailing semicolon needed). Files
are read from package resources, so an installed wheel works as the checkout does:

    QUERIES = NamedQueries("avenir.worker", "queries.sql")
    await conn.execute(QUERIES["complete_and_claim"], {...})

It lives in the gateway package because that package depends on nothing else of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from importlib import resources

_NAME_LINE = re.compile(r"^-- name: ([A-Za-z_][A-Za-z0-9_]*)[ \t]*$", re.MULTILINE)


class NamedQueries(Mapping[str, str]):
    """The named blocks of `filename` in `package`, read once, on first use."""

    def __init__(self, package: str, filename: str = "queries.sql") -> None:
        self.package, self.filename = package, filename

    @cached_property
    def _blocks(self) -> dict[str, str]:
        text = resources.files(self.package).joinpath(self.filename).read_text(encoding="utf-8")
        parts = _NAME_LINE.split(text)
        blocks: dict[str, str] = {}
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            if name in blocks:
                raise ValueError(f"{self.package}/{self.filename}: query {name!r} is defined twice")
            query = body.strip().rstrip(";").rstrip()
            if not any(line.strip() and not line.lstrip().startswith("--") for line in query.splitlines()):
                raise ValueError(f"{self.package}/{self.filename}: query {name!r} has no statement")
            blocks[name] = query
        return blocks

    def __getitem__(self, name: str) -> str:
        try:
            return self._blocks[name]
        except KeyError:
            raise KeyError(f"no query named {name!r} in {self.package}/{self.filename}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._blocks)

    def __len__(self) -> int:
        return len(self._blocks)
