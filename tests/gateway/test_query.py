"""The SQL of a plan, without a database: placeholders numbered by the builder, values only as
parameters, the shapes of reads, embeds, writes and calls."""

from __future__ import annotations

import re

from schema_fixture import cache, config, request

from avenir_gateway import plan, query


def sql_for(method: str, path: str, q: str = "", body: bytes = b"", cfg=None, **headers) -> query.Statement:
    req = request(method, path, q, body, **headers)
    return query.statement(plan.plan(req, cache(), cfg or config()), req.media)


def placeholders(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\$(\d+)", text)]


def test_params_numbers_values_itself():
    params = query.Params()
    assert (params.add("a"), params.add(None), params.add("c")) == ("$1", "$2", "$3")
    assert params.values == ["a", None, "c"]


def test_read_with_filters():
    st = sql_for("GET", "/books", "select=id,title&id=gt.1&title=like.A*&order=id.desc&limit=5&offset=2",
                 prefer="count=planned")
    assert st.params == ("1", "A%")
    assert ('select "gw"."books"."id", "gw"."books"."title" from "gw"."books" where "gw"."books"."id" > $1'
            ' and "gw"."books"."title" like $2 order by "gw"."books"."id" desc limit 5 offset 2') in st.query
    assert "null::bigint as total_result_set" in st.query  # planned: the count is EXPLAIN's estimate
    assert st.count_query == 'select 1 from "gw"."books" where "gw"."books"."id" > $1 and "gw"."books"."title" like $2'
    assert st.count_params == ("1", "A%")


def test_no_count_query_unless_planned():
    assert sql_for("GET", "/books", "id=eq.1").count_query is None


def test_exact_count_reuses_the_where_placeholders():
    st = sql_for("GET", "/books", "id=eq.7&limit=5", prefer="count=exact")
    assert st.params == ("7",)  # the count subquery refers to $1 again, not to a second copy
    assert '(select pg_catalog.count(*) from "gw"."books" where "gw"."books"."id" = $1)' in st.query
    # Nothing limits the page: its own count is the total, no subquery.
    st = sql_for("GET", "/books", "id=eq.7", prefer="count=exact")
    assert "select pg_catalog.count(*) as total_result_set" in st.query and "(select pg_catalog.count" not in st.query


def test_placeholders_match_values_with_embeds_and_logic():
    st = sql_for("GET", "/authors", "select=id,books!inner(title)&books.title=eq.T&or=(id.eq.1,name.in.(a,b))"
                                     "&name=fts(english).cat")
    assert sorted(set(placeholders(st.query))) == list(range(1, len(st.params) + 1))
    assert "T" in st.params and "{\"a\",\"b\"}" in st.params and "english" in st.params and "cat" in st.params
    # the top-level `!inner` embed is an inner lateral join on its (non-null) value, no EXISTS test
    assert "inner join lateral (select json_agg(_pgrst_r" in st.query and "exists (" not in st.query
    assert "row_to_json" not in st.query and "json_agg(_pgrst_r" in st.query  # to-many: an array


def test_to_one_embed_is_an_object_of_a_left_lateral_join():
    st = sql_for("GET", "/books", "select=title,author:authors(name)")
    assert 'row_to_json(_pgrst_e1.*)::jsonb as "author" from "gw"."books"' in st.query
    assert (' left join lateral (select "authors_1"."name" from "gw"."authors" as "authors_1"'
            ' where "authors_1"."id" = "gw"."books"."author_id") as _pgrst_e1 on true') in st.query


def test_json_path_and_cast():
    st = sql_for("GET", "/books", "select=meta->>k::int&meta->a->>0=eq.x")
    assert """cast("gw"."books"."meta"->>'k' as int) as "k\"""" in st.query
    assert """"gw"."books"."meta"->'a'->>0 = $1""" in st.query


def test_insert_sql():
    st = sql_for("POST", "/books", body=b'{"id": 1, "title": "a"}', prefer="resolution=ignore-duplicates")
    assert st.params == ('[{"id": 1, "title": "a"}]',)  # the client's text, in an array
    assert ('insert into "gw"."books" ("id", "title") select "id", "title" from json_populate_recordset('
            'null::"gw"."books", $1::json) _ on conflict ("id") do nothing returning 1 as pgrst_row') in st.query


def test_put_sql_has_an_inserted_column_not_a_location():
    st = sql_for("PUT", "/books", "id=eq.1", body=b'{"id": 1, "title": "a"}')
    assert 'do update set "id" = excluded."id", "title" = excluded."title"' in st.query
    assert "(xmax = 0) as pgrst_inserted" in st.query
    assert ("null::text as location, null::text as body,"
            " (select bool_or(pgrst_inserted) from pgrst_source) as inserted,") in st.query


def test_update_numbers_body_then_filters():
    st = sql_for("PATCH", "/books", "id=eq.3", body=b'{"title": "x"}', prefer="return=representation")
    assert st.params == ('{"title": "x"}', "3")  # the client's text
    assert ('update "gw"."books" set "title" = _pgrst_body."title" from (select * from json_populate_record('
            'null::"gw"."books", $1::json)) _pgrst_body where "gw"."books"."id" = $2 returning "gw"."books".*'
            ) in st.query


def test_headers_only_location():
    st = sql_for("POST", "/books", body=b'{"title": "t"}', prefer="return=headers-only")
    assert "(select json_build_object('id', \"books\".\"id\") from pgrst_source \"books\" limit 1)::text" in st.query


def test_call_sql():
    st = sql_for("POST", "/rpc/add", body=b'{"a": 1, "b": 2}')
    assert st.params == ('{"a":1,"b":2}',)
    assert ('from json_to_record($1::json) as _pgrst_args("a" integer, "b" integer), lateral'
            ' (select "gw"."add"("a" := _pgrst_args."a", "b" := _pgrst_args."b") as pgrst_scalar) _pgrst_call'
            ) in st.query
    st = sql_for("POST", "/rpc/shout", body=b"hi", content_type="text/plain")
    assert st.params == ("hi",) and '"gw"."shout"($1::text)' in st.query


def test_call_filters_follow_the_arguments():
    st = sql_for("GET", "/rpc/books_by", "author=1&title=eq.x", prefer="count=estimated")
    assert st.params == ("1", "x")  # a query string's argument is cast in the call (PostgREST's DirectArgs)
    assert '"gw"."books_by"("author" := $1::integer)' in st.query and "json_to_record" not in st.query
    assert 'where "books_by"."title" = $2' in st.query
    assert st.count_params == ("1", "x")


def test_an_exact_count_beside_a_joined_inner_embed_keeps_its_exists_test():
    st = sql_for("GET", "/authors", "select=id,books!inner(title)&books.title=eq.T&limit=10", prefer="count=exact")
    assert sorted(set(placeholders(st.query))) == list(range(1, len(st.params) + 1))
    count = st.query[st.query.index("(select pg_catalog.count(*)"):]
    assert "exists (select 1 from" in count  # the count has no join: it tests the embed's rows itself
