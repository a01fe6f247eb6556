"""An HTTP request read as PostgREST reads it: target, schema, query parameters, Prefer, Accept, Range."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from . import query_params as qp
from .errors import pgrst

EMBEDDABLE = {"order", "limit", "offset", "and", "or", "not.and", "not.or"}
PREFER_KINDS = {"return": {"minimal", "representation", "headers-only"},
                "count": {"exact", "planned", "estimated"},
                "resolution": {"merge-duplicates", "ignore-duplicates"},
                "missing": {"default", "null"}, "handling": {"lenient", "strict"},
                "tx": {"commit", "rollback"}}
RANGE = re.compile(r"^\s*(?:items\s*=\s*)?(\d+)-(\d*)\s*$")
MAX_RANGE_DIGITS = 18  # a bound of more digits is beyond any bigint offset: not satisfiable
SINGULAR_TYPES = {"application/vnd.pgrst.object+json", "application/vnd.pgrst.object"}
JSON_TYPES = {"*/*", "application/json", "application/*", "application/vnd.pgrst.array+json",
              "application/vnd.pgrst.array"}


@dataclass
class Preferences:
    values: dict[str, str] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)

    def get(self, kind: str) -> str | None:
        return self.values.get(kind)


@dataclass
class EmbedParams:
    """Filters, order and page of one embedded resource (`books.title=eq.x`, `books.order=id`)."""
    conditions: list = field(default_factory=list)
    order: list = field(default_factory=list)
    limit: int | None = None
    offset: int = 0


@dataclass
class ApiRequest:
    method: str
    path: str  # the path after the optional /rest/v1 prefix
    target: str  # "relation" or "rpc"
    name: str
    schema: str
    profile_given: bool
    headers: dict[str, str]
    cookies: dict[str, str]
    prefer: Preferences
    singular: bool
    body: bytes
    content_type: str
    query_string: str
    csv: bool = False
    select: list[qp.SelectItem] | None = None
    conditions: list[qp.Condition | qp.LogicTree] = field(default_factory=list)
    order: list[qp.OrderTerm] = field(default_factory=list)
    limit: int | None = None
    offset: int = 0
    columns: list[str] | None = None
    on_conflict: list[str] | None = None
    rpc_args: dict[str, list[str]] = field(default_factory=dict)
    embed_params: dict[tuple[str, ...], EmbedParams] = field(default_factory=dict)


def parse_prefer(values: list[str]) -> Preferences:
    prefs = Preferences()
    for header in values:
        for item in header.split(","):
            item = item.strip()
            if not item:
                continue
            key, _, value = item.partition("=")
            key, value = key.strip(), value.strip()
            if key in PREFER_KINDS and value in PREFER_KINDS[key]:
                prefs.values.setdefault(key, value)
            elif key == "max-affected" and value.isdigit():
                prefs.values.setdefault(key, value)
            elif key == "timezone" and value:
                prefs.values.setdefault(key, value)
            else:
                prefs.invalid.append(item)
    return prefs


def negotiate(accept: str | None) -> str:
    """"json", "singular" or "csv"; 406 PGRST107 when nothing the gateway produces is acceptable."""
    if not accept:
        return "json"
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in SINGULAR_TYPES:
            return "singular"
        if media == "text/csv":
            return "csv"
        if media in JSON_TYPES or media == "":
            return "json"
    raise pgrst("PGRST107", f"None of these media types are available: {accept}")


def parse_cookies(header: str | None) -> dict[str, str]:
    cookies = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name:
            cookies[name] = value
    return cookies


def classify_params(req: ApiRequest, query_string: str) -> None:
    is_rpc_read = req.target == "rpc" and req.method in ("GET", "HEAD")
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        if key == "select":
            req.select = qp.parse_select(value)
        elif key == "columns":
            req.columns = qp.parse_columns(value)
        elif key == "on_conflict":
            req.on_conflict = qp.parse_columns(value)
        elif key in ("order",):
            req.order = qp.parse_order(value) if value else []
        elif key == "limit":
            req.limit = _integer("limit", value)
        elif key == "offset":
            req.offset = _integer("offset", value)
        elif key in ("and", "or", "not.and", "not.or"):
            negated = key.startswith("not.")
            req.conditions.append(qp.parse_logic(key.removeprefix("not."), negated, value))
        elif "." in key and key.rsplit(".", 1)[1] in EMBEDDABLE | {"and", "or"}:
            _embedded_param(req, key, value)
        elif value == "":
            continue
        elif _embed_path(key) and not (is_rpc_read and not qp.looks_like_operation(value)):
            path = _embed_path(key)
            column = key[len(".".join(path)) + 1:]
            req.embed_params.setdefault(path, EmbedParams()).conditions.append(qp.parse_filter(column, value))
        elif is_rpc_read and not qp.looks_like_operation(value):
            req.rpc_args.setdefault(key, []).append(value)
        else:
            req.conditions.append(qp.parse_filter(key, value))


def _embed_path(key: str) -> tuple[str, ...]:
    """`actors.roles.name` -> ("actors", "roles"); dots inside quotes or JSON paths do not count."""
    head = key.split("->", 1)[0]
    if '"' in head or "." not in head:
        return ()
    return tuple(head.split(".")[:-1])


def _embedded_param(req: ApiRequest, key: str, value: str) -> None:
    prefix, _, op = key.rpartition(".")
    path, negated = tuple(prefix.split(".")), False
    if op in ("and", "or") and path[-1] == "not":
        path, negated = path[:-1], True
    params = req.embed_params.setdefault(path, EmbedParams())
    if op == "order":
        params.order = qp.parse_order(value) if value else []
    elif op == "limit":
        params.limit = _integer("limit", value)
    elif op == "offset":
        params.offset = _integer("offset", value)
    else:
        params.conditions.append(qp.parse_logic(op, negated, value))


def _integer(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise pgrst("PGRST100", f'"failed to parse {name} parameter ({value})" (line 1, column 1)',
                    f'unexpected "{value[:1]}" expecting digit') from None
    if number < 0:
        raise pgrst("PGRST103", "Requested range not satisfiable",
                    details=f"{name.capitalize()} should be greater than or equal to zero.")
    return number


def range_header(value: str | None) -> tuple[int, int | None] | None:
    if not value:
        return None
    m = RANGE.match(value)
    if not m:
        return None
    if len(m.group(1)) > MAX_RANGE_DIGITS or len(m.group(2)) > MAX_RANGE_DIGITS:
        raise pgrst("PGRST103", "Requested range not satisfiable",
                    details=f"A Range boundary has more than {MAX_RANGE_DIGITS} digits.")
    lower = int(m.group(1))
    upper = int(m.group(2)) if m.group(2) else None
    if upper is not None and upper < lower:
        raise pgrst("PGRST103", "Requested range not satisfiable",
                    details="The lower boundary must be lower than or equal to the upper boundary in the Range header.")
    return lower, upper


def body_text(body: bytes) -> str:
    """A text body (form, raw text argument) as UTF-8; anything else is a bad request, not a 500."""
    try:
        return body.decode()
    except UnicodeDecodeError:
        raise pgrst("PGRST102", "Invalid request body", "The body is not valid UTF-8") from None


def split_path(raw_path: str) -> list[str]:
    path = raw_path
    if path == "/rest/v1" or path.startswith("/rest/v1/"):
        path = path[len("/rest/v1"):]
    return [p for p in path.strip("/").split("/")] if path.strip("/") else []
