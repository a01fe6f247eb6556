"""An HTTP request read as PostgREST reads it (its `ApiRequest`): the resource and action from the
path and method, the schema profile, Prefer, Accept, Range, the query string, cookies and the
payload, all in one frozen `ApiRequest` built by `parse`. Nothing changes it afterwards: the plan
reads it, the responses read it.

The body is read here too: a JSON or form body is parsed once; when it is not valid the error is
kept in the `Payload` and raised by the plan at the point where it needs the body, so a request for
an unknown table is still a 404 before its body is a 400."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import parse_qsl

import orjson

from . import explain
from . import media as media_module
from . import query_params as qp
from .errors import ApiError, pgrst

EMBEDDABLE = {"order", "limit", "offset", "and", "or", "not.and", "not.or"}
PREFER_KINDS = {"return": {"minimal", "representation", "headers-only"},
                "count": {"exact", "planned", "estimated"},
                "resolution": {"merge-duplicates", "ignore-duplicates"},
                "missing": {"default", "null"}, "handling": {"lenient", "strict"},
                "tx": {"commit", "rollback"}, "params": {"single-object"}}
RANGE = re.compile(r"^\s*(?:items\s*=\s*)?(\d+)-(\d*)\s*$")
MAX_RANGE_DIGITS = 18  # a bound of more digits is beyond any bigint offset: not satisfiable
# Raw outputs: one column (or a scalar function result) sent as it is, not as JSON.
RAW_MEDIA = {"text/plain": "text", "text/xml": "xml", "application/octet-stream": "binary"}
SINGULAR_TYPES = {"application/vnd.pgrst.object+json", "application/vnd.pgrst.object"}
JSON_TYPES = {"*/*", "application/json", "application/*", "application/vnd.pgrst.array+json",
              "application/vnd.pgrst.array"}
FORM = "application/x-www-form-urlencoded"
CSV = "text/csv"
TABLE_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
RPC_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
EMPTY: MappingProxyType = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Preferences:
    """The recognised `Prefer` values (first one of each kind wins) and the items not recognised."""
    values: MappingProxyType = field(default_factory=lambda: EMPTY)
    invalid: tuple[str, ...] = ()

    def get(self, kind: str) -> str | None:
        return self.values.get(kind)


@dataclass(frozen=True, slots=True)
class EmbedParams:
    """Filters, order and page of one embedded resource (`books.title=eq.x`, `books.order=id`)."""
    conditions: tuple = ()
    order: tuple = ()
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class QueryParams:
    """The query string, classified and parsed (§1.2)."""
    select: tuple[qp.SelectItem, ...] | None = None
    conditions: tuple = ()
    order: tuple = ()
    limit: int | None = None
    offset: int = 0
    columns: tuple[str, ...] | None = None
    on_conflict: tuple[str, ...] | None = None
    rpc_args: MappingProxyType = field(default_factory=lambda: EMPTY)  # name -> tuple of values (GET /rpc/f?a=1&a=2)
    embed_params: MappingProxyType = field(default_factory=lambda: EMPTY)  # embed path -> EmbedParams


@dataclass(frozen=True, slots=True)
class Payload:
    """The body: raw bytes, and its JSON value when its media type says so (a form body is one object
    of strings, a CSV body an array of them). `error` is the
    PGRST102 message to raise if a JSON body is needed and this body is not one."""
    raw: bytes = b""
    content_type: str = ""
    json: object = None  # None for an empty body
    error: str | None = None
    error_details: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()  # a form body's pairs in order (a repeated key, for VARIADIC)

    def json_value(self):
        if self.error is not None:
            raise pgrst("PGRST102", self.error, self.error_details)
        return self.json

    def text(self) -> str:
        """A text body (form, raw text argument) as UTF-8; anything else is a bad request, not a 500."""
        return body_text(self.raw)


@dataclass(frozen=True, slots=True)
class ApiRequest:
    method: str
    path: str  # the path after the optional /rest/v1 prefix
    target: str  # "relation", "rpc" or "root"
    name: str
    schema: str
    profile_given: bool
    headers: MappingProxyType  # lower-case names, repeated headers joined; without the cookie header
    cookies: MappingProxyType
    prefer: Preferences
    media: str  # "json", "singular" or "csv"; "json-stripped", "singular-stripped" (nulls=stripped)
    range: tuple[int, int | None]  # the requested rows: limit/offset and (GET) the Range header
    params: QueryParams = field(default_factory=QueryParams)
    payload: Payload = field(default_factory=Payload)
    explain: object | None = None  # explain.Explain: Accept asked for the statement's plan
    accepts: tuple[str, ...] = ("*/*",)  # the Accept media types, most preferred first (media.py)

    @property
    def singular(self) -> bool:
        return self.media.startswith("singular")

    @property
    def nulls_stripped(self) -> bool:
        return self.media.endswith("-stripped")

    @property
    def csv(self) -> bool:
        return self.media == "csv"

    @property
    def raw(self) -> bool:
        return self.media in ("text", "xml", "binary")


def parse(method: str, raw_path: str, query_string: str, headers: dict[str, str], body: bytes,
          schemas: list[str], timezones: frozenset[str]) -> ApiRequest:
    """The one constructor of ApiRequest. Raises the request's own errors (PGRST100-107, 114, 117, 122, 125)."""
    parts = split_path(raw_path)
    if not parts:
        target, name = "root", ""
    elif len(parts) == 2 and parts[0] == "rpc":
        target, name = "rpc", parts[1]
        if method not in RPC_METHODS:
            raise pgrst("PGRST101", f"Cannot use the {method} method on RPC")
    elif len(parts) == 1:
        target, name = "relation", parts[0]
    else:
        raise pgrst("PGRST125", "Invalid path specified in request URL")
    if target == "relation" and method not in TABLE_METHODS:
        raise pgrst("PGRST117", f"Unsupported HTTP method: {method}")
    schema, profile_given = _schema(method, headers, schemas)
    prefer = parse_prefer([headers.get("prefer", "")], timezones)
    plan_media = explain.parse(headers.get("accept"))
    media = negotiate(plan_media.for_media if plan_media else headers.get("accept"))
    params = classify_params(query_string, target, method)
    if method == "PUT" and (params.limit is not None or params.offset):  # before the table is looked up
        raise pgrst("PGRST114", "limit/offset querystring parameters are not allowed for PUT")
    return ApiRequest(
        method=method, path="/" + "/".join(parts), target=target, name=name, schema=schema,
        profile_given=profile_given,
        headers=MappingProxyType({k: v for k, v in headers.items() if k != "cookie"}),
        cookies=MappingProxyType(parse_cookies(headers.get("cookie"))), prefer=prefer, media=media,
        explain=plan_media,
        accepts=media_module.accepted(plan_media.for_media if plan_media else headers.get("accept")),
        range=_range(params, headers.get("range") if method == "GET" else None), params=params,
        payload=read_payload(body, headers.get("content-type", "")))


