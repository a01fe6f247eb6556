"""SQL fragments from parsed query parameters (§1.3): columns, filters, logic trees, order.

Identifiers are checked against the schema cache and quoted with sql.Identifier; values are
always parameters sent untyped (a Python str is dumped with OID 0), so Postgres casts them to the
column's type exactly as it does for PostgREST's unknown-typed literals.
"""

from __future__ import annotations

import re
from functools import lru_cache

from psycopg import sql

from . import query_params as qp
from .errors import ApiError, pgrst
from .schema_cache import Column

CAST = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*(\[\])?$")
SIMPLE_OPS = {"eq": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "neq": "<>", "like": "like",
              "ilike": "ilike", "match": "~", "imatch": "~*", "cs": "@>", "cd": "<@", "ov": "&&",
              "sl": "<<", "sr": ">>", "nxr": "&<", "nxl": "&>", "adj": "-|-", "isdistinct": "is distinct from"}
FTS_FUNCTIONS = {"fts": "to_tsquery", "plfts": "plainto_tsquery", "phfts": "phraseto_tsquery",
                 "wfts": "websearch_to_tsquery"}
IS_SQL = {"null": "is null", "not_null": "is not null", "true": "is true", "false": "is false",
          "unknown": "is unknown"}


@lru_cache(maxsize=4096)
def ident(*names: str) -> str:
    """A (qualified) identifier as sql.Identifier renders it; cached, as names repeat on every request.

    The statements are assembled as text with `%s` placeholders for the values: rendering psycopg's
    sql.Composed trees cost more than the rest of a request's Python work.
    """
    return sql.Identifier(*names).as_string(None).replace("%", "%%")


def literal(value: str | int) -> str:
    """A constant from the query string (a JSON key or index), quoted by sql.Literal; `%` escaped."""
    return sql.Literal(value).as_string(None).replace("%", "%%")


class Scope:
    """The relation that column names refer to: its SQL qualifier, its columns and its name."""

    def __init__(self, qualifier: str, columns: dict[str, Column], label: str, relation=None):
        self.qualifier, self.columns, self.label = qualifier, columns, label
        self.relation = relation  # the schema cache's Relation when embedding is possible
        self.path: tuple[str, ...] = ()  # the embed path (`actors.roles`) of this scope
        self.group_by: list[str] = []  # set by select_list when the select has aggregates
        self.computed: dict = {}  # computed fields of the relation (name -> Function)

    def column(self, name: str) -> Column:
        col = self.columns.get(name)
        if col is None:
            fn = self.computed.get(name)
            if fn is not None:
                return Column(name, fn.return_type, fn.return_type_name)
            raise ApiError(400, "42703", f"column {self.label}.{name} does not exist")
        return col

    def ref(self, fld: qp.Field) -> str:
        col = self.column(fld.name)
        if fld.name in self.columns:
            expr = f"{self.qualifier}.{ident(fld.name)}"
        else:  # a computed field: the function applied to the row
            fn = self.computed[fld.name]
            expr = f"{ident(fn.schema, fn.name)}({self.qualifier}.*)"
        if fld.json_path:
            if col.base_type not in ("json", "jsonb"):
                expr = f"to_jsonb({expr})"
            for step in fld.json_path:
                expr += step.arrow + (literal(int(step.key)) if step.is_index else literal(step.key))
        return expr


def cast_type(cast: str) -> str:
    """A type name for `::cast`; only plain words reach the SQL text (no quoting, no punctuation)."""
    if not CAST.match(cast.strip()):
        raise ApiError(400, "42704", f'type "{cast}" does not exist')
    return cast.strip()


