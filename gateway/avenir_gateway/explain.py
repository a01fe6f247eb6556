"""`Accept: application/vnd.pgrst.plan[+json|+text]; for="<media>"; options=analyze|verbose|...` (§1.8):
the EXPLAIN of the statement the request would run, behind `db-plan-enabled` (406 PGRST107 otherwise)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .errors import pgrst

PLAN_TYPES = {"application/vnd.pgrst.plan": "json", "application/vnd.pgrst.plan+json": "json",
              "application/vnd.pgrst.plan+text": "text"}
OPTIONS = ("analyze", "verbose", "settings", "buffers", "wal")  # EXPLAIN's own option words


@dataclass(frozen=True, slots=True)
class Explain:
    format: str  # json / text
    for_media: str  # the media type the planned statement renders (its Accept)
    options: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return f'application/vnd.pgrst.plan+{self.format}; for="{self.for_media}"; charset=utf-8'


def parse(accept: str | None) -> Explain | None:
    """The plan media type of an Accept header, or None when it asks for none."""
    for part in (accept or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        fmt = PLAN_TYPES.get(pieces[0].lower())
        if fmt is None:
            continue
        for_media, options = "application/json", []
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            value = value.strip().strip('"')
            if key.strip().lower() == "for" and value:
                for_media = value
            elif key.strip().lower() == "options":
                options = [o for o in value.split("|") if o]
        unknown = [o for o in options if o not in OPTIONS]
        if unknown:
            raise pgrst("PGRST107", f"None of these media types are available: {part.strip()}")
        return Explain(fmt, for_media, tuple(o for o in OPTIONS if o in options))
    return None


def statement(explain: Explain, stmt):
    """The query.Statement wrapped in EXPLAIN (its parameters unchanged)."""
    words = ", ".join((*explain.options, f"format {explain.format}"))
    return dataclasses.replace(stmt, query=f"explain ({words}) {stmt.query}", count_query=None)


def body(explain: Explain, row: dict | None) -> bytes:
    """EXPLAIN's output: one JSON document, or the text lines (wire.py joins a plan's rows)."""
    text = (row or {}).get("QUERY PLAN") or ""
    return text.encode()


def disabled(explain: Explain) -> None:
    raise pgrst("PGRST107", f"None of these media types are available: application/vnd.pgrst.plan+{explain.format}")
