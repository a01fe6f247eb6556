"""The plan of a request, without a database: the tree each request becomes, and the resolution
errors the plan raises before any SQL exists."""

from __future__ import annotations

import dataclasses

import pytest
from schema_fixture import AUTHORS, BOOKS, cache, config, request

from avenir_gateway import plan
from avenir_gateway.errors import ApiError


def make(method: str, path: str, query: str = "", body: bytes = b"", cfg=None, **headers):
    return plan.plan(request(method, path, query, body, **headers), cache(), cfg or config())


def test_request_is_frozen():
    req = request("GET", "/books", "select=id&id=eq.1", prefer="count=exact")
    with pytest.raises(dataclasses.FrozenInstanceError):
        req.method = "POST"
    with pytest.raises(TypeError):
        req.headers["x"] = "y"
    with pytest.raises(TypeError):
        req.prefer.values["count"] = "planned"
    assert req.prefer.get("count") == "exact"


def test_read_tree_with_embed_carries_its_relationship():
    p = make("GET", "/books", "select=id,author:authors(name)&id=gt.1&order=id.desc&limit=5&offset=2")
    assert p.kind == "read" and p.offset == 2 and p.tx.read_only
    read = p.read
    assert (read.source, read.relation, read.limit, read.offset) == ("relation", BOOKS, 5, 2)
    column, embed = read.select
    assert isinstance(column, plan.ColumnItem) and column.field.name == "id"
    assert isinstance(embed, plan.EmbedItem) and embed.key == "author"
    assert embed.relationship.to_one and embed.relationship.target == AUTHORS
    assert embed.relationship.constraint == "books_author_id_fkey"
    assert embed.read.source == "embed" and [i.field.name for i in embed.read.select] == ["name"]
    assert read.filters == (plan.Filter(plan.FieldRef("id", "integer"), False, "gt", "1"),)
    assert read.order == (plan.Order(plan.FieldRef("id", "integer"), "desc"),)


def test_many_to_many_embed_goes_through_the_junction():
    embed = make("GET", "/books", "select=genres(name)").read.select[0]
    assert embed.relationship.junction.name == "book_genres" and not embed.relationship.to_one


def test_embedded_filters_and_is_null_become_nodes():
    p = make("GET", "/authors", "select=id,books!inner(title)&books.title=like.A*&books.limit=2")
    embed = p.read.select[1]
    assert embed.inner and embed.read.limit == 2
    assert embed.read.filters[0].operator == "like"
    p = make("GET", "/authors", "select=id,books(title)&books=is.null")
    assert p.read.filters == (plan.EmbedNull("books", True),)


def test_db_max_rows_caps_the_range():
    p = make("GET", "/books", "limit=50", cfg=config(db_max_rows=10))
    assert (p.read.limit, p.read.offset) == (10, 0)
    p = make("GET", "/books", range="5-9")
    assert (p.read.limit, p.read.offset, p.offset) == (5, 5, 5)


def test_computed_field_is_resolved_to_its_function():
    item = make("GET", "/authors", "select=initials").read.select[0]
    assert item.field.computed.name == "initials"


@pytest.mark.parametrize(("query", "code"), [
    ("select=id,nope(*)", "PGRST200"),
    ("select=missing", "42703"),
    ("id=eq.1&books.order=id", "PGRST108"),
    ("select=title.sum()", "PGRST123"),
    ("select=id,...book_genres(genre_id)", "PGRST123"),  # a to-many spread aggregates (v13)
    ("order=authors(name)", "PGRST108"),  # a related order needs the embed in the select
    ("select=id,book_genres(genre_id)&order=book_genres(genre_id)", "PGRST118"),  # and a to-one one
])
def test_resolution_errors_are_raised_by_the_plan(query, code):
    with pytest.raises(ApiError) as err:
        make("GET", "/books", query)
    assert err.value.code == code


def test_request_errors_come_before_the_plan():
    with pytest.raises(ApiError) as err:
        request("GET", "/books", "select=id,authors(name")
    assert err.value.code == "PGRST100"
    # what follows a complete select list is ignored, as PostgREST's parser reads no end of input: the
    # cast is `text`, `;drop` never reaches the statement
    assert [i.cast for i in request("GET", "/books", "select=id::text;drop").params.select] == ["text"]
    with pytest.raises(ApiError) as err:
        request("GET", "/books", prefer="handling=strict,bogus")
    assert err.value.code == "PGRST122"
    assert request("GET", "/books", prefer="timezone=Mars/Base").prefer.get("timezone") is None


def test_unknown_table_is_pgrst205_with_a_hint():
    with pytest.raises(ApiError) as err:
        make("GET", "/bookz")
    assert err.value.code == "PGRST205" and "gw.books" in err.value.hint


