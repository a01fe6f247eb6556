"""`Accept: application/vnd.pgrst.plan[+json|+text]; for="<media>"; options=analyze|verbose|...` (§1.8):
the EXPLAIN of the statement the request would run, behind `db-plan-enabled` (406 PGRST107 otherwise).
The bare `application/vnd.pgrst.plan` is the text format; `for` may name a custom media type (its
handler's statement is planned)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .errors import pgrst

PLAN_TYPES = {"application/vnd.pgrst.plan": "text", "application/vnd.pgrst.plan+json": "json",
              "application/vnd.pgrst.plan+text": "text"}
OPTIONS = ("analyze", "verbose", "settings", "buffers", "wal")  # EXPLAIN's own option words
SINGULAR_NAMES = {"application/vnd.pgrst.object": "application/vnd.pgrst.object+json"}


@dataclass(frozen=True, slots=True)
class Explain:
    format: str  # json / text
    for_media: str  # the media type the planned statement renders (its Accept)
    options: tuple[str, ...] = ()  # EXPLAIN's option words, in OPTIONS' order
    asked: tuple[str, ...] = field(default=(), compare=False)  # as the client listed them (Content-Type)

    @property
    def content_type(self) -> str:
        """PostgREST's rendering: the format, the planned media type (a singular object is named
        with its +json suffix), the options as asked, then the charset."""
        media = SINGULAR_NAMES.get(self.for_media, self.for_media)
        opts = f"; options={'|'.join(self.asked)}" if self.asked else ""
        return f'application/vnd.pgrst.plan+{self.format}; for="{media}"{opts}; charset=utf-8'


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
        asked = tuple(dict.fromkeys(options))
        return Explain(fmt, for_media, tuple(o for o in OPTIONS if o in options), asked)
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
