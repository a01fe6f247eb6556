"""Requests of one shape share their request value, plan and statement text (the hot path's cache).

A client sends the same few requests over and over with other values: `GET /t?id=eq.5`, then
`?id=eq.9`. The shape of a GET/HEAD without a body is its method, path, the headers `request.parse`
reads (Accept, Prefer, the profile header, Range, Content-Type) and its query string with the operand
of every `eq. neq. gt. gte. lt. lte.` filter taken out. For a known shape the request, plan and SQL
text are the ones built for its first request; only the operands change, and they are the
statement's parameters, so a repeated shape skips parse, plan and query.

A shape is kept only when it is proven value-free: on its first request the statement is built
twice, once from the request and once with every taken-out operand replaced by a marker; the two
texts must be the same, the markers must be parameters (never text), and every other parameter the
same in both. What fails that proof, and every request that raises an error, takes the full path
each time (so errors are those of the full path, byte for byte). The entries belong to one schema
cache and one configuration: `Shapes.clear` when either changes. At most MAX_SHAPES, least recently
used dropped first."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from types import MappingProxyType
from urllib.parse import unquote

from . import plan, request
from .query import Statement, statement

MAX_SHAPES = 1024
TEMPLATED_OPERATORS = ("eq.", "neq.", "gt.", "gte.", "lt.", "lte.")
# Query keys that are not filters: their value is part of the shape as it is.
RESERVED_KEYS = frozenset({"select", "order", "limit", "offset", "columns", "on_conflict", "and", "or",
                           "not.and", "not.or"})
_HOLE = "\x00"  # where an operand was taken out of the query string (never in a raw query string)


def _marker(i: int) -> str:
    return f"\x1fpgrst_operand_{i}\x1f"


def _marker_raw(i: int) -> str:
    return f"%1Fpgrst_operand_{i}%1F"


@dataclasses.dataclass(frozen=True, slots=True)
class Shape:
    req: request.ApiRequest
    action: plan.ActionPlan
    query: str
    slots: tuple  # per statement parameter: the operand's index, or None for a constant
    constants: tuple


def _operand(part: str) -> tuple[str, str] | None:
    """`id=eq.5` -> ("id=eq.", "5"): a filter part whose operand is a parameter, else None."""
    key, sep, value = part.partition("=")
    if sep and key not in RESERVED_KEYS and value.startswith(TEMPLATED_OPERATORS):
        op_end = len(key) + 1 + value.index(".") + 1
        return part[:op_end], part[op_end:]
    return None


def split(query_string: str) -> tuple[tuple[str, ...], list[str]]:
    """The query string's parts with their operands taken out, and the operands (decoded as parse_qsl
    decodes them)."""
    parts: list[str] = []
    operands: list[str] = []
    if not query_string:
        return (), operands
    for part in query_string.split("&"):
        found = _operand(part)
        if found is None:
            parts.append(part)
        else:
            parts.append(found[0] + _HOLE)
            operands.append(unquote(found[1].replace("+", " ")))
    return tuple(parts), operands


class Shapes:
    def __init__(self):
        self._entries: OrderedDict[tuple, Shape | None] = OrderedDict()

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def key(method: str, path: str, parts: tuple, headers: dict[str, str]) -> tuple:
        profile = headers.get("accept-profile" if method in ("GET", "HEAD") else "content-profile")
        return (method, path, parts, headers.get("accept"), headers.get("prefer"), profile, headers.get("range"),
                headers.get("content-type"))

    def find(self, key: tuple, operands: list[str], headers: dict[str, str]
             ) -> tuple[request.ApiRequest, plan.ActionPlan, Statement] | None:
        shape = self._entries.get(key)
        if shape is None:
            return None
        self._entries.move_to_end(key)
        r, cookie = shape.req, headers.get("cookie")
        own = {k: v for k, v in headers.items() if k != "cookie"} if "cookie" in headers else headers
        # (ApiRequest's fields in order: dataclasses.replace would cost more than the rest of find)
        req = request.ApiRequest(
            r.method, r.path, r.target, r.name, r.schema, r.profile_given,
            MappingProxyType(own),
            MappingProxyType(request.parse_cookies(cookie)) if cookie else request.EMPTY,
            r.prefer, r.media, r.range, r.params, r.payload, r.explain)
        params = tuple(c if s is None else operands[s] for s, c in zip(shape.slots, shape.constants, strict=True))
        return req, shape.action, Statement(shape.query, params)

    def learn(self, key: tuple, query_string: str, operands: list[str], req: request.ApiRequest,
              action, stmt: Statement, cache, cfg) -> None:
        """Keep the shape of a request that went the full path, if it is value-free (see above)."""
        if key in self._entries or not isinstance(action, plan.ActionPlan) or stmt.count_query is not None:
            return
        shape = None
        if operands:
            marked_qs = _with_markers(query_string)
            try:
                marked_req = request.parse(req.method, req.path, marked_qs, dict(req.headers), b"", cfg.db_schemas,
                                           cache.timezones)
                marked = statement(plan.plan(marked_req, cache, cfg), marked_req.media)
            except Exception:  # a marker the parser or planner would not take: not value-free
                marked = None
            if marked is not None and marked.query == stmt.query and len(marked.params) == len(stmt.params):
                markers = {_marker(i): i for i in range(len(operands))}
                slots, ok = [], True
                for real, m in zip(stmt.params, marked.params, strict=True):
                    index = markers.get(m) if isinstance(m, str) else None
                    slots.append(index)
                    if (real != operands[index]) if index is not None else (real != m):
                        ok = False
                if ok and sorted(s for s in slots if s is not None) == list(range(len(operands))):
                    shape = Shape(req, action, stmt.query, tuple(slots), stmt.params)
        else:
            shape = Shape(req, action, stmt.query, (None,) * len(stmt.params), stmt.params)
        self._entries[key] = shape
        if len(self._entries) > MAX_SHAPES:
            self._entries.popitem(last=False)


def _with_markers(query_string: str) -> str:
    out, i = [], 0
    for part in query_string.split("&"):
        found = _operand(part)
        if found is not None:
            part = found[0] + _marker_raw(i)
            i += 1
        out.append(part)
    return "&".join(out)