def _schema(method: str, headers: dict[str, str], schemas: list[str]) -> tuple[str, bool]:
    header = "accept-profile" if method in ("GET", "HEAD") else "content-profile"
    wanted = headers.get(header)
    if wanted is None:
        return schemas[0], False
    if wanted not in schemas:
        raise pgrst("PGRST106", f"Invalid schema: {wanted}",
                    hint=f"Only the following schemas are exposed: {', '.join(schemas)}")
    return wanted, True


def parse_prefer(values: list[str], timezones: frozenset[str] | None = None) -> Preferences:
    """PostgREST's Preferences.fromHeaders: the first value of each kind wins; `max-affected=` is never
    an invalid item (a value that is not an integer is no preference); the first `timezone=` decides
    whether every `timezone=` item is accepted (a name of pg_timezone_names) or invalid. Under
    handling=strict any invalid item, listed in the order given, is 400 PGRST122."""
    found: dict[str, str] = {}
    invalid: list[str] = []
    pairs = [(item, *(x.strip() for x in item.partition("=")[::2]))
             for item in (i.strip() for header in values for i in header.split(",")) if item]
    firsts = {}
    for _, key, value in pairs:
        if key in ("timezone", "max-affected"):
            firsts.setdefault(key, value)
    timezone, max_affected = firsts.get("timezone"), firsts.get("max-affected")
    if timezone is not None and (timezones is None or timezone in timezones):
        found["timezone"] = timezone
    if max_affected is not None and re.fullmatch(r"-?\d{1,18}", max_affected):
        found["max-affected"] = max_affected
    for item, key, value in pairs:
        if key in PREFER_KINDS and value in PREFER_KINDS[key]:
            found.setdefault(key, value)
        elif key == "max-affected" or (key == "timezone" and "timezone" in found):
            continue
        else:
            invalid.append(item)
    if found.get("handling") == "strict" and invalid:
        raise pgrst("PGRST122", "Invalid preferences given with handling=strict",
                    details=f"Invalid preferences: {', '.join(invalid)}")
    return Preferences(MappingProxyType(found), tuple(invalid))


