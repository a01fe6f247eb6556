"""SQL fragments from parsed query parameters (§1.3): columns, filters, logic trees, order.

Identifiers are checked against the schema cache and quoted with sql.Identifier; values are
always parameters sent untyped (a Python str is dumped with OID 0), so Postgres casts them to the
column's type exactly as it does for PostgREST's unknown-typed literals.
"""

from __future__ import annotations

import re

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


class Scope:
    """The relation that column names refer to: its SQL qualifier, its columns and its name."""

    def __init__(self, qualifier: sql.Composable, columns: dict[str, Column], label: str):
        self.qualifier, self.columns, self.label = qualifier, columns, label

    def column(self, name: str) -> Column:
        col = self.columns.get(name)
        if col is None:
            raise ApiError(400, "42703", f"column {self.label}.{name} does not exist")
        return col

    def ref(self, fld: qp.Field) -> sql.Composable:
        col = self.column(fld.name)
        expr: sql.Composable = sql.SQL("{}.{}").format(self.qualifier, sql.Identifier(fld.name))
        if fld.json_path:
            if col.base_type not in ("json", "jsonb"):
                expr = sql.SQL("to_jsonb({})").format(expr)
            for step in fld.json_path:
                key = sql.Literal(int(step.key)) if step.is_index else sql.Literal(step.key)
                expr = sql.SQL("{}{}{}").format(expr, sql.SQL(step.arrow), key)
        return expr


def cast_type(cast: str) -> sql.Composable:
    """A type name for `::cast`; only plain words reach the SQL text (no quoting, no punctuation)."""
    if not CAST.match(cast.strip()):
        raise ApiError(400, "42704", f'type "{cast}" does not exist')
    return sql.SQL(cast.strip())


def select_list(items: list[qp.SelectItem] | None, scope: Scope, aggregates_enabled: bool = False,
                parent: str = "") -> sql.Composable:
    if not items:
        return sql.SQL("{}.*").format(scope.qualifier)
    parts = []
    for item in items:
        if item.embed is not None:
            target = item.field.name if item.field else ""
            raise pgrst("PGRST200", f"Could not find a relationship between '{scope.label}' and '{target}' "
                                    "in the schema cache",
                        hint="Resource embedding is not available in this gateway yet.")
        if item.aggregate is not None and not aggregates_enabled:
            raise pgrst("PGRST123", "Use of aggregate functions is not allowed")
        if item.field is None:
            parts.append(sql.SQL("{}.*").format(scope.qualifier))
            continue
        expr = scope.ref(item.field)
        if item.cast:
            expr = sql.SQL("cast({} as {})").format(expr, cast_type(item.cast))
        name = item.alias or item.field.output_name
        if item.alias or item.cast or item.field.json_path:
            expr = sql.SQL("{} as {}").format(expr, sql.Identifier(name))
        parts.append(expr)
    return sql.SQL(", ").join(parts)


def pg_array_literal(items: list[str]) -> str:
    return "{" + ",".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items) + "}"


def condition(cond: qp.Condition | qp.LogicTree, scope: Scope, params: list) -> sql.Composable:
    if isinstance(cond, qp.LogicTree):
        joiner = sql.SQL(" and " if cond.operator == "and" else " or ")
        inner = sql.SQL("({})").format(joiner.join(condition(c, scope, params) for c in cond.children))
        return sql.SQL("not {}").format(inner) if cond.negated else inner
    lhs = scope.ref(cond.field)
    op = cond.operator
    if op == "is":
        expr = sql.SQL("{} {}").format(lhs, sql.SQL(IS_SQL[cond.value]))
    elif op == "in":
        params.append(pg_array_literal(cond.value))
        expr = sql.SQL("{} = any({})").format(lhs, sql.Placeholder())
    elif op in FTS_FUNCTIONS:
        col = scope.column(cond.field.name)
        fn = sql.SQL(FTS_FUNCTIONS[op])
        if cond.language:
            params_needed = [cond.language]
            if col.base_type != "tsvector" or cond.field.json_path:
                lhs = sql.SQL("to_tsvector({}::regconfig, {})").format(sql.Placeholder(), lhs)
                params_needed.append(cond.language)
            params.extend(params_needed)
            params.append(cond.value)
            query = sql.SQL("{}({}::regconfig, {})").format(fn, sql.Placeholder(), sql.Placeholder())
        else:
            if col.base_type != "tsvector" or cond.field.json_path:
                lhs = sql.SQL("to_tsvector({})").format(lhs)
            params.append(cond.value)
            query = sql.SQL("{}({})").format(fn, sql.Placeholder())
        expr = sql.SQL("{} @@ {}").format(lhs, query)
    else:
        value = cond.value
        if op in ("like", "ilike"):
            value = value.replace("*", "%")
        params.append(value)
        if cond.quantifier:
            expr = sql.SQL("{} {} {}({})").format(lhs, sql.SQL(SIMPLE_OPS[op]), sql.SQL(cond.quantifier),
                                                  sql.Placeholder())
        else:
            expr = sql.SQL("{} {} {}").format(lhs, sql.SQL(SIMPLE_OPS[op]), sql.Placeholder())
    return sql.SQL("not ({})").format(expr) if cond.negated else expr


def where_clause(conditions: list, scope: Scope, params: list) -> sql.Composable:
    if not conditions:
        return sql.SQL("")
    return sql.SQL(" where ") + sql.SQL(" and ").join(condition(c, scope, params) for c in conditions)


def order_clause(terms: list[qp.OrderTerm], scope: Scope) -> sql.Composable:
    if not terms:
        return sql.SQL("")
    parts = []
    for term in terms:
        if term.relation is not None:
            raise pgrst("PGRST118", f"A related order on '{term.relation}' is not possible",
                        hint=f"'{term.relation}' is not an embedded resource in this request")
        expr = scope.ref(term.field)
        if term.direction:
            expr = sql.SQL("{} {}").format(expr, sql.SQL(term.direction))
        if term.nulls:
            expr = sql.SQL("{} {}").format(expr, sql.SQL("nulls first" if term.nulls == "nullsfirst"
                                                          else "nulls last"))
        parts.append(expr)
    return sql.SQL(" order by ") + sql.SQL(", ").join(parts)


def limit_clause(limit: int | None, offset: int) -> sql.Composable:
    out = sql.SQL("")
    if limit is not None:
        out += sql.SQL(" limit {}").format(sql.Literal(limit))
    if offset:
        out += sql.SQL(" offset {}").format(sql.Literal(offset))
    return out