def test_insert_plan_holds_the_rows_and_the_conflict_target():
    p = make("POST", "/books", body=b'[{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]',
             prefer="return=representation,resolution=merge-duplicates", content_type="application/json")
    m = p.mutate
    assert (m.kind, m.columns, m.on_conflict, m.conflict_update) == ("insert", ("id", "title"), ("id",), True)
    assert m.payload == '[{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]'  # the client's own text
    assert m.returning is None and p.read.source == "mutated" and p.include_body


def test_insert_errors():
    with pytest.raises(ApiError) as err:
        make("POST", "/books", body=b'{"nope": 1}')
    assert err.value.code == "PGRST204"
    with pytest.raises(ApiError) as err:
        make("POST", "/books", body=b"{bad")
    assert (err.value.code, err.value.message) == ("PGRST102", "Empty or invalid json")
    with pytest.raises(ApiError) as err:
        make("POST", "/books", body=b'[{"id": 1}, {"title": "x"}]')
    assert err.value.message == "All object keys must match"


def test_put_needs_the_whole_primary_key():
    p = make("PUT", "/books", "id=eq.1", body=b'{"id": 1, "title": "t"}')
    assert (p.mutate.kind, p.mutate.on_conflict, p.read) == ("put", ("id",), None)
    assert (p.mutate.key_check, p.tx.put_check) == ((), False)  # the same text: nothing left to compare
    for query, body, code in (("title=eq.x", b'{"id": 1}', "PGRST105"), ("id=eq.2", b'{"title": "t"}', "PGRST115"),
                              ("id=eq.1&limit=1", b'{"id": 1}', "PGRST114")):
        with pytest.raises(ApiError) as err:
            make("PUT", "/books", query, body)
        assert err.value.code == code
    # Another spelling is compared by the database (no row written: PGRST115 after the statement).
    p = make("PUT", "/books", "id=eq.2", body=b'{"id": 1, "title": "t"}')
    assert (p.mutate.key_check, p.tx.put_check) == ((("id", "2"),), True)


def test_headers_only_insert_returns_the_primary_key_for_location():
    p = make("POST", "/books", body=b'{"title": "t"}', prefer="return=headers-only")
    assert p.mutate.returning == ("id",) and p.mutate.location == ("id",)


def test_patch_and_delete_plans():
    p = make("PATCH", "/books", "id=eq.3", body=b'{"title": "x"}', prefer="count=exact")
    assert (p.mutate.kind, p.mutate.columns, p.mutate.returning) == ("update", ("title",), ())
    assert p.mutate.filters[0].field.name == "id" and not p.tx.read_only
    p = make("DELETE", "/books", "id=in.(1,2)")
    assert p.mutate.kind == "delete" and p.mutate.filters[0].value == ("1", "2")


def test_call_plans():
    p = make("POST", "/rpc/add", body=b'{"a": 1, "b": 2}')
    assert p.kind == "call" and p.call.scalar and p.call.args_json == '{"a":1,"b":2}'
    assert [a.name for a in p.call.arguments] == ["a", "b"] and p.tx.read_only  # immutable
    p = make("GET", "/rpc/books_by", "author=1&select=title,authors(name)")
    assert not p.call.scalar and p.read.select[1].relationship.target == AUTHORS
    p = make("POST", "/rpc/shout", body=b"hello", content_type="text/plain")
    assert p.call.raw == "hello" and p.call.args_json is None


def test_call_resolution_errors():
    with pytest.raises(ApiError) as err:
        make("POST", "/rpc/add", body=b'{"a": 1}')
    assert err.value.code == "PGRST202"
    p = make("POST", "/rpc/books_by", body=b'{"author": 1}', prefer="handling=strict,max-affected=1")
    assert p.tx.max_affected == 1 and p.tx.inspect_first  # a set-returning function may use max-affected
    with pytest.raises(ApiError) as err:
        make("POST", "/rpc/add", body=b'{"a": 1, "b": 2}', prefer="handling=strict,max-affected=1")
    assert err.value.code == "PGRST128"


def test_options_is_an_info_plan():
    assert make("OPTIONS", "/books") == plan.InfoPlan("OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE")
    assert make("OPTIONS", "/log") == plan.InfoPlan("OPTIONS,GET,HEAD")


def test_transaction_settings():
    p = make("GET", "/books", accept="application/vnd.pgrst.object+json")
    assert p.tx.singular and p.tx.inspect_first
    p = make("DELETE", "/books", prefer="tx=rollback", cfg=config(db_tx_end="commit-allow-override"))
    assert not p.tx.commit and p.tx.tx_applied
