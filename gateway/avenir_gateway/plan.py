"""The main statement of a request (§1.4, §1.6, §1.7): a CTE `pgrst_source` then one row with the
total, the page size, the body Postgres rendered as JSON, and the response.* GUCs."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson
from psycopg import sql

from . import sql_fragments as frag
from .errors import pgrst
from .request import ApiRequest
from .schema_cache import Column, Function, Relation


@dataclass
class Statement:
    query: sql.Composable
    params: list = field(default_factory=list)
    count_query: sql.Composable | None = None  # for Prefer: count=planned/estimated
    count_params: list = field(default_factory=list)
    returns_body: bool = True
    scalar: bool = False


FINAL = sql.SQL(
    " select {total} as total_result_set, pg_catalog.count(*) as page_total, {body} as body, {location} as location,"
    " nullif(current_setting('response.headers', true), '') as response_headers,"
    " nullif(current_setting('response.status', true), '') as response_status"
    " from (select {columns} from pgrst_source {alias}) _postgrest_t")


def body_expr(singular: bool, include: bool, scalar: bool = False, set_returning: bool = True) -> sql.Composable:
    if not include:
        return sql.SQL("null::text")
    row = sql.SQL("_postgrest_t.pgrst_scalar") if scalar else sql.SQL("_postgrest_t")
    if singular or not set_returning:
        return sql.SQL("coalesce((json_agg({})->0)::text, 'null')").format(row)
    return sql.SQL("coalesce(json_agg({}), '[]')::text").format(row)


def relation_scope(rel: Relation) -> frag.Scope:
    return frag.Scope(sql.Identifier(rel.schema, rel.name), rel.columns, rel.name)


def read(req: ApiRequest, rel: Relation, limit: int | None, exact_count: bool, include_body: bool) -> Statement:
    scope = relation_scope(rel)
    params: list = []
    select = frag.select_list(req.select, scope)
    where_params: list = []
    where = frag.where_clause(req.conditions, scope, where_params)
    source = sql.SQL("select {} from {}{}{}{}").format(
        select, scope.qualifier, where, frag.order_clause(req.order, scope), frag.limit_clause(limit, req.offset))
    params.extend(where_params)
    total = sql.SQL("null::bigint")
    if exact_count:
        total = sql.SQL("(select pg_catalog.count(*) from {}{})").format(scope.qualifier, where)
        params.extend(where_params)
    query = sql.SQL("with pgrst_source as ({})").format(source) + FINAL.format(
        total=total, body=body_expr(req.singular, include_body), location=sql.SQL("null::text"),
        columns=sql.SQL("*"), alias=sql.SQL(""))
    count_query = sql.SQL("select 1 from {}{}").format(scope.qualifier, where)
    return Statement(query, params, count_query, list(where_params))


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


def _returning_tail(req: ApiRequest, rel: Relation, include_body: bool, location: bool) -> sql.Composable:
    scope = frag.Scope(sql.Identifier(rel.name), rel.columns, rel.name)
    columns = frag.select_list(req.select, scope) if include_body else sql.SQL("{}.*").format(scope.qualifier)
    loc = sql.SQL("null::text")
    if location and rel.primary_key:
        keys = sql.SQL(", ").join(sql.SQL("{}, {}").format(sql.Literal(k), sql.SQL("{}.{}").format(
            sql.Identifier(rel.name), sql.Identifier(k))) for k in rel.primary_key)
        loc = sql.SQL("(select json_build_object({}) from pgrst_source {} limit 1)::text").format(
            keys, sql.Identifier(rel.name))
    return FINAL.format(total=sql.SQL("null::bigint"), body=body_expr(req.singular, include_body), location=loc,
                        columns=columns, alias=sql.Identifier(rel.name))


def insert(req: ApiRequest, rel: Relation, include_body: bool, location: bool) -> Statement:
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
    target = sql.Identifier(rel.schema, rel.name)
    params: list = []
    if not rows:
        source = sql.SQL("select {}.* from {} where false").format(target, target)
    elif not names:
        source = sql.SQL("insert into {} default values returning {}.*").format(target, target)
    else:
        cols = sql.SQL(", ").join(sql.Identifier(n) for n in names)
        source = sql.SQL("insert into {t} ({cols}) select {cols} from json_populate_recordset(null::{t}, {p}::json) _"
                         " returning {t}.*").format(t=target, cols=cols, p=sql.Placeholder())
        params.append(orjson.dumps(rows).decode())
    query = sql.SQL("with pgrst_source as ({})").format(source) + _returning_tail(req, rel, include_body, location)
    return Statement(query, params)


def update(req: ApiRequest, rel: Relation, include_body: bool) -> Statement:
    payload = parse_json_body(req)
    if not isinstance(payload, dict):
        raise pgrst("PGRST102", "Empty or invalid json")
    names = req.columns if req.columns is not None else list(payload)
    _check_columns(rel, names)
    scope = relation_scope(rel)
    params: list = []
    if not names:
        source = sql.SQL("select {q}.* from {q} where false").format(q=scope.qualifier)
    else:
        sets = sql.SQL(", ").join(sql.SQL("{c} = _pgrst_body.{c}").format(c=sql.Identifier(n)) for n in names)
        params.append(orjson.dumps(payload).decode())
        where = frag.where_clause(req.conditions, scope, params)
        source = sql.SQL("update {q} set {sets} from (select * from json_populate_record(null::{q}, {p}::json))"
                         " _pgrst_body{where} returning {q}.*").format(q=scope.qualifier, sets=sets,
                                                                      p=sql.Placeholder(), where=where)
    query = sql.SQL("with pgrst_source as ({})").format(source) + _returning_tail(req, rel, include_body, False)
    return Statement(query, params)


def delete(req: ApiRequest, rel: Relation, include_body: bool) -> Statement:
    scope = relation_scope(rel)
    params: list = []
    where = frag.where_clause(req.conditions, scope, params)
    source = sql.SQL("delete from {q}{where} returning {q}.*").format(q=scope.qualifier, where=where)
    query = sql.SQL("with pgrst_source as ({})").format(source) + _returning_tail(req, rel, include_body, False)
    return Statement(query, params)


def call(req: ApiRequest, fn: Function, args: dict | None, raw_json: str | None, limit: int | None,
         exact_count: bool, include_body: bool) -> Statement:
    """`select ... from json_to_record($1) as _pgrst_args(a int, ...), lateral s.f(a := _pgrst_args.a) f`."""
    params: list = []
    target = sql.Identifier(fn.schema, fn.name)
    if raw_json is not None:
        params.append(raw_json)
        call_expr = sql.SQL("{}({}::{})").format(target, sql.Placeholder(), frag.cast_type(fn.arguments[0].type))
        args_from = sql.SQL("")
    else:
        used = [a for a in fn.arguments if a.name in args]
        named = sql.SQL(", ").join(
            sql.SQL("{}{} := _pgrst_args.{}").format(sql.SQL("variadic " if a.variadic else ""), sql.Identifier(a.name),
                                                     sql.Identifier(a.name)) for a in used)
        call_expr = sql.SQL("{}({})").format(target, named)
        if used:
            defs = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(a.name), sql.SQL(a.type)) for a in used)
            args_from = sql.SQL("json_to_record({}::json) as _pgrst_args({}), lateral ").format(sql.Placeholder(), defs)
            params.append(orjson.dumps({a.name: args[a.name] for a in used}).decode())
        else:
            args_from = sql.SQL("")
    alias = sql.Identifier(fn.name)
    scalar = fn.return_shape in ("scalar", "record", "void")
    if scalar:
        if fn.returns_set:
            from_item = sql.SQL("{}{} as _pgrst_call(pgrst_scalar)").format(args_from, call_expr)
        else:
            from_item = sql.SQL("{}(select {} as pgrst_scalar) _pgrst_call").format(args_from, call_expr)
        columns = {"pgrst_scalar": Column("pgrst_scalar", fn.return_type, fn.return_type_name)}
        scope = frag.Scope(sql.Identifier("_pgrst_call"), columns, fn.name)
        select = sql.SQL("_pgrst_call.pgrst_scalar")
    else:
        from_item = sql.SQL("{}{} as {}").format(args_from, call_expr, alias)
        scope = frag.Scope(alias, fn.result_columns, fn.name)
        select = frag.select_list(req.select, scope)
    where_params: list = []
    where = frag.where_clause(req.conditions, scope, where_params)
    source = sql.SQL("select {} from {}{}{}{}").format(select, from_item, where, frag.order_clause(req.order, scope),
                                                      frag.limit_clause(limit, req.offset))
    total = sql.SQL("null::bigint")
    all_params = params + where_params
    if exact_count:
        total = sql.SQL("(select pg_catalog.count(*) from {}{})").format(from_item, where)
        all_params += params + where_params
    query = sql.SQL("with pgrst_source as ({})").format(source) + FINAL.format(
        total=total, body=_call_body(req, fn, include_body, scalar),
        location=sql.SQL("null::text"), columns=sql.SQL("*"), alias=sql.SQL(""))
    count_query = sql.SQL("select 1 from {}{}").format(from_item, where)
    return Statement(query, all_params, count_query, params + where_params, scalar=scalar)


def _call_body(req: ApiRequest, fn: Function, include_body: bool, scalar: bool) -> sql.Composable:
    if fn.return_shape == "void":
        # Referencing the call keeps Postgres from optimising away a stable void function.
        return sql.SQL("max(_postgrest_t.pgrst_scalar::text)")
    return body_expr(req.singular, include_body, scalar, fn.returns_set)
