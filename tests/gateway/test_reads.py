"""GET/HEAD on tables and views (§1.2-§1.4, §1.8): select, filters, logic trees, order, pagination, counts."""

from __future__ import annotations

import pytest


def ids(response) -> list[int]:
    assert response.status_code in (200, 206), response.text
    return [row["id"] for row in response.json()]


def test_select_columns_alias_cast_and_json_paths(client):
    r = client.get("/books", params={"select": "id,name:title,year::text,pages:meta->>pages,meta->series->n",
                                     "id": "eq.1"})
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "name": "A Wizard of Earthsea", "year": "1968", "pages": "183", "n": 1}]
    assert r.headers["content-type"] == "application/json; charset=utf-8"


def test_body_is_postgres_json_text(client):
    r = client.get("/authors?select=id&order=id&limit=2")
    assert r.content == b'[{"id":1}, \n {"id":2}]'
    assert r.headers["content-length"] == str(len(r.content))


@pytest.mark.parametrize("query, expected", [
    ("id=eq.2", [2]),
    ("id=neq.2&author_id=eq.1", [1, 3]),
    ("year=gt.1974", [4, 5]),
    ("year=gte.1974", [3, 4, 5]),
    ("year=lt.1968", [6]),
    ("year=lte.1968", [1, 6]),
    ("title=like.*Dark*", [2]),
    ("title=ilike.*dark*", [2]),
    ("title=match.^The", [2, 3]),
    ("title=imatch.^the", [2, 3]),
    ("id=in.(1,3,5)", [1, 3, 5]),
    ("id=in.()", []),
    ('title=in.("Untitled, \\"draft\\" (1)",Solaris)', [6, 7]),
    ("year=is.null", [7]),
    ("year=not.is.null&author_id=eq.3", [6]),
    ("published=is.true", [1, 2, 3, 4]),
    ("published=is.false", [5]),
    ("published=is.unknown", [6, 7]),
    ("year=is.not_null&author_id=eq.3", [6]),
    ("published=isdistinct.true", [5, 6, 7]),
    ("id=not.in.(1,2,3,4,5)", [6, 7]),
    ("year=not.gt.1970", [1, 2, 6]),
    ("tags=cs.{scifi,history}", [4]),
    ("tags=cd.{scifi,politics,magic}", [2, 3, 5, 6, 7]),
    ("tags=ov.{magic,history}", [1, 4]),
    ("id=eq(any).{2,4}", [2, 4]),
    ("title=like(any).{*Sower,Sol*}", [5, 6]),
    ("title=like(all).{*the*,*of*}", [5]),
    ("year=gt(all).{1970,1975}", [4, 5]),
    ("search=fts.wizard", [1]),
    ("search=fts(english).worlds", [3]),
    ("search=plfts.young wizard", [1]),
    ("search=phfts(english).winter planet", [2]),
    ("search=wfts.ocean -planet", [6]),
    ("summary=fts.plantation", [4]),
    ("meta->>pages=eq.304", [2]),
    ("meta->pages=gt.300", [2, 3]),
    ("meta->series->>name=eq.Earthsea", [1]),
])
def test_horizontal_filters(client, query, expected):
    assert ids(client.get(f"/books?select=id&order=id&{query}")) == expected


@pytest.mark.parametrize("query, expected", [
    ("or=(id.eq.1,id.eq.4)", [1, 4]),
    ("and=(author_id.eq.1,year.gt.1968)", [2, 3]),
    ("or=(year.lt.1965,and(author_id.eq.2,published.is.false))", [5, 6]),
    ("not.or=(author_id.eq.1,author_id.is.null)", [4, 5, 6]),
    ("or=(title.ilike.*sower*,not.and(author_id.eq.1,year.gt.1960))&author_id=not.is.null", [4, 5, 6]),
    ('or=(title.eq."Untitled, \\"draft\\" (1)",id.in.(2,3))', [2, 3, 7]),
    ("or=(tags.cs.{magic},tags.cs.{history})", [1, 4]),
    ("or=(meta->>pages.eq.264,id.eq.6)", [4, 6]),
])
def test_logic_trees(client, query, expected):
    assert ids(client.get(f"/books?select=id&order=id&{query}")) == expected


def test_empty_filter_value_is_ignored(client):
    assert len(ids(client.get("/books?select=id&id="))) == 7


def test_order_directions_and_nulls(client):
    assert ids(client.get("/books?select=id&order=year.desc.nullslast,id")) == [5, 4, 3, 2, 1, 6, 7]
    assert ids(client.get("/books?select=id&order=year.asc.nullsfirst")) == [7, 6, 1, 2, 3, 4, 5]
    assert ids(client.get("/books?select=id&order=author_id.desc,year.desc&limit=3")) == [7, 6, 5]
    assert ids(client.get("/books?select=id&order=meta->>pages.desc&meta=not.is.null&limit=2")) == [3, 2]


def test_limit_offset_and_range_header(client):
    r = client.get("/books?select=id&order=id&limit=2&offset=1")
    assert ids(r) == [2, 3] and r.headers["content-range"] == "1-2/*"
    r = client.get("/books?select=id&order=id", headers={"Range": "2-4"})
    assert ids(r) == [3, 4, 5] and r.headers["content-range"] == "2-4/*"
    r = client.get("/books?select=id&order=id&limit=10", headers={"Range": "5-"})
    assert ids(r) == [6, 7]
    r = client.get("/books?select=id&order=id&limit=0")
    assert r.json() == [] and r.headers["content-range"] == "*/*"


