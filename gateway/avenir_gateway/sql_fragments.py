"""The pieces of SQL text every statement shares (§1.3): quoted identifiers and constants, the
filter operators and the `in` list literal.

Identifiers are checked against the schema cache by the plan and quoted here with sql.Identifier;
values are always parameters (query.Params) sent untyped (OID 0), so Postgres casts them to the
column's type exactly as it does for PostgREST's unknown-typed literals.
"""

from __future__ import annotations

from functools import lru_cache

from psycopg import sql

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

    Statements are assembled as text with `$n` placeholders for the values: rendering psycopg's
    sql.Composed trees cost more than the rest of a request's Python work.
    """
    return sql.Identifier(*names).as_string(None)


def literal(value: str | int) -> str:
    """A constant from the query string (a JSON key or index), quoted by sql.Literal."""
    return sql.Literal(value).as_string(None)


def pg_array_literal(items) -> str:
    return "{" + ",".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items) + "}"
