"""The shape cache (shapes.py), without a database: a request of a known shape gets the statement the
full path (parse -> plan -> query) would build for it, with its own values and headers."""

from __future__ import annotations

import dataclasses

from schema_fixture import cache, config

from avenir_gateway import plan, request, shapes
from avenir_gateway.query import statement

SCHEMA_CACHE = cache()
CFG = config()


def full(method: str, path: str, query: str, headers: dict[str, str]):
    req = request.parse(method, path, query, headers, b"", CFG.db_schemas, SCHEMA_CACHE.timezones)
    action = plan.plan(req, SCHEMA_CACHE, CFG)
    return req, action, statement(action, req.media)


def through(store: shapes.Shapes, method: str, path: str, query: str, headers: dict[str, str]):
    """What app.Gateway.handle does: the shape when known, else the full path, then learn."""
    parts, operands = shapes.split(query)
    key = store.key(method, path, parts, headers)
    found = store.find(key, operands, headers)
    if found is not None:
        return found, True
    req, action, stmt = full(method, path, query, headers)
    store.learn(key, query, operands, req, action, stmt, SCHEMA_CACHE, CFG)
    return (req, action, stmt), False


def test_a_known_shape_gets_the_statement_of_the_full_path_with_its_own_values():
    store = shapes.Shapes()
    first = "select=id,title&title=like.A*&id=gte.2&author_id=lt.9&order=id.desc&limit=3"
    (_, _, stmt), hit = through(store, "GET", "/books", first, {})
    assert not hit and stmt.params == ("A%", "2", "9")
    for query in ("select=id,title&title=like.A*&id=gte.40&author_id=lt.1&order=id.desc&limit=3",
                  "select=id,title&title=like.A*&id=gte.a%20b+c&author_id=lt.%25&order=id.desc&limit=3"):
        (req, action, stmt), hit = through(store, "GET", "/books", query, {})
        assert hit
        expected = full("GET", "/books", query, {})[2]
        assert (stmt.query, stmt.params) == (expected.query, expected.params)
    assert stmt.params == ("A%", "a b c", "%")
    assert len(store) == 1


def test_the_operator_and_every_other_part_are_the_shape():
    store = shapes.Shapes()
    through(store, "GET", "/books", "id=eq.1", {})
    for query, headers in (("id=neq.1", {}), ("id=in.(1,2)", {}), ("id=not.eq.1", {}), ("title=eq.1", {}),
                           ("id=eq.1", {"prefer": "count=exact"}), ("id=eq.1", {"accept": "text/csv"}),
                           ("id=eq.1", {"range": "0-1"}), ("id=eq.1", {"accept-profile": "gw"})):
        assert not through(store, "GET", "/books", query, headers)[1], (query, headers)
    assert not through(store, "HEAD", "/books", "id=eq.1", {})[1]
    # A value in a list, a negation or a reserved key is part of the shape: another value, another shape.
    assert shapes.split("id=in.(1,2)&id=not.eq.3&limit=eq.2&select=eq.x") == (
        ("id=in.(1,2)", "id=not.eq.3", "limit=eq.2", "select=eq.x"), [])
    assert shapes.split("a=eq.1&b=lte.x%2Cy") == (("a=eq.\x00", "b=lte.\x00"), ["1", "x,y"])


def test_the_request_carries_its_own_headers_and_cookies():
    store = shapes.Shapes()
    through(store, "GET", "/books", "id=eq.1", {"x-first": "1", "cookie": "a=1"})
    (req, _, stmt), hit = through(store, "GET", "/books", "id=eq.2", {"x-second": "2", "cookie": "b=2; c=3"})
    assert hit and stmt.params == ("2",)
    assert dict(req.headers) == {"x-second": "2"} and dict(req.cookies) == {"b": "2", "c": "3"}
    # Every other field is the full path's (the filters' values live in the statement's parameters).
    expected = full("GET", "/books", "id=eq.2", {"x-second": "2", "cookie": "b=2; c=3"})[0]
    assert dataclasses.replace(expected, params=req.params) == req
    (req, _, _), hit = through(store, "GET", "/books", "id=eq.3", {"x-third": "3", "cookie": ""})
    assert hit and dict(req.headers) == {"x-third": "3"} and dict(req.cookies) == {}


def test_a_statement_without_operands_is_kept_as_it_is_and_clear_forgets():
    store = shapes.Shapes()
    query = "select=id,author:authors(name)&order=id&limit=20"
    through(store, "GET", "/books", query, {})
    (_, action, stmt), hit = through(store, "GET", "/books", query, {})
    assert hit and stmt.query == full("GET", "/books", query, {})[2].query
    assert isinstance(action, plan.ActionPlan) and action.read.limit == 20
    store.clear()
    assert not through(store, "GET", "/books", query, {})[1]


def test_planned_counts_are_not_kept_and_the_least_recently_used_goes_first(monkeypatch):
    store = shapes.Shapes()
    through(store, "GET", "/books", "id=eq.1", {"prefer": "count=planned"})
    assert not through(store, "GET", "/books", "id=eq.2", {"prefer": "count=planned"})[1]
    monkeypatch.setattr(shapes, "MAX_SHAPES", 2)
    store = shapes.Shapes()
    for column in ("id", "title", "author_id"):
        through(store, "GET", "/books", f"{column}=eq.1", {})
    assert len(store) == 2
    assert not through(store, "GET", "/books", "id=eq.2", {})[1]  # the oldest was dropped
    assert through(store, "GET", "/books", "author_id=eq.2", {})[1]