def test_exact_count_gives_206_and_total(client):
    r = client.get("/books?select=id&order=id&limit=3", headers={"Prefer": "count=exact"})
    assert r.status_code == 206
    assert r.headers["content-range"] == "0-2/7"
    assert r.headers["preference-applied"] == "count=exact"
    r = client.get("/books?select=id&author_id=eq.1", headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.headers["content-range"] == "0-2/3"
    r = client.get("/books?id=eq.999", headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.headers["content-range"] == "*/0"


def test_planned_and_estimated_counts_give_a_total(client):
    for kind in ("planned", "estimated"):
        r = client.get("/books?select=id&limit=1", headers={"Prefer": f"count={kind}"})
        total = int(r.headers["content-range"].split("/")[1])
        assert total >= 1
        assert r.headers["preference-applied"] == f"count={kind}"


def test_offset_beyond_total_is_416(client):
    r = client.get("/books?offset=20", headers={"Prefer": "count=exact"})
    assert r.status_code == 416
    assert r.json()["code"] == "PGRST103"
    assert r.json()["details"] == "An offset of 20 was requested, but there are only 7 rows."


def test_invalid_range_is_416(client):
    r = client.get("/books", headers={"Range": "5-1"})
    assert r.status_code == 416 and r.json()["code"] == "PGRST103"
    r = client.get("/books?limit=-1")
    assert r.status_code == 416 and r.json()["code"] == "PGRST103"


def test_db_max_rows_caps_reads(client):
    r = client.get("/rpc/numbers?n=80", headers={"Prefer": "count=exact"})
    assert len(r.json()) == 50
    assert r.status_code == 206 and r.headers["content-range"] == "0-49/80"


def test_singular_object(client):
    r = client.get("/books?select=id,title&id=eq.6", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 200
    assert r.json() == {"id": 6, "title": "Solaris"}
    assert r.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"


@pytest.mark.parametrize("query, rows", [("author_id=eq.1", 3), ("id=eq.999", 0)])
def test_singular_with_zero_or_many_rows_is_406(client, query, rows):
    r = client.get(f"/books?{query}", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406
    assert r.json() == {"code": "PGRST116", "message": "Cannot coerce the result to a single JSON object",
                        "details": f"The result contains {rows} rows", "hint": None}


def test_unacceptable_media_type_is_406(client):
    r = client.get("/books", headers={"Accept": "text/html"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST107"


def test_head_has_headers_without_body(client):
    r = client.head("/books?limit=2", headers={"Prefer": "count=exact"})
    assert r.status_code == 206
    assert r.content == b""
    assert r.headers["content-range"] == "0-1/7"


def test_views_are_readable(client):
    r = client.get("/book_titles?select=title,author&id=eq.4")
    assert r.json() == [{"title": "Kindred", "author": "Octavia Butler"}]


def test_rest_v1_prefix_serves_the_same_api(client):
    assert client.get("/rest/v1/books?select=id&id=eq.3").json() == [{"id": 3}]


def test_accept_profile_selects_another_schema(client):
    r = client.get("/things", headers={"Accept-Profile": "gw_other"})
    assert r.json() == [{"id": 1, "name": "other thing"}]
    assert r.headers["content-profile"] == "gw_other"
    r = client.get("/things", headers={"Accept-Profile": "nope"})
    assert r.status_code == 406
    assert r.json() == {"code": "PGRST106", "message": "Invalid schema: nope", "details": None,
                        "hint": "Only the following schemas are exposed: gw, gw_other"}


def test_unknown_table_is_404_with_a_hint(client):
    r = client.get("/bookz")
    assert r.status_code == 404
    assert r.json() == {"code": "PGRST205", "details": None, "hint": "Perhaps you meant the table 'gw.books'",
                        "message": "Could not find the table 'gw.bookz' in the schema cache"}
    assert r.headers["proxy-status"] == "PostgREST; error=PGRST205"


def test_unknown_column_is_400_42703(client):
    r = client.get("/books?select=nope")
    assert r.status_code == 400 and r.json()["code"] == "42703"
    r = client.get("/books?nope=eq.1")
    assert r.status_code == 400 and r.json()["code"] == "42703"


def test_value_that_does_not_cast_is_400_22p02(client):
    r = client.get("/books?id=eq.abc")
    assert r.status_code == 400
    assert r.json()["code"] == "22P02"


def test_invalid_paths(client):
    r = client.get("/books/1")
    assert r.status_code == 404 and r.json()["code"] == "PGRST125"
    r = client.request("TRACE", "/books")
    assert r.status_code == 405 and r.json()["message"] == "Unsupported HTTP method: TRACE"


def test_empty_select_gives_every_column(client):  # as PostgREST v13's empty root select
    every = client.get("/books?id=lt.3&order=id").json()
    assert len(every) == 2 and "title" in every[0]
    assert client.get("/books?select=&id=lt.3&order=id").json() == every


def test_aggregates_group_by_the_other_columns(client):
    r = client.get("/books?select=author_id,count(),price.sum(),year.max()&author_id=not.is.null&order=author_id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"author_id": 1, "count": 3, "sum": 22.49, "max": 1974},
                        {"author_id": 2, "count": 2, "sum": 21.00, "max": 1993},
                        {"author_id": 3, "count": 1, "sum": 8.75, "max": 1961}]
    r = client.get("/books?select=total:count()")
    assert r.json() == [{"total": 7}]
    r = client.get("/authors?select=name,books(count())&id=eq.1")
    assert r.json() == [{"name": "Ursula Le Guin", "books": [{"count": 3}]}]


def test_csv_output(client):
    r = client.get("/books?select=id,title,year&id=in.(1,7)&order=id", headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.text == 'id,title,year\n1,"A Wizard of Earthsea",1968\n7,"Untitled, ""draft"" (1)",'
