"""Hypothesis strategies for the reliability fuzzers: hostile values for each PostgreSQL type, and
PostgREST query strings. Profiles: `default` (a few examples, for `make test`) and `fuzz`
(1,000 examples per test, for `make fuzz`); HYPOTHESIS_PROFILE picks one."""

from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

COMMON = dict(deadline=None, database=None, derandomize=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                     HealthCheck.filter_too_much, HealthCheck.data_too_large])
settings.register_profile("default", max_examples=int(os.environ.get("AVENIR_FUZZ_EXAMPLES", "8")), **COMMON)
settings.register_profile("fuzz", max_examples=int(os.environ.get("AVENIR_FUZZ_EXAMPLES", "1000")), **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Values that broke or nearly broke this API before, and classics.
NASTY_TEXT = ["", " ", "\t\r\n", "null", "NULL", "'", "''", '"', "\\", "%", "_", "*", ",", "()", ".", "..",
              "'; drop table clients; --", "\" or 1=1 --", "${jndi:ldap}", "<script>", "\u200b", "\u202e",
              "\ufeff", "\U0001f600", "é" * 300, "x" * 10_001, "a@b.c", "owner@tenant.test", "en", "fr", "EN",
              "Hot Lead", "Lead Chaud", "Converted", "Spam", "Professional", "High", "Low", "eq.1", "not.is.null",
              "(.*)(.*)(.*)\\3\\2\\1", "0", "-1", "1e309", "NaN", "Infinity", "true", "{}", "[]", "{\"a\":1}",
              "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]
text = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=60),
                 st.text(alphabet=string.printable, min_size=1, max_size=400))
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                        st.floats(allow_nan=False, allow_infinity=False), text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(text, inner, max_size=4)),
                          max_leaves=12)
uuid_text = st.one_of(st.uuids().map(str), st.sampled_from(NASTY_TEXT[-2:]))
timestamp = st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.sampled_from(
    ["infinity", "-infinity", "epoch", "now", "294277-01-01", "2026-02-30", "yesterday"]))
number = st.one_of(st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from(["1e309", "-0", "12abc"]))


def for_type(pg_type: str, known_ids: list[str]) -> st.SearchStrategy:
    """A strategy for an argument of the given format_type(), mostly plausible, often hostile."""
    t = pg_type.lower()
    if t.endswith("[]"):
        return st.one_of(st.lists(for_type(t[:-2], known_ids), max_size=5), json_value)
    ids = st.sampled_from(known_ids) if known_ids else uuid_text
    base = {
        "uuid": st.one_of(ids, uuid_text),
        "integer": st.one_of(st.integers(-5, 100), number), "bigint": number, "smallint": number,
        "numeric": number, "double precision": number, "real": number,
        "boolean": st.one_of(st.booleans(), st.sampled_from(["yes", "maybe", 2])),
        "jsonb": json_value, "json": json_value,
        "timestamp with time zone": timestamp, "date": timestamp, "interval": st.sampled_from(
            ["1 day", "-1 year", "forever", "999999999 years", "00:00:01"]),
    }
    if t in base:
        strategy = base[t]
    elif t.startswith("extensions.vector") or t.startswith("vector"):
        strategy = st.one_of(st.lists(st.floats(-1, 1), max_size=8), st.just([0.0] * 1536), text)
    else:
        strategy = text
    return st.one_of(strategy, st.none(), json_value)


OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch", "in", "is", "isdistinct",
             "fts", "plfts", "phfts", "wfts", "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj", "not.eq", "not.in",
             "any", "all", "eq(any)", "like(all)"]


def filter_value() -> st.SearchStrategy:
    return st.one_of(text, st.sampled_from(["null", "true", "unknown", "(1,2,3)", "(\"a\",b)", "{1,2}", "[1,2)",
                                            "*x*", "%x%", "a.b.c", "()", "(", ")", ",,", "\\x00"]),
                     st.integers(-(2**70), 2**70).map(str))


def query_params(columns: list[str]) -> st.SearchStrategy:
    """A PostgREST query string: filters, select (with casts, aliases, JSON paths, embeds), order,
    limit/offset, logic trees; column names mostly real, sometimes not."""
    column = st.one_of(st.sampled_from(columns), text)
    path = st.one_of(column, st.builds(lambda c, k: f"{c}->{k}", column, text),
                     st.builds(lambda c, k: f"{c}->>{k}", column, text))
    condition = st.builds(lambda op, v: f"{op}.{v}", st.sampled_from(OPERATORS), filter_value())
    select_item = st.one_of(column, st.builds(lambda c, t: f"{c}::{t}", column, st.sampled_from(
        ["text", "int", "json", "bigint", "x y", "pg_sleep"])), st.builds(lambda a, c: f"{a}:{c}", text, column),
        st.builds(lambda c, inner: f"{c}({inner})", column, column), st.just("*"), st.just("count()"),
        st.builds(lambda c: f"{c}.sum()", column))
    order = st.builds(lambda c, d, n: f"{c}{d}{n}", path, st.sampled_from(["", ".asc", ".desc", ".x"]),
                      st.sampled_from(["", ".nullsfirst", ".nullslast"]))
    logic = st.builds(lambda c, cond1, cond2: f"({c}.{cond1},{c}.{cond2})", column, condition, condition)
    pair = st.one_of(st.tuples(path, condition), st.tuples(st.just("select"), st.lists(select_item, max_size=5)
                                                            .map(",".join)),
                     st.tuples(st.just("order"), st.lists(order, max_size=3).map(",".join)),
                     st.tuples(st.sampled_from(["limit", "offset"]), st.one_of(
                         st.integers(-5, 2**70).map(str), text)),
                     st.tuples(st.sampled_from(["or", "and", "not.or"]), logic), st.tuples(text, text))
    return st.lists(pair, max_size=6)
