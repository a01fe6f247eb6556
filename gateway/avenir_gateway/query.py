"""The SQL of a plan (PostgREST's `Query`): the main statement is a CTE `pgrst_source` then one row
with the total, the page size, the body Postgres rendered as JSON, the response.* GUCs and, for
writes, the Location keys or PUT's inserted flag (§1.4, §1.6, §1.7).

Values are always parameters: `Params.add` returns the placeholder (`$1`, `$2`, ...) of the value it
keeps, so the text and the values cannot disagree on the order, and a clause used twice (the where of
a page and of its exact count) reuses its placeholders. Identifiers come from the plan (checked
against the schema cache) and are quoted by sql_fragments.ident; type names come from the
catalogue or plan.cast_type."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .errors import pgrst
from .plan import (
    ActionPlan,
    AggregateItem,
    CallPlan,
    ColumnItem,
    EmbedItem,
    EmbedNull,
    FieldRef,
    Filter,
    Logic,
    MutatePlan,
    ReadPlan,
    Star,
)
from .sql_fragments import FTS_FUNCTIONS, IS_SQL, SIMPLE_OPS, ident, literal, pg_array_literal


@dataclass
class Params:
    """The values of one statement; `add` numbers them."""
    values: list = field(default_factory=list)

    def add(self, value) -> str:
        self.values.append(value)
        return f"${len(self.values)}"


@dataclass(frozen=True, slots=True)
class Lifted:
    """A column a spread lifts into its parent: a value, an array (to-many), or an aggregate the
    parent computes over the spread's `arg` column."""
    name: str
    function: str | None = None
    arg: str | None = None
    cast: str | None = None
    array: bool = False


@dataclass(frozen=True, slots=True)
class Statement:
    query: str
    params: tuple = ()
    count_query: str | None = None  # for Prefer: count=planned/estimated (EXPLAIN)
    count_params: tuple = ()


def final(total: str, body: str, columns: str, alias: str, location: str | None = None, extra: str = "") -> str:
    """The one row of every statement, its columns in PostgREST's order (its EXPLAIN output lists them):
    a write's location comes before the body; a read has none."""
    located = "" if location is None else f" {location} as location,"
    return (f" select {total} as total_result_set, pg_catalog.count(*) as page_total,{located} {body} as body,"
            f"{extra}"
            " nullif(current_setting('response.headers', true), '') as response_headers,"
            " nullif(current_setting('response.status', true), '') as response_status"
            f" from (select {columns} from pgrst_source {alias}) _postgrest_t")


@lru_cache(maxsize=8)
def _hook_query(hook: str) -> str:
    target = ident(*[p.strip().strip('"') for p in hook.split(".")])
    return (f"with pgrst_source as (select {target}($1, $2::jsonb, $3::integer, $4::jsonb) as pgrst_scalar)"
            + final("null::bigint", "max(_postgrest_t.pgrst_scalar::text)", "*", ""))


def hook_statement(hook: str, values: tuple) -> Statement:
    """`select hook(function, arguments, status, error)` for db-rejected-rpc-hook (rpc_arguments.py)."""
    return Statement(_hook_query(hook), values)


# text/csv as PostgREST renders it: the first row's keys, then each row's record text without parentheses.
CSV_BODY = ("coalesce((select string_agg(a.k, ',') from (select json_object_keys(r)::text as k"
            " from (select row_to_json(hh) as r from pgrst_source as hh limit 1) s) a), '')"
            " || chr(10) || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2),"
            " chr(10)), '')")


def csv_body_of(rows: str) -> str:
    """CSV_BODY whose header row names the columns of `rows` (a mutation's selected columns) rather
    than those of pgrst_source (the whole written row)."""
    return CSV_BODY.replace("from pgrst_source as hh", f"from ({rows}) as hh")


# application/geo+json (PostGIS): the rows as the features of one FeatureCollection.
GEOJSON_BODY = ("json_build_object('type', 'FeatureCollection', 'features',"
                " coalesce(json_agg(st_asgeojson(_postgrest_t)::json), '[]'))::text")


def body_expr(singular: bool, include: bool, scalar: bool = False, set_returning: bool = True,
              csv: bool = False, stripped: bool = False) -> str:
    if not include:
        return "null::text"
    if csv and not scalar:
        return CSV_BODY
    row = "_postgrest_t.pgrst_scalar" if scalar else "_postgrest_t"
    if stripped and not scalar:  # nulls=stripped: keys whose value is null are left out
        row = "json_strip_nulls(row_to_json(_postgrest_t))"
    # json, as PostgREST's (its text is what the wire carries: no cast to text in the plan)
    if singular or not set_returning:
        return f"coalesce(json_agg({row})->0, 'null')"
    return f"coalesce(json_agg({row}), '[]')"


def _raw_body(p: ActionPlan, media: str) -> str:
    """text/plain, text/xml, application/octet-stream: the one column of every row, concatenated."""
    if p.call is not None and p.call.scalar:
        column = "_postgrest_t.pgrst_scalar"
    else:
        items = [i for i in (p.read.select or ()) if isinstance(i, ColumnItem)] if p.read else []
        if len(items) != 1 or len(p.read.select) != 1:
            raise pgrst("PGRST107", f"None of these media types are available: {RAW_TYPES[media]}",
                        details="A raw media type needs exactly one selected column")
        item = items[0]
        column = f"_postgrest_t.{ident(item.alias or item.field.output_name)}"
    if media == "binary":
        return f"string_agg({column}::bytea, ''::bytea)::text"
    return f"string_agg({column}::text, '')"


