"""The main statement of a request (§1.4, §1.6, §1.7): a CTE `pgrst_source` then one row with the
total, the page size, the body Postgres rendered as JSON, and the response.* GUCs.

Statements are text with `%s` placeholders: identifiers come from sql_fragments.ident (checked
against the schema cache, quoted by sql.Identifier), type names from the catalogue, values are
always parameters."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from . import sql_fragments as frag
from .errors import pgrst
from .request import ApiRequest
from .schema_cache import Column, Function, Relation

ident = frag.ident


@dataclass
class Statement:
    query: str
    params: list = field(default_factory=list)
    count_query: str | None = None  # for Prefer: count=planned/estimated
    count_params: list = field(default_factory=list)
    scalar: bool = False


def final(total: str, body: str, location: str, columns: str, alias: str) -> str:
    return (f" select {total} as total_result_set, pg_catalog.count(*) as page_total, {body} as body,"
            f" {location} as location,"
            " nullif(current_setting('response.headers', true), '') as response_headers,"
            " nullif(current_setting('response.status', true), '') as response_status"
            f" from (select {columns} from pgrst_source {alias}) _postgrest_t")


# text/csv as PostgREST renders it: the first row's keys, then each row's record text without parentheses.
CSV_BODY = ("coalesce((select string_agg(a.k, ',') from (select json_object_keys(r)::text as k"
            " from (select row_to_json(hh) as r from pgrst_source as hh limit 1) s) a), '')"
            " || chr(10) || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2),"
            " chr(10)), '')")


def body_expr(singular: bool, include: bool, scalar: bool = False, set_returning: bool = True,
              csv: bool = False) -> str:
    if not include:
        return "null::text"
    if csv and not scalar:
        return CSV_BODY
    row = "_postgrest_t.pgrst_scalar" if scalar else "_postgrest_t"
    if singular or not set_returning:
        return f"coalesce((json_agg({row})->0)::text, 'null')"
    return f"coalesce(json_agg({row}), '[]')::text"


def relation_scope(rel: Relation, computed: dict | None = None) -> frag.Scope:
    scope = frag.Scope(ident(rel.schema, rel.name), rel.columns, rel.name, rel)
    scope.computed = computed or {}
    return scope


def read(req: ApiRequest, rel: Relation, limit: int | None, exact_count: bool, include_body: bool,
         embedder=None) -> Statement:
    scope = relation_scope(rel, embedder.cache.computed.get((rel.schema, rel.name)) if embedder else None)
    select = frag.select_list(req.select, scope, embedder)
    where_params: list = []
    conditions, embed_sql, embed_params = req.conditions, "", []
    if embedder is not None:
        embed_sql, embed_params, conditions = embedder.parent_conditions((), req.conditions)
    where = frag.where_clause(conditions, scope, where_params)
    if embed_sql:  # `!inner` embeds and `embed=[not.]is.null` filter the parent rows
        where += (" and " if where else " where ") + embed_sql
        where_params += embed_params
    source = (f"select {select} from {scope.qualifier}{where}{frag.group_by_clause(scope)}"
              f"{frag.order_clause(req.order, scope)}{frag.limit_clause(limit, req.offset)}")
    params = (embedder.params if embedder else []) + where_params
    total = "null::bigint"
    if exact_count:
        total = f"(select pg_catalog.count(*) from {scope.qualifier}{where})"
        params.extend(where_params)
    query = f"with pgrst_source as ({source})" + final(total, body_expr(req.singular, include_body, csv=req.csv),
                                                       "null::text", "*", "")
    return Statement(query, params, f"select 1 from {scope.qualifier}{where}", list(where_params))


def _check_columns(rel: Relation, names) -> None:
    for name in names:
        if name not in rel.columns:
            raise pgrst("PGRST204", f"Could not find the '{name}' column of '{rel.name}' in the schema cache")


def parse_json_body(req: ApiRequest):
    if req.content_type not in ("", "application/json") and not req.content_type.startswith("application/json"):
        raise pgrst("PGRST102", f"Content-Type not acceptable: {req.content_type}")
    try:
        return orjson.loads(req.body) if req.body.strip() else None
    except orjson.JSONDecodeError:
        raise pgrst("PGRST102", "Empty or invalid json") from None


def returning(req: ApiRequest, rel: Relation, include_body: bool, location: bool) -> str:
    """What a write returns: only the columns its response reads, so a role with column privileges can
    write what it may not read (PostgREST: `return=minimal` needs no SELECT on the columns)."""
    target = ident(rel.schema, rel.name)
    if include_body:
        items = req.select
        if items and all(i.field is not None and i.embed is None and i.aggregate is None for i in items):
            names = list(dict.fromkeys(i.field.name for i in items))
            if all(n in rel.columns for n in names):
                return ", ".join(f"{target}.{ident(n)}" for n in names)
        return f"{target}.*"
    if location and rel.primary_key:
        return ", ".join(f"{target}.{ident(k)}" for k in rel.primary_key)
    return "1 as pgrst_row"


def _returning_tail(req: ApiRequest, rel: Relation, include_body: bool, location: bool, embedder=None) -> str:
    alias = ident(rel.name)
    scope = frag.Scope(alias, rel.columns, rel.name, rel)
    columns = frag.select_list(req.select, scope, embedder) if include_body else "1"
    loc = "null::text"
    if location and rel.primary_key:
        keys = ", ".join(f"{frag.literal(k)}, {alias}.{ident(k)}" for k in rel.primary_key)
        loc = f"(select json_build_object({keys}) from pgrst_source {alias} limit 1)::text"
    return final("null::bigint", body_expr(req.singular, include_body), loc, columns, alias)


def insert(req: ApiRequest, rel: Relation, include_body: bool, location: bool, embedder=None) -> Statement:
    payload = parse_json_body(req)
    if isinstance(payload, dict):
        rows = [payload]
    elif isinstance(payload, list) and all(isinstance(r, dict) for r in payload):
        rows = payload
    else:
        raise pgrst("PGRST102", "Empty or invalid json")
    if rows and req.columns is None:  # with columns= absent keys are simply null, as in PostgREST
        keys = set(rows[0])
        if any(set(r) != keys for r in rows[1:]):
            raise pgrst("PGRST102", "All object keys must match")
    if req.columns is not None:
        _check_columns(rel, req.columns)
        names = req.columns
    else:
        names = list(rows[0]) if rows else []
        _check_columns(rel, names)
    target = ident(rel.schema, rel.name)
    params: list = []
    if not rows:
        source = f"select {target}.* from {target} where false"
    elif not names:
        source = f"insert into {target} default values returning {returning(req, rel, include_body, location)}"
    else:
        cols = ", ".join(ident(n) for n in names)
        source = (f"insert into {target} ({cols}) select {cols}"
                  f" from json_populate_recordset(null::{target}, %s::json) _{_on_conflict(req, rel, names)}"
                  f" returning {returning(req, rel, include_body, location)}")
        params.append(orjson.dumps(rows).decode())
    query = f"with pgrst_source as ({source})" + _returning_tail(req, rel, include_body, location, embedder)
    return Statement(query, params + (embedder.params if embedder else []))


def _on_conflict(req: ApiRequest, rel: Relation, names: list[str]) -> str:
    """Upsert (`Prefer: resolution=...`): the conflict target is on_conflict= or the primary key."""
    resolution = req.prefer.get("resolution")
    if resolution is None:
        return ""
    target = req.on_conflict if req.on_conflict is not None else rel.primary_key
    _check_columns(rel, target)
    if not target:
        return ""
    conflict = ", ".join(ident(c) for c in target)
    if resolution == "ignore-duplicates":
        return f" on conflict ({conflict}) do nothing"
    sets = ", ".join(f"{ident(n)} = excluded.{ident(n)}" for n in names)
    return f" on conflict ({conflict}) do update set {sets}" if sets else f" on conflict ({conflict}) do nothing"


def put(req: ApiRequest, rel: Relation, include_body: bool, embedder=None) -> Statement:
    """PUT /t?pk=eq.v: a single-row upsert keyed by the whole primary key (§1.6)."""
    from . import query_params as qp

    pk = rel.primary_key
    eqs = {c.field.name: c.value for c in req.conditions
           if isinstance(c, qp.Condition) and c.operator == "eq" and not c.negated and not c.quantifier
           and not c.field.json_path}
    if not pk or len(eqs) != len(req.conditions) or set(eqs) != set(pk):
        raise pgrst("PGRST105", "Filters must include all and only primary key columns with 'eq' operators")
    if req.limit is not None or req.offset:
        raise pgrst("PGRST114", "limit/offset querystring parameters are not allowed for PUT")
    payload = parse_json_body(req)
    if isinstance(payload, list) and len(payload) == 1:
        payload = payload[0]
    if not isinstance(payload, dict):
        raise pgrst("PGRST102", "Empty or invalid json")
    if any(c not in payload or str(payload[c]) != eqs[c] for c in pk):
        raise pgrst("PGRST115", "Payload values do not match URL in primary key column(s)")
    names = req.columns if req.columns is not None else list(payload)
    _check_columns(rel, names)
    target = ident(rel.schema, rel.name)
    cols = ", ".join(ident(n) for n in names)
    sets = ", ".join(f"{ident(n)} = excluded.{ident(n)}" for n in names)
    conflict = ", ".join(ident(c) for c in pk)
    source = (f"insert into {target} ({cols}) select {cols} from json_populate_recordset(null::{target}, %s::json) _"
              f" on conflict ({conflict}) do update set {sets}"
              f" returning {returning(req, rel, include_body, False)}, (xmax = 0) as pgrst_inserted")
    # The representation lists the table's columns, never the pgrst_inserted marker.
    items = req.select if req.select is not None else [qp.SelectItem(None)]
    expanded = []
    for item in items:
        if item.field is None and item.aggregate is None and item.embed is None:
            expanded.extend(qp.SelectItem(qp.Field(c)) for c in rel.columns)
        else:
            expanded.append(item)
    alias = ident(rel.name)
    scope = frag.Scope(alias, rel.columns, rel.name, rel)
    columns = frag.select_list(expanded, scope, embedder) if include_body else "1"
    inserted = "(select bool_or(pgrst_inserted) from pgrst_source)::text"
    query = f"with pgrst_source as ({source})" + final("null::bigint", body_expr(req.singular, include_body),
                                                       inserted, columns, alias)
    return Statement(query, [orjson.dumps([payload]).decode()] + (embedder.params if embedder else []))


def update(req: ApiRequest, rel: Relation, include_body: bool, embedder=None) -> Statement:
    payload = parse_json_body(req)
    if not isinstance(payload, dict):
        raise pgrst("PGRST102", "Empty or invalid json")
    names = req.columns if req.columns is not None else list(payload)
    _check_columns(rel, names)
    scope = relation_scope(rel)
    q = scope.qualifier
    params: list = []
    if not names:
        source = f"select {q}.* from {q} where false"
    else:
        sets = ", ".join(f"{ident(n)} = _pgrst_body.{ident(n)}" for n in names)
        params.append(orjson.dumps(payload).decode())
        where = frag.where_clause(req.conditions, scope, params)
        source = (f"update {q} set {sets} from (select * from json_populate_record(null::{q}, %s::json)) _pgrst_body"
                  f"{where} returning {returning(req, rel, include_body, False)}")
    query = f"with pgrst_source as ({source})" + _returning_tail(req, rel, include_body, False, embedder)
    return Statement(query, params + (embedder.params if embedder else []))


def delete(req: ApiRequest, rel: Relation, include_body: bool, embedder=None) -> Statement:
    scope = relation_scope(rel)
    params: list = []
    where = frag.where_clause(req.conditions, scope, params)
    source = f"delete from {scope.qualifier}{where} returning {returning(req, rel, include_body, False)}"
    query = f"with pgrst_source as ({source})" + _returning_tail(req, rel, include_body, False, embedder)
    return Statement(query, params + (embedder.params if embedder else []))


def call(req: ApiRequest, fn: Function, args: dict | None, raw_json: str | None, limit: int | None,
         exact_count: bool, include_body: bool, embedder=None) -> Statement:
    """`select ... from json_to_record($1) as _pgrst_args(a int, ...), lateral s.f(a := _pgrst_args.a) f`."""
    params: list = []
    target = ident(fn.schema, fn.name)
    args_from = ""
    if raw_json is not None:
        params.append(raw_json)
        call_expr = f"{target}(%s::{frag.cast_type(fn.arguments[0].type)})"
    else:
        used = [a for a in fn.arguments if a.name in args]
        named = ", ".join(f"{'variadic ' if a.variadic else ''}{ident(a.name)} := _pgrst_args.{ident(a.name)}"
                          for a in used)
        call_expr = f"{target}({named})"
        if used:
            # Type names come from the catalogue (format_type), never from the request.
            defs = ", ".join(f"{ident(a.name)} {a.type}" for a in used)
            args_from = f"json_to_record(%s::json) as _pgrst_args({defs}), lateral "
            params.append(orjson.dumps({a.name: args[a.name] for a in used}).decode())
    scalar = fn.return_shape in ("scalar", "record", "void")
    if scalar:
        if fn.returns_set:
            from_item = f"{args_from}{call_expr} as _pgrst_call(pgrst_scalar)"
        else:
            from_item = f"{args_from}(select {call_expr} as pgrst_scalar) _pgrst_call"
        columns = {"pgrst_scalar": Column("pgrst_scalar", fn.return_type, fn.return_type_name)}
        scope = frag.Scope("_pgrst_call", columns, fn.name)
        select = "_pgrst_call.pgrst_scalar"
    else:
        alias = ident(fn.name)
        from_item = f"{args_from}{call_expr} as {alias}"
        # A function returning a table's rows can embed that table's relationships.
        rel = embedder.cache.relations.get((fn.schema, fn.return_type_name)) if embedder else None
        scope = frag.Scope(alias, fn.result_columns, fn.name, rel)
        if rel is not None:
            scope.computed = embedder.cache.computed.get((rel.schema, rel.name), {})
        select = frag.select_list(req.select, scope, embedder)
    where_params: list = []
    where = frag.where_clause(req.conditions, scope, where_params)
    source = (f"select {select} from {from_item}{where}{frag.order_clause(req.order, scope)}"
              f"{frag.limit_clause(limit, req.offset)}")
    total = "null::bigint"
    all_params = (embedder.params if embedder else []) + params + where_params
    if exact_count:
        total = f"(select pg_catalog.count(*) from {from_item}{where})"
        all_params += params + where_params
    query = f"with pgrst_source as ({source})" + final(total, _call_body(req, fn, include_body, scalar),
                                                       "null::text", "*", "")
    return Statement(query, all_params, f"select 1 from {from_item}{where}", params + where_params, scalar=scalar)


def _call_body(req: ApiRequest, fn: Function, include_body: bool, scalar: bool) -> str:
    if fn.return_shape == "void":
        # Referencing the call keeps Postgres from optimising away a stable void function.
        return "max(_postgrest_t.pgrst_scalar::text)"
    return body_expr(req.singular, include_body, scalar, fn.returns_set)