def select_list(items: list[qp.SelectItem] | None, scope: Scope, embedder=None) -> str:
    if items is None:
        return f"{scope.qualifier}.*"
    if not items:  # `select=` (empty): rows without columns, rendered as {}
        return ""
    parts: list[str] = []
    grouped: list[str] = []
    aggregated = False
    for item in items:
        if item.embed is not None:
            target = item.field.name if item.field else ""
            if embedder is None or scope.relation is None:
                raise pgrst("PGRST200", f"Could not find a relationship between '{scope.label}' and '{target}' "
                                        "in the schema cache")
            sub = embedder.subquery(item, scope, select_list)
            if sub:  # an empty embed `rel()` only filters: it adds no key
                parts.append(sub)
            continue
        if item.aggregate is not None:
            if embedder is None or not embedder.aggregates_enabled:
                raise pgrst("PGRST123", "Use of aggregate functions is not allowed")
            inner = "*" if item.field is None else scope.ref(item.field)
            expr = f"{item.aggregate}({inner})"
            if item.cast:
                expr = f"cast({expr} as {cast_type(item.cast)})"
            parts.append(f"{expr} as {ident(item.alias or item.aggregate)}")
            aggregated = True
            continue
        if item.field is None:
            parts.append(f"{scope.qualifier}.*")
            grouped.append(f"{scope.qualifier}.*")
            continue
        expr = scope.ref(item.field)
        if item.cast:
            expr = f"cast({expr} as {cast_type(item.cast)})"
        grouped.append(expr)
        name = item.alias or item.field.output_name
        if item.alias or item.cast or item.field.json_path:
            expr = f"{expr} as {ident(name)}"
        parts.append(expr)
    if aggregated:  # PostgREST groups by every selected column that is not aggregated
        scope.group_by = grouped
    return ", ".join(parts)


def pg_array_literal(items: list[str]) -> str:
    return "{" + ",".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items) + "}"


def condition(cond: qp.Condition | qp.LogicTree, scope: Scope, params: list) -> str:
    if isinstance(cond, qp.LogicTree):
        joiner = " and " if cond.operator == "and" else " or "
        inner = "(" + joiner.join(condition(c, scope, params) for c in cond.children) + ")"
        return f"not {inner}" if cond.negated else inner
    lhs = scope.ref(cond.field)
    op = cond.operator
    if op == "is":
        expr = f"{lhs} {IS_SQL[cond.value]}"
    elif op == "in":
        params.append(pg_array_literal(cond.value))
        expr = f"{lhs} = any(%s)"
    elif op in FTS_FUNCTIONS:
        col = scope.column(cond.field.name)
        fn = FTS_FUNCTIONS[op]
        wrap = col.base_type != "tsvector" or bool(cond.field.json_path)
        if cond.language:
            if wrap:
                lhs = f"to_tsvector(%s::regconfig, {lhs})"
                params.append(cond.language)
            params.extend([cond.language, cond.value])
            query = f"{fn}(%s::regconfig, %s)"
        else:
            if wrap:
                lhs = f"to_tsvector({lhs})"
            params.append(cond.value)
            query = f"{fn}(%s)"
        expr = f"{lhs} @@ {query}"
    else:
        value = cond.value
        if op in ("like", "ilike"):
            value = value.replace("*", "%")
        params.append(value)
        if cond.quantifier:
            expr = f"{lhs} {SIMPLE_OPS[op]} {cond.quantifier}(%s)"
        else:
            expr = f"{lhs} {SIMPLE_OPS[op]} %s"
    return f"not ({expr})" if cond.negated else expr


def where_clause(conditions: list, scope: Scope, params: list) -> str:
    if not conditions:
        return ""
    return " where " + " and ".join(condition(c, scope, params) for c in conditions)


def group_by_clause(scope: Scope) -> str:
    return " group by " + ", ".join(scope.group_by) if scope.group_by else ""


def order_clause(terms: list[qp.OrderTerm], scope: Scope) -> str:
    if not terms:
        return ""
    parts = []
    for term in terms:
        if term.relation is not None:
            raise pgrst("PGRST118", f"A related order on '{term.relation}' is not possible",
                        hint=f"'{term.relation}' is not an embedded resource in this request")
        expr = scope.ref(term.field)
        if term.direction:
            expr += " " + term.direction
        if term.nulls:
            expr += " nulls first" if term.nulls == "nullsfirst" else " nulls last"
        parts.append(expr)
    return " order by " + ", ".join(parts)


def limit_clause(limit: int | None, offset: int) -> str:
    out = ""
    if limit is not None:
        out += f" limit {int(limit)}"
    if offset:
        out += f" offset {int(offset)}"
    return out