RAW_TYPES = {"text": "text/plain", "xml": "text/xml", "binary": "application/octet-stream"}


def _custom_body(p: ActionPlan) -> str:
    """A custom media-type handler (media.py): its aggregate over the rows, cast to the relation's row
    type when it is that relation's own handler; or the value of a function returning the domain. A
    bytea value travels as its hex text (responses.py turns it back into bytes); an xml value as xml's
    output text."""
    h = p.handler
    if h.aggregate:
        row = "_postgrest_t" if h.target is None else f"_postgrest_t::{ident(*h.target)}"
        value = f"{ident(h.schema, h.name)}({row})"
    elif h.binary:
        value = "string_agg(_postgrest_t.pgrst_scalar::bytea, ''::bytea)"
    elif h.base_type == "xml":
        value = "xmlagg(_postgrest_t.pgrst_scalar::xml)"
    else:
        value = "string_agg(_postgrest_t.pgrst_scalar::text, '')"
    if h.base_type == "xml":  # xml's output function (as PostgREST sends it), not the ::text copy:
        return f"textin(xml_out(({value})::xml))"  # it drops the blanks before the first element
    # bytea's text output is its hex form (responses.py reads it back): the value goes as it is, as
    # PostgREST's plan shows it; a value of another base type as its text (a number would come as one).
    return value if h.binary else f"({value})::text"


def statement(p: ActionPlan, media: str | None = None) -> Statement:
    """The main statement of an action plan (and its EXPLAIN-able count query, for planned counts), in
    the rendering the plan negotiated (`media` is the request's, kept for callers that pass it)."""
    media = p.media
    singular, csv, stripped = media.startswith("singular"), media == "csv", media.endswith("-stripped")
    raw = _raw_body(p, media) if media in RAW_TYPES and p.include_body else None
    if p.handler is not None and p.include_body:
        raw = _custom_body(p)
    elif media == "geojson" and p.include_body and p.kind != "mutate":
        raw = GEOJSON_BODY
    if p.kind == "read":
        return _read_statement(p, singular, csv, stripped, raw)
    if p.kind == "call":
        return _call_statement(p, singular, stripped, csv, raw)
    return _mutate_statement(p, singular, stripped, csv, geojson=media == "geojson")


def _total_expr(p: ActionPlan, r: Renderer, from_item: str, q: str, where: str) -> str:
    """The count of the rows the filters keep, at most `count_cap` of them when set. When the rows'
    WHERE clause left an embed's test to a join (`r.where_differs`), the count renders its own."""
    if not p.exact_count:
        return "null::bigint"
    if p.count_cap is None and p.read.limit is None and not p.read.offset and not p.read.grouped:
        # The page holds every row the filters keep: its own count is the total (one aggregate, as
        # PostgREST counts when nothing limits the page).
        return "pg_catalog.count(*)"
    if r.where_differs:
        where = r.where(p.read, q)
    if p.count_cap is None:
        return f"(select pg_catalog.count(*) from {from_item}{where})"
    capped = f"select 1 from {from_item}{where} limit {int(p.count_cap)}"
    return f"(select pg_catalog.count(*) from ({capped}) _pgrst_capped)"


def _read_statement(p: ActionPlan, singular: bool, csv: bool, stripped: bool = False,
                    raw: str | None = None) -> Statement:
    rel = p.read.relation
    q = ident(rel.schema, rel.name)
    params = Params()
    r = Renderer(params, inner_joins=True)
    select, group_by, joins = r.select(p.read, q)
    where = r.where(p.read, q, joined=True)
    source = f"select {select} from {q}{joins}{where}{group_by}{r.order(p.read, q)}{limit_clause(p.read)}"
    total = _total_expr(p, r, q, q, where)
    body = raw or body_expr(singular, p.include_body, csv=csv, stripped=stripped)
    query = f"with pgrst_source as ({source})" + final(total, body, "*", "")
    if not p.tx.planned_count:
        return Statement(query, tuple(params.values))
    count = Params()
    count_query = f"select 1 from {q}{Renderer(count).where(p.read, q)}"
    return Statement(query, tuple(params.values), count_query, tuple(count.values))


def _call_statement(p: ActionPlan, singular: bool, stripped: bool = False, csv: bool = False,
                    raw: str | None = None) -> Statement:
    params = Params()
    from_item, q = _call_from(p.call, params)
    r = Renderer(params, inner_joins=True)
    if p.call.scalar:
        select, group_by, joins = "_pgrst_call.pgrst_scalar", "", ""
    else:
        select, group_by, joins = r.select(p.read, q)
    where = r.where(p.read, q, joined=True)
    source = (f"select {select} from {from_item}{joins}{where}{group_by}{r.order(p.read, q)}"
              f"{limit_clause(p.read)}")
    total = _total_expr(p, r, from_item, q, where)
    fn = p.call.function
    if fn.return_shape == "void":
        # Referencing the call keeps Postgres from optimising away a stable void function.
        body = "max(_postgrest_t.pgrst_scalar::text)"
    else:
        body = raw or body_expr(singular, p.include_body, p.call.scalar, fn.returns_set, csv=csv, stripped=stripped)
    query = f"with pgrst_source as ({source})" + final(total, body, "*", "")
    if not p.tx.planned_count:
        return Statement(query, tuple(params.values))
    count = Params()
    count_from, _ = _call_from(p.call, count)
    count_query = f"select 1 from {count_from}{Renderer(count).where(p.read, q)}"
    return Statement(query, tuple(params.values), count_query, tuple(count.values))


