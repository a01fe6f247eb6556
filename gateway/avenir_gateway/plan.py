"""The plan of a request (PostgREST's `Plan`): the frozen ApiRequest and the schema cache become a
tree of frozen nodes -- a read (`ReadPlan`), a write (`MutatePlan`) or a function call (`CallPlan`),
each with the read that shapes its answer, and the transaction settings (`TxPlan`). Embeds are child
`ReadPlan`s carrying the relationship they were resolved through.

Everything the schema cache decides is decided here, and every resolution error is raised here:
unknown table or function (PGRST205, PGRST202/203), relationships (PGRST200/201), columns (PGRST204,
42703), embedded filters (PGRST108, PGRST120), payload shape (PGRST102, PGRST105, PGRST115),
max-affected (PGRST128), casts (42704). There is no SQL here; query.py renders a plan."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

import orjson

from . import media as media_types
from . import query_params as qp
from . import rpc, rpc_arguments
from .config import Config
from .embed import Relationship, Relationships
from .errors import ApiError, pgrst
from .fuzzy import fuzzy_closest
from .query_ast import output_name
from .request import CSV, FORM, ApiRequest, builtin_media
from .schema_cache import Argument, Column, Function, Relation, SchemaCache
from .sql_fragments import pg_array_literal

CAST = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*(\[\])?$")


# -- the tree ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FieldRef:
    """A column, or a computed field (a function of the row), with its JSON path."""
    name: str
    base_type: str
    computed: Function | None = None
    json_path: tuple[qp.JsonStep, ...] = ()
    column: Column | None = None  # a column of a domain with representations (Column.to_json, ...)

    @property
    def output_name(self) -> str:
        return output_name(self.name, self.json_path)


@dataclass(frozen=True, slots=True)
class Filter:
    field: FieldRef
    negated: bool
    operator: str
    value: str | tuple[str, ...]
    quantifier: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Logic:
    operator: str  # "and" / "or"
    negated: bool
    children: tuple  # of Filter | Logic


@dataclass(frozen=True, slots=True)
class EmbedNull:
    """`embed=is.null` / `embed=not.is.null`: the parent rows with (or without) a related row."""
    embed: str  # the key of an EmbedItem of the same ReadPlan
    absent: bool


@dataclass(frozen=True, slots=True)
class Order:
    field: FieldRef
    direction: str | None = None
    nulls: str | None = None
    embed: object | None = None  # EmbedItem: `order=rel(col)` orders by a column of a to-one embed


@dataclass(frozen=True, slots=True)
class Star:
    pass


@dataclass(frozen=True, slots=True)
class ColumnItem:
    field: FieldRef
    alias: str | None = None
    cast: str | None = None

    @property
    def labelled(self) -> bool:
        represented = self.field.column is not None and self.field.column.to_json is not None
        return bool(self.alias or self.cast or self.field.json_path or represented)


@dataclass(frozen=True, slots=True)
class AggregateItem:
    function: str
    field: FieldRef | None  # None: count()
    alias: str | None = None
    cast: str | None = None
    arg_cast: str | None = None  # `col::int.sum()`: the argument is cast first


@dataclass(frozen=True, slots=True)
class EmbedItem:
    key: str  # the output name (alias or relation name); `key=is.null` filters refer to it
    relationship: Relationship
    read: ReadPlan
    spread: bool = False
    inner: bool = False
    empty: bool = False  # `rel()`: filters the parent, adds no key


@dataclass(frozen=True, slots=True)
class ReadPlan:
    """Rows of one source: the request's relation, the mutated rows (`pgrst_source`), a function's
    result, or an embedded relation."""
    source: str  # "relation", "mutated", "call", "embed"
    label: str  # the name in 42703 messages
    relation: Relation | None  # for embeds and computed fields
    select: tuple | None  # None: every column (`*`)
    filters: tuple = ()
    order: tuple[Order, ...] = ()
    limit: int | None = None
    offset: int = 0
    grouped: bool = False  # aggregates: group by the other selected columns

    @property
    def embeds(self) -> tuple[EmbedItem, ...]:
        return tuple(i for i in self.select or () if isinstance(i, EmbedItem))


@dataclass(frozen=True, slots=True)
class MutatePlan:
    kind: str  # "insert", "put", "update", "delete"
    relation: Relation
    columns: tuple[str, ...] = ()  # the columns written
    payload: str | None = None  # the rows as JSON text
    filters: tuple = ()
    on_conflict: tuple[str, ...] | None = None
    conflict_update: bool = False  # do update set ... (else do nothing)
    returning: tuple[str, ...] | None = None  # None: every column; (): no column
    nothing: bool = False  # nothing to write (an empty array, an empty PATCH body)
    location: tuple[str, ...] = ()  # the primary key, for `return=headers-only`'s Location
    defaults: tuple[tuple[str, str], ...] = ()  # `Prefer: missing=default`: (column, DEFAULT expression)
    # PUT: (key column, URL value) pairs the payload gives in another spelling (`1.0` for `eq.1`): compared
    # by the database, as the column's type says; no row written then means they differ (PGRST115).
    key_check: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CallPlan:
    function: Function
    arguments: tuple[Argument, ...] = ()  # the named arguments passed
    args_json: str | None = None  # the arguments of a JSON body, read by json_to_record
    # The arguments of a query string or form, each a text value cast to its parameter's type in the
    # call itself (an array literal for a variadic one), as PostgREST passes them: SQL functions inline.
    direct: tuple[str, ...] | None = None
    raw: str | bytes | None = None  # the whole body, for a single unnamed parameter
    scalar: bool = False


@dataclass(frozen=True, slots=True)
class RefusedCallPlan:
    """A call whose arguments the database cannot decode (rpc_arguments.py): never run; answered 400
    22P05, after db-rejected-rpc-hook."""
    function: Function
    arguments: dict | None  # the named arguments as given, or None for a whole body
    refused: tuple[str, object]  # (argument name, its value)


@dataclass(frozen=True, slots=True)
class TxPlan:
    """One transaction per request (§1.11): its access mode and how it ends."""
    read_only: bool
    commit: bool  # db-tx-end and Prefer: tx
    tx_applied: bool  # Prefer: tx was honoured
    max_affected: int | None = None
    singular: bool = False
    planned_count: bool = False
    put_check: bool = False  # a PUT whose key values the database compares: no row written is PGRST115
    # A called function's own settings that db-hoisted-tx-settings names (set with the request's), and
    # the isolation level its `SET default_transaction_isolation` asks for (None: read committed).
    settings: tuple[tuple[str, str], ...] = ()
    isolation: str | None = None

    @property
    def inspect_first(self) -> bool:
        """The end waits for the result (singular: 0 or >1 rows rolls back; max-affected; a PUT's key check)."""
        return self.singular or self.max_affected is not None or self.put_check


@dataclass(frozen=True, slots=True)
class ActionPlan:
    kind: str  # "read", "mutate", "call"
    read: ReadPlan | None  # the answer's rows; None for a write without representation
    tx: TxPlan
    mutate: MutatePlan | None = None
    call: CallPlan | None = None
    count: str | None = None  # Prefer: count
    exact_count: bool = False
    # count=estimated under db-max-rows: the exact count stops at max-rows + 1, which is enough to know
    # the planner's estimate is wanted (PostgREST's limited count query)
    count_cap: int | None = None
    include_body: bool = True
    offset: int = 0  # the first row of the page (Content-Range)
    ret: str = "minimal"  # Prefer: return of a write
    profile: str | None = None  # Content-Profile of the answer
    media: str = "json"  # the built-in rendering negotiated (request.builtin_media), or "custom"
    handler: media_types.Handler | None = None  # the custom media-type handler answering (media.py)


@dataclass(frozen=True, slots=True)
class InfoPlan:
    """OPTIONS: what the resource allows."""
    allow: str


# -- planning ------------------------------------------------------------------------------

def plan(req: ApiRequest, cache: SchemaCache, cfg: Config) -> ActionPlan | InfoPlan | RefusedCallPlan:
    if req.target == "root":
        if req.method == "OPTIONS":
            return InfoPlan("OPTIONS,GET,HEAD")
        raise pgrst("PGRST126", "Root endpoint metadata is disabled")
    if req.target == "rpc":
        return _call_action(req, cache, cfg)
    rel = cache.relations.get((req.schema, req.name))
    if rel is None:
        names = [n for (s, n) in cache.relations if s == req.schema]
        close = fuzzy_closest(req.name, names)
        raise pgrst("PGRST205", f"Could not find the table '{req.schema}.{req.name}' in the schema cache",
                    hint=f"Perhaps you meant the table '{req.schema}.{close}'" if close else None)
    if req.method == "OPTIONS":
        return InfoPlan(rel.allow)
    if req.method in ("GET", "HEAD"):
        return _read_action(req, rel, cache, cfg)
    return _mutate_action(req, rel, cache, cfg)


def _profile(req: ApiRequest, cfg: Config) -> str | None:
    return req.schema if len(cfg.db_schemas) > 1 or req.profile_given else None


def _page(req: ApiRequest, cfg: Config) -> tuple[int, int | None]:
    """(offset, limit) of the page: the request's range capped by db-max-rows."""
    lower, upper = req.range
    if cfg.db_max_rows is not None:
        cap = lower + cfg.db_max_rows - 1
        upper = cap if upper is None else min(upper, cap)
    return lower, None if upper is None else max(upper - lower + 1, 0)


def _tx(req: ApiRequest, cfg: Config, read_only: bool, planned_count: bool = False) -> TxPlan:
    mode, wanted = cfg.db_tx_end, req.prefer.get("tx")
    if mode.endswith("allow-override") and wanted:
        commit, applied = wanted == "commit", True
    else:
        commit, applied = mode.startswith("commit"), False
    return TxPlan(read_only, commit, applied, _max_affected(req), req.singular, planned_count)


def _max_affected(req: ApiRequest) -> int | None:
    """`Prefer: max-affected=N` is honoured with handling=strict on PATCH, DELETE and every call of a
    function (GET or POST: PostgREST checks the rows of any invocation) (v13)."""
    value = req.prefer.get("max-affected")
    if value is None or req.prefer.get("handling") != "strict":
        return None
    if req.target != "rpc" and req.method not in ("PATCH", "DELETE"):
        return None
    return int(value)


def _read_action(req: ApiRequest, rel: Relation, cache: SchemaCache, cfg: Config) -> ActionPlan:
    count = req.prefer.get("count")
    offset, limit = _page(req, cfg)
    planner = Planner(cache, req, cfg.db_aggregates_enabled, cfg.db_max_rows)
    read = planner.read("relation", planner.relation_scope(rel), req.params.select, req.params.conditions,
                        req.params.order, limit, offset)
    planner.check_unused()
    mode, handler = negotiate(req, cache, (rel.schema, rel.name), req.params.select, _one_column(read))
    return ActionPlan("read", read, _tx(req, cfg, True, count in ("planned", "estimated")), count=count,
                      exact_count=count in ("exact", "estimated"), count_cap=_count_cap(count, cfg),
                      include_body=req.method == "GET", offset=offset,
                      profile=_profile(req, cfg), media=mode, handler=handler)


def _count_cap(count: str | None, cfg: Config) -> int | None:
    return cfg.db_max_rows + 1 if count == "estimated" and cfg.db_max_rows is not None else None


RAW_MODES = ("text", "xml", "binary")


def _one_column(read: ReadPlan) -> bool:
    """The built-in raw renderings (text/plain, text/xml, octet-stream) need exactly one selected column."""
    return read.select is not None and len(read.select) == 1 and isinstance(read.select[0], ColumnItem)


OPENAPI_MEDIA = "application/openapi+json"


def negotiate(req: ApiRequest, cache: SchemaCache, target: tuple[str, str], select, raw_ok: bool,
              custom: bool = True) -> tuple[str, media_types.Handler | None]:
    """The rendering of the answer (PostgREST's negotiateContent): the first acceptable Accept item,
    most preferred first, that a custom handler of the target (with the default select), a handler of
    any relation, or a built-in rendering produces; 406 PGRST107 when none does."""
    if req.explain is not None and req.media != "none":
        return req.media, None

    def builtin(part: str) -> bool:
        if part.split(";")[0].strip().lower() == OPENAPI_MEDIA:
            return False  # the root's document only (or a handler's: a function returning that domain)
        mode = builtin_media(part)
        return mode is not None and (raw_ok or mode not in RAW_MODES)

    default_select = select is None or (len(select) == 1 and select[0].field is None and select[0].embed is None
                                        and select[0].aggregate is None)
    try:
        handler = media_types.choose(req.accepts, cache.media_handlers if custom else {}, target,
                                     default_select, builtin)
    except LookupError:
        wanted = req.explain.for_media if req.explain is not None else req.headers.get("accept")
        raise pgrst("PGRST107", f"None of these media types are available: {wanted}") from None
    if handler is not None:
        return "custom", handler
    return next(builtin_media(p) for p in req.accepts if builtin(p)), None


# -- writes --------------------------------------------------------------------------------

def _mutate_action(req: ApiRequest, rel: Relation, cache: SchemaCache, cfg: Config) -> ActionPlan:
    ret = req.prefer.get("return") or "minimal"
    include_body = ret == "representation"
    planner = Planner(cache, req)
    if req.method == "POST":
        mutate = _insert(req, rel, include_body, ret == "headers-only")
    elif req.method == "PUT":
        mutate = _put(req, rel, include_body)
    elif req.method == "PATCH":
        mutate = _update(req, rel, include_body, planner)
    else:
        mutate = MutatePlan("delete", rel,
                            filters=planner.filters(planner.relation_scope(rel), req.params.conditions, {}),
                            returning=_returning(req, rel, include_body, False))
    read = None
    if include_body:
        select = req.params.select
        if mutate.kind == "put" or mutate.conflict_update:  # the table's columns, never the inserted marker
            select = _expand_star(select, rel)
        # Computed fields apply to the written rows; `order=` orders the representation (v13).
        read = planner.read("mutated", planner.relation_scope(rel), select, (), req.params.order, None, 0)
        planner.check_unused()
    # A custom handler renders the representation only (PostgREST: without it, no aggregate at all).
    mode, handler = negotiate(req, cache, (rel.schema, rel.name), req.params.select, True)
    tx = _tx(req, cfg, False)
    if mutate.key_check:
        tx = dataclasses.replace(tx, put_check=True)
    return ActionPlan("mutate", read, tx, mutate=mutate, count=req.prefer.get("count"),
                      include_body=include_body, ret=ret, profile=_profile(req, cfg), media=mode,
                      handler=handler if include_body else None)


def _check_columns(rel: Relation, names) -> None:
    for name in names:
        if name not in rel.columns:
            raise pgrst("PGRST204", f"Could not find the '{name}' column of '{rel.name}' in the schema cache")


def _returning(req: ApiRequest, rel: Relation, include_body: bool, location: bool) -> tuple[str, ...] | None:
    """What a write returns: only the columns its response reads, so a role with column privileges can
    write what it may not read (PostgREST: `return=minimal` needs no SELECT on the columns)."""
    if include_body:
        items = req.params.select
        plain = items and all(i.field is not None and i.embed is None and i.aggregate is None for i in items)
        if plain and not req.params.order:  # (an order may name other columns)
            names = tuple(dict.fromkeys(i.field.name for i in items))
            if all(n in rel.columns for n in names):
                return names
        return None
    if location and rel.primary_key:
        return tuple(rel.primary_key)
    return ()


def _defaults(req: ApiRequest, rel: Relation, names) -> tuple[tuple[str, str], ...]:
    """`Prefer: missing=default`: a written column a row leaves out takes its DEFAULT (else null)."""
    if req.prefer.get("missing") != "default":
        return ()
    return tuple((n, rel.columns[n].default) for n in names if rel.columns[n].default is not None)


def _insert(req: ApiRequest, rel: Relation, include_body: bool, location: bool) -> MutatePlan:
    payload = req.payload.json_value()
    columns = req.params.columns
    if isinstance(payload, dict):
        rows = [payload]
    elif isinstance(payload, list) and all(isinstance(r, dict) for r in payload):
        rows = payload
    elif isinstance(payload, list) and columns is None:
        # PostgREST reads an array with a non-object element as keys that do not match.
        raise pgrst("PGRST102", "All object keys must match")
    else:
        raise pgrst("PGRST102", "Empty or invalid json")
    if rows and columns is None:  # with columns= absent keys are simply null, as in PostgREST
        keys = set(rows[0])
        if any(set(r) != keys for r in rows[1:]):
            raise pgrst("PGRST102", "All object keys must match")
    if columns is not None:
        _check_columns(rel, columns)
        names = tuple(columns)
        rows = _only(rows, names)
        text = _rows_text(req, rows, names)
    else:
        text = _rows_text(req, rows, None)
        names = tuple(rows[0]) if rows else ()
        _check_columns(rel, names)
    returning = _returning(req, rel, include_body, location)
    # Location names the key columns in the row's column order (PostgREST reads them off the row).
    keys = tuple(c for c in rel.columns if c in rel.primary_key) if location and rel.primary_key else ()
    if not rows:
        return MutatePlan("insert", rel, returning=returning, nothing=True, location=keys)
    on_conflict, update = _on_conflict(req, rel, names) if names else (None, False)
    return MutatePlan("insert", rel, names, text if names else None,
                      on_conflict=on_conflict, conflict_update=update, returning=returning, location=keys,
                      defaults=_defaults(req, rel, names))


class _Number(str):
    """A JSON number as the client wrote it (a Python float would round `-100000000000000.13`)."""


class _Object(list):
    """A JSON object as its (key, value) pairs: order and repeated keys kept, as a json column keeps them."""


def _exact(raw: bytes):
    return json.loads(raw, parse_int=_Number, parse_float=_Number, object_pairs_hook=_Object)


def _dump(value) -> str:
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, _Object):
        return "{" + ",".join(f"{_dump(k)}:{_dump(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    return "null" if value is None else "true" if value is True else "false"


def _rows_text(req: ApiRequest, rows: list, names: tuple[str, ...] | None, first: bool = False) -> str:
    """The rows of a write as the statement's JSON text, every value as the client wrote it (as
    PostgREST passes its body on): numbers with all their digits, a json column's keys in their order,
    repeated ones too. A JSON body is passed on as it is, or re-written from an exact reading when
    columns= keeps only some keys (`names`) or only its first row is written (`first`, a PATCH); a
    form or CSV body (strings only) is serialised from its rows."""
    if req.payload.content_type in (FORM, CSV):
        return orjson.dumps(rows[0] if first else rows).decode()
    if names is None and not (first and isinstance(req.payload.json, list)):
        text = req.payload.raw.decode()
        return f"[{text}]" if isinstance(req.payload.json, dict) and not first else text
    value = _exact(req.payload.raw)
    value = [value] if isinstance(value, _Object) else value
    if names is not None:
        value = [_Object((k, v) for k, v in row if k in names) for row in value]
    return _dump(value[0] if first else value)


def _only(rows: list[dict], names: tuple[str, ...]) -> list[dict]:
    """The rows with only the keys of columns=: the others are neither written nor parsed (a value
    that its column's type would refuse is ignored, as PostgREST)."""
    return [{k: row[k] for k in names if k in row} for row in rows]


def _on_conflict(req: ApiRequest, rel: Relation, names: tuple[str, ...]) -> tuple[tuple[str, ...] | None, bool]:
    """Upsert (`Prefer: resolution=...`): the conflict target is on_conflict= or the primary key."""
    resolution = req.prefer.get("resolution")
    if resolution is None:
        return None, False
    target = req.params.on_conflict if req.params.on_conflict is not None else tuple(rel.primary_key)
    _check_columns(rel, target)
    if not target:
        return None, False
    return tuple(target), resolution == "merge-duplicates" and bool(names)


def _put(req: ApiRequest, rel: Relation, include_body: bool) -> MutatePlan:
    """PUT /t?pk=eq.v: a single-row upsert keyed by the whole primary key (§1.6)."""
    pk = rel.primary_key
    conditions = req.params.conditions
    eqs = {c.field.name: c.value for c in conditions
           if isinstance(c, qp.Condition) and c.operator == "eq" and not c.negated and not c.quantifier
           and not c.field.json_path}
    if not pk or len(eqs) != len(conditions) or set(eqs) != set(pk):
        raise pgrst("PGRST105", "Filters must include all and only primary key columns with 'eq' operators")
    payload = req.payload.json_value()
    if isinstance(payload, list):  # only the first row is put, as PostgREST's LIMIT 1
        payload = _first_row(payload, None)
    if not isinstance(payload, dict):
        raise pgrst("PGRST102", "Empty or invalid json")
    if any(payload.get(c) is None for c in pk):  # a null key equals no URL value
        raise pgrst("PGRST115", "Payload values do not match URL in primary key column(s)")
    # The same text is the same value; another spelling is left to the database (PostgREST compares
    # the body's row with the URL's values in SQL).
    key_check = tuple((c, eqs[c]) for c in pk if _json_text(payload[c]) != eqs[c])
    names = tuple(req.params.columns) if req.params.columns is not None else tuple(payload)
    _check_columns(rel, names)
    return MutatePlan("put", rel, names, orjson.dumps([payload]).decode(), on_conflict=tuple(pk),
                      conflict_update=True, returning=_returning(req, rel, include_body, False),
                      defaults=_defaults(req, rel, names), key_check=key_check)


def _json_text(value) -> str:
    """A JSON value as a URL would spell it: a string as it is, anything else as JSON (`true`, `1.5`)."""
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _first_row(rows: list, empty):
    """The first object of an array body (`empty` for an empty array); PGRST102 when the elements are
    not objects with the same keys, as for an insert."""
    if not all(isinstance(r, dict) for r in rows):
        raise pgrst("PGRST102", "All object keys must match")
    if any(set(r) != set(rows[0]) for r in rows[1:]):
        raise pgrst("PGRST102", "All object keys must match")
    return rows[0] if rows else empty


def _update(req: ApiRequest, rel: Relation, include_body: bool, planner: Planner) -> MutatePlan:
    payload = req.payload.json_value()
    if isinstance(payload, list):  # PostgREST reads an array body too: `[]` and `[{}]` change nothing,
        payload = _first_row(payload, {})  # else the first row's values are set
    if not isinstance(payload, dict):
        raise pgrst("PGRST102", "Empty or invalid json")
    names = tuple(req.params.columns) if req.params.columns is not None else tuple(payload)
    _check_columns(rel, names)
    returning = _returning(req, rel, include_body, False)
    if not names:
        return MutatePlan("update", rel, returning=returning, nothing=True)
    text = _rows_text(req, [payload], tuple(req.params.columns) if req.params.columns is not None else None, first=True)
    return MutatePlan("update", rel, names, text,
                      filters=planner.filters(planner.relation_scope(rel), req.params.conditions, {}),
                      returning=returning,
                      defaults=_defaults(req, rel, names))


def _expand_star(items, rel: Relation):
    items = items if items is not None else (qp.SelectItem(None),)
    expanded = []
    for item in items:
        if item.field is None and item.aggregate is None and item.embed is None:
            expanded.extend(qp.SelectItem(qp.Field(c)) for c in rel.columns)
        else:
            expanded.append(item)
    return tuple(expanded)


# -- functions -----------------------------------------------------------------------------

def call_arguments(req: ApiRequest, cache: SchemaCache) -> tuple[Function, dict | None, str | bytes | None]:
    """The function a /rpc call means and its arguments: named ones (JSON body, form body or query
    string) or the whole body for a single unnamed parameter (or, with `Prefer: params=single-object`,
    for the single json/jsonb parameter, the arguments of a form or query string as one object)."""
    raw = None
    payload = req.payload
    raw_fn = rpc.resolve_raw(cache, req.schema, req.name, payload.content_type) if req.method == "POST" else None
    if raw_fn is not None:
        return raw_fn, None, payload.raw if raw_fn.arguments[0].type == "bytea" else payload.text()
    if req.method == "POST":
        if payload.content_type in rpc.RAW_TYPES:  # no function takes this raw body
            raise rpc.not_found(cache, req.schema, req.name, set(), rpc.callable_overloads(cache, req.schema, req.name),
                                payload.content_type)
        args = payload.json_value()  # a form body is one object of strings (request.read_payload)
        if args is None:
            args = {}
        rows = None
        if isinstance(args, list) and args and all(isinstance(r, dict) for r in args):
            rows = args  # an array of objects: the first one is the arguments (as PostgREST)
            args = rows[0]
        if isinstance(args, dict) and req.params.columns is not None:  # ?columns= ignores the other keys
            args = {k: v for k, v in args.items() if k in req.params.columns}
        keys = set(args) if isinstance(args, dict) else set()
        # Only a JSON body may go whole to a single unnamed json/jsonb parameter (not a form or CSV one).
        json_body = payload.content_type == "" or payload.content_type.startswith("application/json")
        fn, whole_body = rpc.resolve(cache, req.schema, req.name, keys, json_body=json_body,
                                     content_type=payload.content_type,
                                     single_object=req.prefer.get("params") == "single-object")
        if whole_body:  # a form body (params=single-object) goes as the object of its strings
            raw = (payload.text() if payload.raw.strip() else "{}") if json_body else orjson.dumps(args).decode()
            args = None
        elif not isinstance(args, dict):
            raise pgrst("PGRST102", "Empty or invalid json")
        if rows is not None and not whole_body:
            _first_row(rows, {})  # PGRST102 when the objects' keys differ
        if payload.pairs and args:  # a form's repeated key is an array for a variadic parameter
            for a in fn.arguments:
                if a.variadic and a.name in args:
                    args = {**args, a.name: [v for k, v in payload.pairs if k == a.name]}
        return fn, args, raw
    given = req.params.rpc_args
    single_object = req.prefer.get("params") == "single-object"
    fn, _ = rpc.resolve(cache, req.schema, req.name, set(given), json_body=False, single_object=single_object)
    if single_object:  # the query string's arguments as one object of strings (the last of a repeated one)
        return fn, None, orjson.dumps({k: v[-1] for k, v in given.items()}).decode()
    # A repeated parameter (`?v=1&v=2`) is an array for a variadic parameter; otherwise the last one wins.
    variadic = {a.name for a in fn.arguments if a.variadic}
    return fn, {k: list(v) if k in variadic else v[-1] for k, v in given.items()}, None


def _call_action(req: ApiRequest, cache: SchemaCache, cfg: Config) -> ActionPlan | InfoPlan | RefusedCallPlan:
    fn, args, raw = call_arguments(req, cache)
    if req.method == "OPTIONS":
        return InfoPlan("OPTIONS,POST" if fn.volatile else "OPTIONS,GET,HEAD,POST")
    if _max_affected(req) is not None and not fn.returns_set:
        raise pgrst("PGRST128", "Function must return SETOF or TABLE when max-affected preference is used "
                                "with handling=strict")
    refused = rpc_arguments.refused_argument(fn, args, raw)
    if refused is not None:
        return RefusedCallPlan(fn, args, refused)
    count = req.prefer.get("count")
    offset, limit = _page(req, cfg)
    scalar = fn.return_shape in ("scalar", "record", "void")
    if raw is not None:
        call = CallPlan(fn, raw=raw, scalar=scalar)
    else:
        used = tuple(a for a in fn.arguments if a.name in args)
        if req.method != "POST" or req.payload.content_type == FORM:
            direct = tuple(pg_array_literal(args[a.name]) if a.variadic else args[a.name] for a in used)
            call = CallPlan(fn, used, direct=direct, scalar=scalar)
        else:
            call = CallPlan(fn, used, orjson.dumps({a.name: args[a.name] for a in used}).decode() if used else None,
                            scalar=scalar)
    planner = Planner(cache, req, cfg.db_aggregates_enabled, cfg.db_max_rows)
    if scalar:
        columns = {"pgrst_scalar": Column("pgrst_scalar", fn.return_type, fn.return_type_name)}
        scope = Scope(columns, {}, fn.name, None)
        select = None
    else:
        # A function returning a table's rows can embed that table's relationships.
        rel = cache.relations.get((fn.schema, fn.return_type_name))
        # The table's own columns when it returns a table's rows: they carry its domain representations.
        scope = Scope(rel.columns if rel else fn.result_columns,
                      cache.computed.get((rel.schema, rel.name), {}) if rel else {}, fn.name, rel)
        select = req.params.select
    read = planner.read("call", scope, select, req.params.conditions, req.params.order, limit, offset,
                        scalar=scalar)
    planner.check_unused()
    read_only = req.method in ("GET", "HEAD") or not fn.volatile
    # A function returning a table's rows answers as that table; a media-type domain is its only rendering.
    target = fn.return_relation or (fn.schema, fn.name)
    raw_ok = (scalar and fn.return_type_name.lower() not in cache.media_domains) or (not scalar and _one_column(read))
    mode, handler = negotiate(req, cache, target, None if scalar else req.params.select, raw_ok)
    tx = _tx(req, cfg, read_only, count in ("planned", "estimated"))
    if fn.settings:
        hoisted = fn.hoisted(cfg.db_hoisted_tx_settings)
        tx = dataclasses.replace(tx, settings=hoisted, isolation=fn.isolation)
    return ActionPlan("call", read, tx, call=call,
                      count=count, exact_count=count in ("exact", "estimated"), count_cap=_count_cap(count, cfg),
                      include_body=req.method != "HEAD",
                      offset=offset, profile=_profile(req, cfg), media=mode, handler=handler)


# -- reads, embeds, filters ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Scope:
    """What the names of one read refer to: its columns, computed fields, label and relation."""
    columns: dict[str, Column]
    computed: dict[str, Function]
    label: str
    relation: Relation | None
    path: tuple[str, ...] = ()  # the embed path (`actors.roles`)

    @staticmethod
    def of(rel: Relation, computed: dict | None = None, path: tuple[str, ...] = ()) -> Scope:
        return Scope(rel.columns, computed or {}, rel.name, rel, path)

    @property
    def alias(self) -> str:
        """PostgREST's alias of this read in its statement (in its 42703/42712 messages): the
        relation's name at the top, `name_depth` when embedded."""
        return f"{self.label}_{len(self.path)}" if self.path else self.label


class Planner:
    """Resolves the reads of one request against the schema cache (and notes which embedded
    parameters were used, for PGRST108)."""

    def __init__(self, cache: SchemaCache, req: ApiRequest, aggregates_enabled: bool = False,
                 max_rows: int | None = None):
        self.cache = cache
        self.max_rows = max_rows  # db-max-rows caps every embedded read too (PostgREST's restrictRange)
        self.relationships = Relationships(cache)
        self.embed_params = req.params.embed_params
        self.aggregates_enabled = aggregates_enabled
        self.used_paths: set[tuple[str, ...]] = set()
        self.embed_paths: set[tuple[str, ...]] = set()  # every embed of the select list, by path
        self.name_paths: dict[tuple[str, ...], tuple[str, ...]] = {}  # an embed's path -> its relations' names

    def relation_scope(self, rel: Relation) -> Scope:
        return Scope.of(rel, self.cache.computed.get((rel.schema, rel.name)))

    def check_unused(self) -> None:
        """Embedded filters/order/limit must name an embed of the select list (400 PGRST108)."""
        for path in self.embed_params:
            if path not in self.used_paths:  # named by its first step that is not an embed (PostgREST's)
                name = next(path[i] for i in range(len(path)) if path[:i + 1] not in self.embed_paths)
                raise pgrst("PGRST108", f"'{name}' is not an embedded resource in this request",
                            hint=f"Verify that '{name}' is included in the 'select' query parameter.")

    def read(self, source: str, scope: Scope, items, conditions, order, limit: int | None, offset: int,
             scalar: bool = False) -> ReadPlan:
        select, grouped = (None, False) if scalar else self.select(items, scope)
        embeds = {i.key: i for i in select or () if isinstance(i, EmbedItem)}
        filters = self.filters(scope, conditions, embeds)
        return ReadPlan(source, scope.label, scope.relation, select, filters, self.order(order, scope, embeds),
                        limit, offset, grouped)

    def select(self, items, scope: Scope) -> tuple[tuple | None, bool]:
        represented = any(c.to_json is not None for c in scope.columns.values())
        if items is None:
            if not represented:
                return None, False
            items = (qp.SelectItem(None),)
        out, grouped, missing = [], False, None
        for item in items:
            try:
                grouped = self._select_item(item, scope, represented, out) or grouped
            except ApiError as err:  # an unknown column waits: relationship errors come first (PostgREST
                if err.code != "42703":  # resolves every embed before PostgreSQL sees a column)
                    raise
                missing = missing or err
        if missing is not None:
            raise missing
        if grouped:  # `*` beside aggregates: its columns, each grouped by (PostgREST's expandStars)
            out = [c for item in out for c in ((ColumnItem(field_ref(qp.Field(name), scope)) for name in scope.columns)
                                               if isinstance(item, Star) else (item,))]
        _refuse_same_embed_twice(out, scope)
        return tuple(out), grouped

    def _select_item(self, item: qp.SelectItem, scope: Scope, represented: bool, out: list) -> bool:
        """Plans one select item into `out`; whether it makes the read grouped."""
        grouped = False
        if item.embed is not None:
            if scope.relation is None:
                target = item.field.name if item.field else ""
                raise pgrst("PGRST200", f"Could not find a relationship between '{scope.label}' and "
                                        f"'{target}' in the schema cache")
            embedded = self.embed(item, scope)
            out.append(embedded)
            # a to-many spread's arrays are aggregates of the parent over the related rows
            grouped = (grouped or hoists_aggregates(embedded)
                       or (embedded.spread and not embedded.empty and not embedded.relationship.to_one))
        elif item.aggregate is not None or _bare_count(item, scope):
            if not self.aggregates_enabled:
                raise pgrst("PGRST123", "Use of aggregate functions is not allowed")
            fld = None if item.field is None or item.aggregate is None else field_ref(item.field, scope)
            out.append(AggregateItem(item.aggregate or "count", fld, item.alias, cast_type(item.cast),
                                     cast_type(item.arg_cast)))
            grouped = True
        elif item.field is None and represented:  # each column, read through its representation
            out.extend(ColumnItem(field_ref(qp.Field(name), scope)) for name in scope.columns)
        elif item.field is None:
            out.append(Star())
        else:
            fld = field_ref(item.field, scope)
            out.append(ColumnItem(fld, item.alias, cast_type(item.cast)))
        return grouped

    def embed(self, item: qp.SelectItem, scope: Scope) -> EmbedItem:
        name = item.field.name
        rel = self.relationships.resolve(scope.relation, name, item.hints)
        key = item.alias or name
        child = Scope.of(rel.target, self.cache.computed.get((rel.target.schema, rel.target.name), {}),
                         (*scope.path, key))
        # embedded parameters may name each step by its alias or its relation (`tasks.order` for
        # `the_tasks:tasks(...)`), as PostgREST matches them
        names = (*self.name_paths.get(scope.path, scope.path), name)
        self.name_paths[child.path] = names
        self.embed_paths.update((child.path, names))
        used = child.path if child.path in self.embed_params else names
        extra = self.embed_params.get(used)
        if extra is not None:
            self.used_paths.add(used)
            read = self.read("embed", child, item.embed, extra.conditions, extra.order,
                             self._capped(extra.limit), extra.offset)
        else:
            read = self.read("embed", child, item.embed, (), (), self._capped(None), 0)
        if item.spread:
            read = self._spread_read(read, rel, child)
        # an embed of nothing but empty embeds (`tasks(projects())`) is empty too: it only filters
        empty = item.embed == [] or bool(read.select) and all(
            isinstance(sub, EmbedItem) and sub.empty for sub in read.select)
        return EmbedItem(key, rel, read, item.spread, "inner" in item.hints, empty)

    def _capped(self, limit: int | None) -> int | None:
        if self.max_rows is None:
            return limit
        return self.max_rows if limit is None else min(limit, self.max_rows)

    def _spread_read(self, read: ReadPlan, rel: Relationship, child: Scope) -> ReadPlan:
        """`...rel(cols)`: `*` becomes the columns (each is lifted into the parent); a to-many spread
        aggregates each into an array, which PostgREST v13 allows only with db-aggregates-enabled."""
        if not rel.to_one and not self.aggregates_enabled:
            raise pgrst("PGRST123", "Use of aggregate functions is not allowed")
        columns = []
        for sub in read.select or ():
            if isinstance(sub, Star):
                columns.extend(ColumnItem(field_ref(qp.Field(c), child)) for c in child.columns)
            else:
                columns.append(sub)
        return ReadPlan(read.source, read.label, read.relation, tuple(columns), read.filters, read.order,
                        read.limit, read.offset)

    def filters(self, scope: Scope, conditions, embeds: dict[str, EmbedItem]) -> tuple:
        """Column conditions, then `embed=[not.]is.null` on the embeds of this read (also inside
        `or=(embed.is.null,...)`; PGRST120 for any other operator on an embed)."""
        on_embeds, rest = [], []
        for cond in conditions:
            null = embed_null(cond, embeds, scope)
            (rest if null is None else on_embeds).append(cond if null is None else null)
        return tuple(condition(c, scope, embeds) for c in rest) + tuple(on_embeds)

    @staticmethod
    def order(terms, scope: Scope, embeds: dict | None = None) -> tuple[Order, ...]:
        out = []
        for term in terms:
            if term.relation is not None:  # `order=rel(col)`: rel must be a to-one embed of this read
                embed = (embeds or {}).get(term.relation)
                if embed is None:
                    raise pgrst("PGRST108", f"'{term.relation}' is not an embedded resource in this request",
                                hint=f"Verify that '{term.relation}' is included in the 'select' query parameter.")
                if not embed.relationship.to_one:
                    raise pgrst("PGRST118", f"A related order on '{term.relation}' is not possible",
                                details=f"'{scope.label}' and '{term.relation}' do not form a many-to-one or "
                                        "one-to-one relationship")
                child = Scope.of(embed.relationship.target, {})
                aliased = _aliased_column(embed.read, term.field, child)
                out.append(Order(aliased or field_ref(term.field, child), term.direction, term.nulls, embed))
                continue
            out.append(Order(field_ref(term.field, scope), term.direction, term.nulls))
        return tuple(out)


def _aliased_column(read: ReadPlan, fld, scope: Scope):
    """`order=rel(alias)`: a name that is no column of the embed but the alias of one of its selected
    columns (`...rel(supervisor:id)`) orders by that column."""
    if fld.json_path or fld.name in scope.columns:
        return None
    return next((item.field for item in read.select or () if isinstance(item, ColumnItem)
                 and item.alias == fld.name), None)


def _refuse_same_embed_twice(items: list, scope: Scope) -> None:
    """Two embeds under one name (`users!a(*), users!b(*)`) would share PostgREST's lateral alias
    `parent_name_depth`, which PostgreSQL refuses (42712, a 400)."""
    seen = set()
    for item in items:
        if isinstance(item, EmbedItem):
            if item.key in seen:
                name = f"{scope.alias}_{item.key}_{len(scope.path) + 1}"
                raise ApiError(400, "42712", f'table name "{name}" specified more than once')
            seen.add(item.key)


def _bare_count(item: qp.SelectItem, scope: Scope) -> bool:
    """`rel(count)`: a field named count that is no column (nor computed field) is `count()`, as
    PostgREST reads it."""
    fld = item.field
    return (fld is not None and fld.name == "count" and not fld.json_path
            and "count" not in scope.columns and "count" not in scope.computed)


def hoists_aggregates(item: EmbedItem) -> bool:
    """Aggregates inside a to-one spread (or spreads nested in it) are computed by the parent, which
    then groups by its other columns (PostgREST v13)."""
    if not (item.spread and item.relationship.to_one):
        return False
    return any(isinstance(sub, AggregateItem) or (isinstance(sub, EmbedItem) and hoists_aggregates(sub))
               for sub in item.read.select or ())


def field_ref(fld: qp.Field, scope: Scope) -> FieldRef:
    col = scope.columns.get(fld.name)
    if col is not None:
        return FieldRef(fld.name, col.base_type, None, tuple(fld.json_path), col if col.represented else None)
    fn = scope.computed.get(fld.name)
    if fn is not None:
        return FieldRef(fld.name, fn.return_type_name, fn, tuple(fld.json_path))
    raise ApiError(400, "42703", f"column {scope.alias}.{fld.name} does not exist")


def embed_null(cond, embeds: dict[str, EmbedItem], scope: Scope | None = None) -> EmbedNull | None:
    """`embed=is.null` / `embed=not.is.null` (PostgREST's null filter on an embedded resource). Another
    operator on a name that is both an embed and a column of this read (`user1(*)` embedded by its
    column, `status(*)` named as its column) filters the column; on an embed only, PGRST120."""
    name = getattr(cond, "field", None) and cond.field.name
    if name not in embeds or cond.field.json_path:
        return None
    if cond.operator != "is" or cond.value not in ("null", "not_null"):
        if scope is not None and (name in scope.columns or name in scope.computed):
            return None
        raise pgrst("PGRST120", f"Bad operator on the '{name}' embedded resource",
                    hint="Only is null or not is null filters are allowed on embedded resources")
    return EmbedNull(name, (cond.value == "null") != cond.negated)


def condition(cond, scope: Scope, embeds: dict | None = None) -> Filter | Logic | EmbedNull:
    if isinstance(cond, qp.LogicTree):
        return Logic(cond.operator, cond.negated, tuple(condition(c, scope, embeds) for c in cond.children))
    null = embed_null(cond, embeds or {}, scope)
    if null is not None:
        return null
    value = tuple(cond.value) if isinstance(cond.value, list) else cond.value
    return Filter(field_ref(cond.field, scope), cond.negated, cond.operator, value, cond.quantifier, cond.language)


def cast_type(cast: str | None) -> str | None:
    """A type name for `::cast`; only plain words reach the SQL text (no quoting, no punctuation)."""
    if cast is None:
        return None
    if not CAST.match(cast.strip()):
        raise ApiError(400, "42704", f'type "{cast}" does not exist')
    return cast.strip()