def negotiate(accept: str | None) -> str:
    """"json", "singular" or "csv" (the first two with "-stripped" for `nulls=stripped`: null-valued keys
    left out of each object), "text", "xml" or "binary"; "none" when nothing built in is acceptable (the
    plan then looks for a custom media-type handler, else answers 406 PGRST107). Most preferred first."""
    if not accept:
        return "json"
    for part in sorted(accept.split(","), key=_quality):
        mode = builtin_media(part)
        if mode is not None:
            return mode
    return "none"


def _quality(part: str) -> float:
    for param in part.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                return -float(value)
            except ValueError:
                return -1.0
    return -1.0


def builtin_media(part: str) -> str | None:
    """The built-in rendering of one Accept item (`type/subtype; params`), or None."""
    media, *media_params = [p.strip().lower() for p in part.split(";")]
    stripped = "-stripped" if "nulls=stripped" in media_params else ""
    if media in SINGULAR_TYPES:
        return "singular" + stripped
    if media in ("application/vnd.pgrst.array+json", "application/vnd.pgrst.array") and stripped:
        return "json" + stripped
    if media in RAW_MEDIA:
        return RAW_MEDIA[media]
    if media == "text/csv":
        return "csv"
    if media == "application/geo+json":
        return "geojson"
    if media in JSON_TYPES or media in ("", "application/openapi+json"):
        return "json"
    return None


def parse_cookies(header: str | None) -> dict[str, str]:
    cookies = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name:
            cookies[name] = value
    return cookies


# A client sends the same select, order and columns on every request: parsed once (the parsed items
# are never changed afterwards, so requests share them). Filters carry values and are parsed each time.
@lru_cache(maxsize=512)
def _select(text: str) -> tuple:
    return tuple(qp.parse_select(text))


@lru_cache(maxsize=512)
def _order(text: str) -> tuple:
    return tuple(qp.parse_order(text)) if text else ()


@lru_cache(maxsize=512)
def _columns(text: str) -> tuple:
    return tuple(qp.parse_columns(text))


@dataclass
class _Embedded:
    """EmbedParams while the query string is read (frozen into EmbedParams at the end)."""
    conditions: list = field(default_factory=list)
    order: tuple = ()
    limit: int | None = None
    offset: int = 0


def classify_params(query_string: str, target: str, method: str) -> QueryParams:
    is_rpc_read = target == "rpc" and method in ("GET", "HEAD")
    found: dict = {}
    conditions: list = []
    rpc_args: dict[str, list[str]] = {}
    embedded: dict[tuple[str, ...], _Embedded] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        if key == "select":  # an empty root select is every column (PostgREST v13)
            if value:
                found["select"] = _select(value)
            else:
                found.pop("select", None)
        elif key in ("columns", "on_conflict"):
            found[key] = _columns(value)
        elif key == "order":
            found["order"] = _order(value)
        elif key in ("limit", "offset"):
            found[key] = _integer(key, value)
        elif key in ("and", "or", "not.and", "not.or"):
            negated = key.startswith("not.")
            conditions.append(qp.parse_logic(key.removeprefix("not."), negated, value))
        elif "." in key and key.rsplit(".", 1)[1] in EMBEDDABLE | {"and", "or"}:
            _embedded_param(embedded, key, value)
        elif value == "":
            continue
        elif _embed_path(key) and not (is_rpc_read and not qp.looks_like_operation(value)):
            path = _embed_path(key)
            column = key[len(".".join(path)) + 1:]
            embedded.setdefault(path, _Embedded()).conditions.append(qp.parse_filter(column, value))
        elif is_rpc_read and not qp.looks_like_operation(value):
            rpc_args.setdefault(key, []).append(value)
        else:
            conditions.append(qp.parse_filter(key, value))
    return QueryParams(
        conditions=tuple(conditions),
        rpc_args=MappingProxyType({k: tuple(v) for k, v in rpc_args.items()}),
        embed_params=MappingProxyType({p: EmbedParams(tuple(e.conditions), e.order, e.limit, e.offset)
                                       for p, e in embedded.items()}),
        **found)