# A parameter's type without its length (format_type gives `character`, `bit`) would be char(1) / bit(1)
# in the record the arguments are read into, cutting the value short: read them as their varying
# types, as PostgREST does, so the function's own type decides (and raises) what does not fit.
_VARYING = {"character": "character varying", "bit": "bit varying"}


def _argument_type(type_name: str) -> str:
    base, brackets = type_name, ""
    while base.endswith("[]"):
        base, brackets = base[:-2], brackets + "[]"
    return _VARYING.get(base, base) + brackets


def _call_from(call: CallPlan, params: Params) -> tuple[str, str]:
    """`json_to_record($1) as _pgrst_args(a int, ...), lateral s.f(a := _pgrst_args.a) f` (a JSON
    body) or `s.f(a := $1::int) f` (a query string or form), and the qualifier of the result's columns."""
    fn = call.function
    target = ident(fn.schema, fn.name)
    args_from = ""
    if call.raw is not None:
        call_expr = f"{target}({params.add(call.raw)}::{fn.arguments[0].type})"
    else:
        if call.direct is not None:
            values = [f"{params.add(v)}::{_argument_type(a.type)}"
                      for a, v in zip(call.arguments, call.direct, strict=True)]
        else:
            values = [f"_pgrst_args.{ident(a.name)}" for a in call.arguments]
        named = ", ".join(f"{'variadic ' if a.variadic else ''}{ident(a.name)} := {v}"
                          for a, v in zip(call.arguments, values, strict=True))
        call_expr = f"{target}({named})"
        if call.arguments and call.direct is None:
            # Type names come from the catalogue (format_type), never from the request.
            defs = ", ".join(f"{ident(a.name)} {_argument_type(a.type)}" for a in call.arguments)
            args_from = f"json_to_record({params.add(call.args_json)}::json) as _pgrst_args({defs}), lateral "
    if call.scalar:
        # `returns [setof] record` without OUT parameters has no column list to call it in FROM with:
        # called in the select list, each record becomes an object keyed by its own column names.
        if fn.returns_set and fn.return_shape != "record":
            return f"{args_from}{call_expr} as _pgrst_call(pgrst_scalar)", "_pgrst_call"
        return f"{args_from}(select {call_expr} as pgrst_scalar) _pgrst_call", "_pgrst_call"
    alias = ident(fn.name)
    return f"{args_from}{call_expr} as {alias}", alias


def _mutate_statement(p: ActionPlan, singular: bool, stripped: bool = False, csv: bool = False,
                      geojson: bool = False) -> Statement:
    m = p.mutate
    params = Params()
    source = _mutation(m, params)
    alias = ident(m.relation.name)
    columns, tail = "1", ""
    if p.read is not None:
        r = Renderer(params)
        columns, _, joins = r.select(p.read, alias)
        tail = joins + r.order(p.read, alias)
    location = extra = ""
    if m.location:
        keys = ", ".join(f"{literal(k)}, {alias}.{ident(k)}" for k in m.location)
        location = f"(select json_build_object({keys}) from pgrst_source {alias} limit 1)::text"
    if m.kind == "put" or m.conflict_update:  # an upsert: did it insert (201) or only update (200)?
        extra = f" ({_inserted_any(m)}) as inserted,"
    if p.handler is not None and p.include_body:
        body = _custom_body(p)
    elif csv and p.include_body:
        body = csv_body_of(f"select {columns} from pgrst_source {alias}{tail}")
    elif geojson and p.include_body:  # the written rows (their selected columns) as features
        body = GEOJSON_BODY
    else:
        body = body_expr(singular, p.include_body, stripped=stripped)
    query = f"with pgrst_source as ({source})" + final("null::bigint", body, columns, alias + tail,
                                                       location or "null::text", extra)
    return Statement(query, tuple(params.values))


def _mutation(m: MutatePlan, params: Params) -> str:
    rel = m.relation
    target = ident(rel.schema, rel.name)
    if m.nothing:
        return f"select {target}.* from {target} where false"
    if m.returning is None:
        returning = f"{target}.*"
    elif m.returning:
        returning = ", ".join(f"{target}.{ident(n)}" for n in m.returning)
    else:
        returning = "1 as pgrst_row"
    r = Renderer(params)
    if m.kind == "delete":
        return f"delete from {target}{r.filters(m.filters, target, ' where ')} returning {returning}"
    written = _written(m)
    if m.kind == "update":
        body = _with_defaults(m, params.add(m.payload), many=False)
        # A represented column's value is read as json by a function scan and parsed in SET, so that
        # its parse function runs only for rows that are updated (as PostgREST's json_to_record):
        # parsed from the body itself, a constant, the planner would evaluate it even for no row.
        sets = ", ".join(f"{ident(n)} = "
                         + (f"{ident(*written[n])}(_pgrst_json.{ident(n)})" if n in written
                            else f"_pgrst_body.{ident(n)}")
                         for n in m.columns)
        json_cols = ""
        if written:
            json_cols = (f", json_to_record({body}) _pgrst_json("
                         + ", ".join(f"{ident(n)} json" for n in written) + ")")
        return (f"update {target} set {sets} from (select * from json_populate_record(null::{target},"
                f" {_without(body, written)})) _pgrst_body{json_cols}{r.filters(m.filters, target, ' where ')}"
                f" returning {returning}")
    if not m.columns:
        return f"insert into {target} default values returning {returning}"
    cols = ", ".join(ident(n) for n in m.columns)
    conflict = ""
    if m.on_conflict:
        conflict = f" on conflict ({', '.join(ident(c) for c in m.on_conflict)})"
        if m.conflict_update:
            conflict += " do update set " + ", ".join(f"{ident(n)} = excluded.{ident(n)}" for n in m.columns)
        else:
            conflict += " do nothing"
    if m.kind == "put" or m.conflict_update:
        if rel.kind == "r" or not m.on_conflict:  # a fresh row has no deleting transaction yet
            returning += ", (xmax = 0) as pgrst_inserted"
        else:  # partitioned tables and views have no xmax to return: their conflict keys, compared below
            returning += "".join(f", {target}.{ident(c)} as {ident(f'pgrst_key_{i}')}"
                                 for i, c in enumerate(m.on_conflict))
    body = _with_defaults(m, params.add(m.payload))
    # PUT's key values in another spelling than the URL's: the row is written only if they are equal
    check = "".join(f"{' where ' if i == 0 else ' and '}_.{ident(c)} = {params.add(v)}"
                    for i, (c, v) in enumerate(m.key_check))
    if written:  # each row also kept as json, for the columns written through their representation
        values = ", ".join(_written_value(n, written, "_", "_pgrst_row.value") for n in m.columns)
        return (f"insert into {target} ({cols}) select {values} from json_array_elements({body}) _pgrst_row(value),"
                f" lateral json_populate_record(null::{target}, {_without('_pgrst_row.value', written)}) _{check}"
                f"{conflict} returning {returning}")
    return (f"insert into {target} ({cols}) select {cols}"
            f" from json_populate_recordset(null::{target}, {body}) _{check}{conflict}"
            f" returning {returning}")


def _inserted_any(m: MutatePlan) -> str:
    """Whether the upsert inserted a row. A plain table marks its fresh rows by xmax = 0; for others the
    conflict keys returned are looked up in the table as it was: every part of one statement reads the
    snapshot taken before its writes, so a key not found there was inserted by this statement."""
    if m.relation.kind == "r" or not m.on_conflict:
        return "select bool_or(pgrst_inserted) from pgrst_source"
    rel = m.relation
    target = ident(rel.schema, rel.name)
    same = " and ".join(f"pgrst_before.{ident(c)} = pgrst_source.{ident(f'pgrst_key_{i}')}"
                        for i, c in enumerate(m.on_conflict))
    return (f"select bool_or(not exists (select 1 from {target} pgrst_before where {same}))"
            f" from pgrst_source")


def _written(m: MutatePlan) -> dict[str, tuple[str, str]]:
    """The written columns of a domain with a json -> domain representation, and its function."""
    return {n: m.relation.columns[n].from_json for n in m.columns
            if n in m.relation.columns and m.relation.columns[n].from_json is not None}


def _written_value(name: str, written: dict, alias: str, row: str) -> str:
    if name in written:
        return f"{ident(*written[name])}(({row})::json -> {literal(name)})"
    return f"{alias}.{ident(name)}"


def _without(row: str, written: dict) -> str:
    """The row without the represented keys, which json_populate_record would read as the base type."""
    if not written:
        return row
    keys = ", ".join(literal(n) for n in written)
    return f"(({row})::jsonb - array[{keys}]::text[])::json"


def _with_defaults(m: MutatePlan, body: str, many: bool = True) -> str:
    """The body as json; with `missing=default`, each row's absent keys first set to the columns'
    DEFAULT expressions (catalogue text), evaluated per row (as PostgREST's `jsonb_build_object(...) ||`)."""
    if not m.defaults:
        return f"{body}::json"
    defaults = "jsonb_build_object(" + ", ".join(f"{literal(n)}, {expr}" for n, expr in m.defaults) + ")"
    if not many:
        return f"({defaults} || {body}::jsonb)::json"
    return f"(select jsonb_agg({defaults} || _pgrst_row) from jsonb_array_elements({body}::jsonb) _pgrst_row)::json"


def limit_clause(read: ReadPlan) -> str:
    out = ""
    if read.limit is not None:
        out += f" limit {int(read.limit)}"
    if read.offset:
        out += f" offset {int(read.offset)}"
    return out


def _represented(fld: FieldRef, kind: str) -> tuple[str, str] | None:
    """The representation function (Column.to_json / from_json / from_text) of a plain column, if any."""
    if fld.column is None or fld.json_path or fld.computed is not None:
        return None
    return getattr(fld.column, kind)


def _shown(item: ColumnItem, expr: str) -> str:
    """A column of a domain with a domain -> json representation reads through its function (under an
    explicit cast, `column` has cast that reading already); ColumnItem.labelled keeps its name."""
    shown = _represented(item.field, "to_json") if not item.cast else None
    return f"{ident(*shown)}({expr})" if shown is not None else expr


def _null_tested(read: ReadPlan, key: str) -> bool:
    """Whether a filter of `read` (in a logic tree too) tests whether the embed `key` has rows."""
    def tests(cond) -> bool:
        if isinstance(cond, EmbedNull):
            return cond.embed == key
        return isinstance(cond, Logic) and any(tests(c) for c in cond.children)
    return any(tests(f) for f in read.filters)