def _embed_path(key: str) -> tuple[str, ...]:
    """`actors.roles.name` -> ("actors", "roles"); dots inside quotes or JSON paths do not count."""
    head = key.split("->", 1)[0]
    if '"' in head or "." not in head:
        return ()
    return tuple(head.split(".")[:-1])


def _embedded_param(embedded: dict, key: str, value: str) -> None:
    prefix, _, op = key.rpartition(".")
    path, negated = tuple(prefix.split(".")), False
    if op in ("and", "or") and path[-1] == "not":
        path, negated = path[:-1], True
    params = embedded.setdefault(path, _Embedded())
    if op == "order":
        params.order = _order(value)
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
    if number < 0 and name == "offset":  # a negative offset is a no-op (PostgREST)
        return 0
    if number < 0:
        raise pgrst("PGRST103", "Requested range not satisfiable",
                    details=f"{name.capitalize()} should be greater than or equal to zero.")
    return number


def _range(params: QueryParams, header: str | None) -> tuple[int, int | None]:
    """The rows asked for, as (lower, upper or None): offset/limit, narrowed by a GET's Range header."""
    lower, upper = params.offset, None
    if params.limit is not None:
        upper = params.offset + params.limit - 1
    rng = range_header(header)
    if rng:
        lower = max(lower, rng[0])
        if rng[1] is not None:
            upper = rng[1] if upper is None else min(upper, rng[1])
    return lower, upper


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


def read_payload(body: bytes, content_type_header: str) -> Payload:
    content_type = content_type_header.split(";")[0].strip().lower()
    if content_type == FORM:
        try:
            pairs = tuple(parse_qsl(body_text(body), keep_blank_values=True))
        except ApiError as e:
            return Payload(body, content_type, error=e.message, error_details=e.details)
        # As PostgREST: one object whose values are all strings (the last of a repeated key wins).
        return Payload(body, content_type, json=dict(pairs), pairs=pairs)
    if content_type == CSV:
        try:
            return Payload(body, content_type, json=csv_rows(body_text(body)))
        except ApiError as e:
            return Payload(body, content_type, error=e.message, error_details=e.details)
    if content_type not in ("", "application/json") and not content_type.startswith("application/json"):
        return Payload(body, content_type, error=f"Content-Type not acceptable: {content_type}")
    if not body.strip():
        return Payload(body, content_type)
    try:
        return Payload(body, content_type, json=orjson.loads(body))
    except orjson.JSONDecodeError:
        return Payload(body, content_type, error="Empty or invalid json")


def csv_rows(text: str) -> list[dict]:
    """A text/csv body as PostgREST reads it: the first line names the columns, every value is a
    string except an unquoted or quoted `NULL`, which is null."""
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        return []
    header, rows = lines[0], [line for line in lines[1:] if line]
    if any(len(row) != len(header) for row in rows):
        raise pgrst("PGRST102", "All lines must have same number of fields")
    return [{k: None if v == "NULL" else v for k, v in zip(header, row, strict=True)} for row in rows]


def body_text(body: bytes) -> str:
    try:
        return body.decode()
    except UnicodeDecodeError:
        raise pgrst("PGRST102", "Invalid request body", "The body is not valid UTF-8") from None


def split_path(raw_path: str) -> list[str]:
    path = raw_path
    if path == "/rest/v1" or path.startswith("/rest/v1/"):
        path = path[len("/rest/v1"):]
    return [p for p in path.strip("/").split("/")] if path.strip("/") else []