class Renderer:
    """Renders the reads of one statement; it numbers the aliases of embedded relations."""

    def __init__(self, params: Params, inner_joins: bool = False):
        self.params = params
        # a top-level embed that filters the rows as PostgREST joins it (see `embed_join`); its test
        # then leaves the WHERE clause of the rows, not that of the exact count
        self.inner_joins = inner_joins
        self.joined: dict[int, str] = {}  # id of an embed rendered as a join -> its value's expression
        self.use_joins = False  # while rendering the rows' WHERE clause (`where(joined=True)`)
        self.where_differs = False  # that clause left a test to a join: the exact count needs its own
        self.counter = 0
        self.depth: dict[str, int] = {}  # embedded alias -> its depth (the top-level relation is 0)
        self.order_values: dict[int, str] = {}  # related order terms of grouped reads -> their value

    @staticmethod
    def ref(fld: FieldRef, q: str) -> str:
        if fld.computed is None:
            expr = f"{q}.{ident(fld.name)}"
        else:  # a computed field: the function applied to the row, as the row type it takes (a
            # mutation's rows are a CTE's records, which an overloaded function could not choose by)
            fn = fld.computed
            row = f"({q}.*)::{ident(*fn.argument_relation)}" if fn.argument_relation else f"{q}.*"
            expr = f"{ident(fn.schema, fn.name)}({row})"
        if fld.json_path:
            if fld.base_type not in ("json", "jsonb"):
                expr = f"to_jsonb({expr})"
            for step in fld.json_path:
                expr += step.arrow + (literal(int(step.key)) if step.is_index else literal(step.key))
        return expr

    def select(self, read: ReadPlan, q: str) -> tuple[str, str, str]:
        """The select list, the group by clause (with aggregates) and the lateral joins of spreads."""
        if read.select is None:
            return f"{q}.*", "", ""
        parts, grouped, joins = [], [], []
        for item in read.select:
            if isinstance(item, EmbedItem) and item.spread:
                if item.empty:  # `...rel()` only filters
                    continue
                join, lifted, s = self.spread(item, q)
                joins.append(join)
                for col in lifted:
                    expr = self.lifted(col, s)
                    if col.function is None and not col.array:
                        grouped.append(expr)
                    parts.append(f"{expr} as {ident(col.name)}")
            elif isinstance(item, EmbedItem) and not item.empty and self.inner_joins \
                    and self.depth.get(q, 0) == 0 and (item.inner or _null_tested(read, item.key)):
                join, expr = self.embed_join(item, q)
                joins.append(join)
                if read.grouped:
                    grouped.append(expr)
                parts.append(f"{expr} as {ident(item.key)}")
            elif isinstance(item, EmbedItem) and not item.empty and item.relationship.to_one \
                    and not read.grouped:
                join, expr = self.to_one_join(item, q)
                joins.append(join)
                parts.append(f"{expr} as {ident(item.key)}")
            elif isinstance(item, EmbedItem):
                sub = self.embed(item, q)
                if sub and read.grouped:  # beside aggregates: a lateral join whose value is grouped by
                    lateral = f"_pgrst_e{self.counter}"
                    joins.append(f" left join lateral (select {sub}) as {lateral} on true")
                    expr = f"{lateral}.{ident(item.key)}"
                    grouped.append(expr)
                    parts.append(expr)
                elif sub:  # an empty embed `rel()` only filters: it adds no key
                    parts.append(sub)
            elif isinstance(item, AggregateItem):
                expr = f"{item.function}({'*' if item.field is None else self.agg_arg(item, q)})"
                if item.cast:
                    expr = f"cast({expr} as {item.cast})"
                parts.append(f"{expr} as {ident(item.alias or item.function)}")
            elif isinstance(item, Star):
                parts.append(f"{q}.*")
                grouped.append(f"{q}.*")
            else:
                expr = self.column(item, q)
                grouped.append(expr)
                expr = _shown(item, expr)
                parts.append(f"{expr} as {ident(item.alias or item.field.output_name)}" if item.labelled else expr)
        if read.grouped:  # a related order beside aggregates: its value joined in, grouped by
            for term in read.order:
                if term.embed is not None:
                    source, alias, cond = self._embed_source(term.embed, q)
                    lateral = f"_pgrst_o{self.counter}"
                    joins.append(f" left join lateral (select {self.ref(term.field, alias)} as v from {source}"
                                 f" where {cond} limit 1) as {lateral} on true")
                    self.order_values[id(term)] = f"{lateral}.v"
                    grouped.append(f"{lateral}.v")
        if any(isinstance(i, EmbedItem) and i.spread and not i.empty and not i.relationship.to_one
               for i in read.select):  # with a to-many spread, the columns the parent orders by are grouped by
            grouped.extend(self.ref(term.field, q) for term in read.order if term.embed is None)
        group_by = " group by " + ", ".join(grouped) if read.grouped and grouped else ""
        return ", ".join(parts), group_by, "".join(joins)

    def agg_arg(self, item: AggregateItem, q: str) -> str:
        """An aggregate's argument, cast first when asked (`jsonb_col->>key::integer.sum()`)."""
        expr = self.ref(item.field, q)
        return f"cast({expr} as {item.arg_cast})" if item.arg_cast else expr

    def column(self, item: ColumnItem, q: str) -> str:
        """A selected column; `col::type` casts its representation (a domain's `domain -> json`) when
        it has one, as PostgREST does."""
        expr = self.ref(item.field, q)
        if not item.cast:
            return expr
        shown = _represented(item.field, "to_json")
        return f"cast({ident(*shown) + '(' + expr + ')' if shown else expr} as {item.cast})"

    def where(self, read: ReadPlan, q: str, joiner: str = " where ", joined: bool = False) -> str:
        """Column filters, `embed=[not.]is.null` and `!inner` embeds, as one clause ('' when none);
        `joined`: the tests of the embeds `select` rendered as joins (`embed_join`) read their value."""
        embeds = {e.key: e for e in read.embeds}
        outer, self.use_joins = self.use_joins, joined  # an EXISTS nested in a condition renders its own
        parts = [self.condition(f, q, embeds) for f in read.filters]
        self.use_joins = outer
        skipped = {id(e) for e in embeds.values() if e.inner and joined and id(e) in self.joined}
        self.where_differs = self.where_differs or bool(skipped)
        parts.extend(self.exists(e, q) for e in embeds.values() if e.inner and id(e) not in skipped)
        return joiner + " and ".join(parts) if parts else ""

    def filters(self, filters, q: str, joiner: str) -> str:
        return joiner + " and ".join(self.condition(f, q) for f in filters) if filters else ""

    def order(self, read: ReadPlan, q: str) -> str:
        if not read.order:
            return ""
        parts = []
        for term in read.order:
            if id(term) in self.order_values:  # joined in by select (a grouped read)
                expr = self.order_values[id(term)]
            elif term.embed is not None:  # a column of a to-one embed: its correlated value
                source, alias, cond = self._embed_source(term.embed, q)
                expr = f"(select {self.ref(term.field, alias)} from {source} where {cond} limit 1)"
            else:
                expr = self.ref(term.field, q)
            if term.direction:
                expr += " " + term.direction
            if term.nulls:
                expr += " nulls first" if term.nulls == "nullsfirst" else " nulls last"
            parts.append(expr)
        return " order by " + ", ".join(parts)

    def condition(self, cond: Filter | Logic | EmbedNull, q: str, embeds: dict | None = None) -> str:
        if isinstance(cond, EmbedNull):  # the embed's rows, with its own filters, exist or not
            joined = self.joined.get(id(embeds[cond.embed])) if self.use_joins else None
            if joined is not None:  # its joined value is null without rows
                self.where_differs = True
                return f"{joined} is {'' if cond.absent else 'not '}null"
            exists = self.exists(embeds[cond.embed], q)
            return f"not {exists}" if cond.absent else exists
        if isinstance(cond, Logic):
            joiner = " and " if cond.operator == "and" else " or "
            inner = "(" + joiner.join(self.condition(c, q, embeds) for c in cond.children) + ")"
            return f"not {inner}" if cond.negated else inner
        lhs = self.ref(cond.field, q)
        op, add = cond.operator, self.params.add
        if op == "is":
            expr = f"{lhs} {IS_SQL[cond.value]}"
        elif op == "in" and _represented(cond.field, "from_text") is not None:
            fn = ident(*_represented(cond.field, "from_text"))
            expr = f"{lhs} = any(array(select {fn}(v) from unnest({add(pg_array_literal(cond.value))}::text[]) v))"
        elif op == "in":
            expr = f"{lhs} = any({add(pg_array_literal(cond.value))})"
        elif op in FTS_FUNCTIONS:
            fn = FTS_FUNCTIONS[op]
            wrap = cond.field.base_type != "tsvector" or bool(cond.field.json_path)
            if cond.language:
                if wrap:
                    lhs = f"to_tsvector({add(cond.language)}::regconfig, {lhs})"
                query = f"{fn}({add(cond.language)}::regconfig, {add(cond.value)})"
            else:
                if wrap:
                    lhs = f"to_tsvector({lhs})"
                query = f"{fn}({add(cond.value)})"
            expr = f"{lhs} @@ {query}"
        elif (_represented(cond.field, "from_text") is not None and not cond.quantifier and op in SIMPLE_OPS
              and op not in ("like", "ilike")):
            # the value is the domain's text representation (`text -> domain` function); a like pattern
            # stays a literal, as in PostgREST
            expr = f"{lhs} {SIMPLE_OPS[op]} {ident(*_represented(cond.field, 'from_text'))}({add(cond.value)}::text)"
        else:
            value = cond.value.replace("*", "%") if op in ("like", "ilike") else cond.value
            if cond.quantifier:
                expr = f"{lhs} {SIMPLE_OPS[op]} {cond.quantifier}({add(value)})"
            else:
                expr = f"{lhs} {SIMPLE_OPS[op]} {add(value)}"
        return f"not ({expr})" if cond.negated else expr

    # -- embeds: correlated subqueries rendered as jsonb (PostgREST uses lateral joins; same JSON) --

    def _embed_source(self, item: EmbedItem, q: str, named: bool = False) -> tuple[str, str, str]:
        """(FROM of the embedded relation, its alias, the join condition to the parent rows). The
        rows an embed answers are `named` with PostgREST's alias, `name_depth` (so EXPLAIN reads as
        PostgREST's); the subqueries of its filters and related orders are numbered."""
        self.counter += 1
        rel, n = item.relationship, self.counter
        alias = f"_pgrst_t{n}"
        if named:
            depth = self.depth.get(q, 0) + 1
            alias = ident(f"{rel.target.name}_{depth}")
            self.depth[alias] = depth
        if rel.function is not None:  # a computed relationship: the function applied to the parent row
            return f"{ident(rel.function.schema, rel.function.name)}({q}.*) as {alias}", alias, "true"
        source = f"{ident(rel.target.schema, rel.target.name)} as {alias}"
        if rel.junction is not None:  # target <- junction -> parent
            junction = f"_pgrst_j{n}"
            on = " and ".join(f"{junction}.{ident(j)} = {alias}.{ident(t)}" for t, j in rel.junction_target)
            source += f" join {ident(rel.junction.schema, rel.junction.name)} as {junction} on {on}"
            cond = " and ".join(f"{junction}.{ident(j)} = {q}.{ident(o)}" for o, j in rel.junction_origin)
        else:  # (parent column, target column) pairs
            cond = " and ".join(f"{alias}.{ident(t)} = {q}.{ident(o)}" for o, t in rel.pairs)
        return source, alias, cond

    def exists(self, item: EmbedItem, q: str) -> str:
        """Whether a parent row has embedded rows (`!inner`, `embed=not.is.null`). Inside an embed,
        `offset 0` keeps it a per-row test (PostgreSQL never turns it into a semi-join), so the embedded
        rows come in their scan order, as from PostgREST's lateral joins; at the top the semi-join stays
        (its row estimate is PostgREST's for `count=planned`)."""
        source, alias, cond = self._embed_source(item, q)
        per_row = " offset 0" if self.depth.get(q, 0) > 0 else ""
        return f"exists (select 1 from {source} where {cond}{self.where(item.read, alias, ' and ')}{per_row})"

    def embed_join(self, item: EmbedItem, q: str) -> tuple[str, str]:
        """A top-level embed that filters its parents (`!inner`, `embed=[not.]is.null`) as PostgREST
        renders it: a lateral join of its value (a to-many one's `json_agg`, null without rows, is an
        inner join's condition and what `is.null` tests), so the parent rows come in their scan order
        with the value computed once per row, where an EXISTS test beside the select-list value would
        compute it twice, or let the planner reorder the parents by a hashed or sorted semi-join.
        The join and the value's expression."""
        source, alias, cond = self._embed_source(item, q, named=True)
        rows = f"_pgrst_r{self.counter}"
        inner = self._rows(item, source, alias, cond)
        j = f"_pgrst_i{self.counter}"
        kind = "inner" if item.inner else "left"
        if item.relationship.to_one:
            first = " limit 1" if item.relationship.function is not None else ""
            join = (f" {kind} join lateral (select row_to_json({rows})::jsonb as v from ({inner}) {rows}{first})"
                    f" as {j} on true")
            value = f"{j}.v"
        else:
            on = f"{j}.v is not null" if item.inner else "true"
            join = (f" {kind} join lateral (select json_agg({rows})::jsonb as v from ({inner}) {rows})"
                    f" as {j} on {on}")
            value = f"{j}.v" if item.inner else f"coalesce({j}.v, '[]'::jsonb)"
        self.joined[id(item)] = f"{j}.v"
        return join, value

    def to_one_join(self, item: EmbedItem, q: str) -> tuple[str, str]:
        """A to-one embed as PostgREST renders it: a left lateral join of the related row, whose
        whole-row value is the object (null without a row). PostgreSQL may then join the related
        relation as it would PostgREST's query (a hash join over it, say), so rows that tie in the
        order come out in PostgREST's order. The join and the value's expression."""
        source, alias, cond = self._embed_source(item, q, named=True)
        j = f"_pgrst_e{self.counter}"
        inner = self._rows(item, source, alias, cond)
        if item.relationship.function is not None:  # a to-one computed relationship: its first row
            inner = f"select * from ({inner}) as {j}_f limit 1"
        value = f"row_to_json({j}.*)::jsonb"
        self.joined[id(item)] = value  # `!inner` is the join itself; `embed=is.null` tests the value
        return f" {'inner' if item.inner else 'left'} join lateral ({inner}) as {j} on true", value

    def embed(self, item: EmbedItem, q: str) -> str:
        """The select-list entry of one embed ('' for an empty embed)."""
        if item.empty:
            return ""
        source, alias, cond = self._embed_source(item, q, named=True)
        rows = f"_pgrst_r{self.counter}"
        inner = self._rows(item, source, alias, cond)
        output = ident(item.key)
        if item.relationship.to_one:
            # A to-one computed relationship may still return several rows: the first is taken.
            first = " limit 1" if item.relationship.function is not None else ""
            return f"(select row_to_json({rows})::jsonb from ({inner}) {rows}{first}) as {output}"
        return f"coalesce((select json_agg({rows})::jsonb from ({inner}) {rows}), '[]'::jsonb) as {output}"

    def _rows(self, item: EmbedItem, source: str, alias: str, cond: str) -> str:
        """The embedded rows of one parent row, as a select."""
        columns, group_by, joins = self.select(item.read, alias)
        where = self.where(item.read, alias, ' and ', joined=True)
        return (f"select {columns} from {source}{joins} where {cond}{where}"
                f"{group_by}{self.order(item.read, alias)}{limit_clause(item.read)}")

    # -- spreads: lateral joins whose columns the parent lifts (as PostgREST renders them) --------

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    @staticmethod
    def lifted(col: Lifted, s: str) -> str:
        """The parent's expression for one lifted column of the lateral `s`."""
        if col.function is not None:
            expr = f"{col.function}({s}.{ident(col.arg)})"
            return f"cast({expr} as {col.cast})" if col.cast else expr
        if col.array:  # the values of the related rows (none: an empty array)
            return (f"coalesce(json_agg({s}.{ident(col.name)}) filter (where {s}.pgrst_row),"
                    f" '[]'::json)::jsonb")
        return f"{s}.{ident(col.name)}"

    def spread(self, item: EmbedItem, q: str) -> tuple[str, list[Lifted], str]:
        """`...rel(cols)`: a lateral join, the columns it lifts and its alias. A to-one spread lifts
        its columns (nested spreads through it); its aggregates are left to the parent, which
        computes them over the spread's argument columns. A to-many spread lifts arrays."""
        if not item.relationship.to_one:
            return self._to_many_spread(item, q)
        source, alias, cond = self._embed_source(item, q)
        s = f"_pgrst_s{self.counter}"
        parts, joins, lifted = [], [], []
        for sub in item.read.select or ():
            if isinstance(sub, AggregateItem):
                arg = f"pgrst_arg{self._next()}"
                parts.append(f"{'1' if sub.field is None else self.agg_arg(sub, alias)} as {ident(arg)}")
                lifted.append(Lifted(sub.alias or sub.function, sub.function, arg, sub.cast))
            elif isinstance(sub, EmbedItem) and sub.spread:
                if sub.empty:
                    continue
                join, nested, n = self.spread(sub, alias)
                joins.append(join)
                for col in nested:
                    if col.function is not None:  # still the parent's to compute
                        parts.append(f"{n}.{ident(col.arg)} as {ident(col.arg)}")
                        lifted.append(col)
                    else:
                        parts.append(f"{self.lifted(col, n)} as {ident(col.name)}")
                        lifted.append(Lifted(col.name))
            elif isinstance(sub, EmbedItem):
                if not sub.empty:
                    parts.append(self.embed(sub, alias))
                    lifted.append(Lifted(sub.key))
            else:
                name = sub.alias or sub.field.output_name
                parts.append(f"{self.column(sub, alias)} as {ident(name)}")
                lifted.append(Lifted(name))
        inner = (f"select {', '.join(parts)} from {source}{''.join(joins)}"
                 f" where {cond}{self.where(item.read, alias, ' and ')}{self.order(item.read, alias)}"
                 f"{limit_clause(item.read)}")
        return f" left join lateral ({inner}) as {s} on true", lifted, s

    def _to_many_spread(self, item: EmbedItem, q: str) -> tuple[str, list[Lifted], str]:
        """Each column becomes the array of its values over the related rows (v13): the related rows
        are a lateral join and the parent aggregates them, grouped by its other columns (PostgREST's
        shape, so the parent rows come in the same order); an aggregate is computed over those rows."""
        rows, names, aggregates = self._flat_rows(item, q, marked=True)
        m = f"_pgrst_m{self._next()}"
        lifted = [Lifted(n, array=True) for n in names]
        # `count()` counts the related rows (the marker: none for the left join's null row)
        lifted.extend(Lifted(agg.alias or agg.function, agg.function, arg or "pgrst_row", agg.cast)
                      for agg, arg in aggregates)
        return f" left join lateral ({rows}) as {m} on true", lifted, m

    def _flat_rows(self, item: EmbedItem, q: str, marked: bool = False) -> tuple[str, list[str], list]:
        """The rows of a to-many spread with everything nested in it joined in (one row per related
        row of each nested embed, as PostgREST v13 aggregates them): the select, the names of its
        value columns and its (aggregate, argument column) pairs."""
        source, alias, cond = self._embed_source(item, q)
        parts, joins, names, aggregates = [], [], [], []
        for sub in item.read.select or ():
            if isinstance(sub, AggregateItem):
                arg = None
                if sub.field is not None:
                    arg = f"pgrst_arg{self._next()}"
                    parts.append(f"{self.agg_arg(sub, alias)} as {ident(arg)}")
                aggregates.append((sub, arg))
            elif isinstance(sub, EmbedItem) and sub.empty:
                continue
            elif isinstance(sub, EmbedItem) and sub.spread:
                nested_rows, nested_names, nested_aggregates = self._flat_rows(sub, alias)
                n = f"_pgrst_f{self._next()}"
                joins.append(f" left join lateral ({nested_rows}) as {n} on true")
                parts.extend(f"{n}.{ident(name)}" for name in nested_names)
                names.extend(nested_names)
                parts.extend(f"{n}.{ident(arg)}" for _, arg in nested_aggregates if arg is not None)
                aggregates.extend(nested_aggregates)
            elif isinstance(sub, EmbedItem):  # one object per related row
                nested_source, nested_alias, nested_cond = self._embed_source(sub, alias)
                n = f"_pgrst_f{self.counter}"
                inner = self._rows(sub, nested_source, nested_alias, nested_cond)
                joins.append(f" left join lateral (select row_to_json({n}_r)::jsonb as {ident(sub.key)}"
                             f" from ({inner}) {n}_r) as {n} on true")
                parts.append(f"{n}.{ident(sub.key)}")
                names.append(sub.key)
            else:
                name = sub.alias or sub.field.output_name
                parts.append(f"{self.column(sub, alias)} as {ident(name)}")
                names.append(name)
        if marked:  # tells the parent's aggregates a related row from the left join's null row
            parts.append("true as pgrst_row")
        rows = (f"select {', '.join(parts) or '1'} from {source}{''.join(joins)}"
                f" where {cond}{self.where(item.read, alias, ' and ')}{self.order(item.read, alias)}"
                f"{limit_clause(item.read)}")
        return rows, names, aggregates
