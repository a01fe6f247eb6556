"""Aggregates and embeds side by side as PostgREST v13 reads them (issue 17 item 3), the client
suites' shapes: `rel(count)` is `count()`, an embed beside an aggregate is grouped by, PostgREST's
statement aliases in the errors it leaves to PostgreSQL (42703 `name_depth`, 42712 for one embed
named twice), and a scalar RPC's one-row range; over real HTTP on the fixture schema."""


def by(key, rows):
    return sorted(rows, key=lambda r: (r[key] is None, r[key]))


def test_a_bare_count_in_an_embed_is_the_count_aggregate(client):
    r = client.get("/authors?select=name,books(count)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Ursula Le Guin", "books": [{"count": 3}]},
                        {"name": "Octavia Butler", "books": [{"count": 2}]},
                        {"name": "Stanisław Lem", "books": [{"count": 1}]}]
    r = client.get("/books?select=title,authors(n:count)&id=eq.1")
    assert r.json() == [{"title": "A Wizard of Earthsea", "authors": {"n": 1}}]


def test_a_bare_count_that_names_a_column_stays_the_column(client):
    r = client.get("/counted?select=label,count&order=label")
    assert r.status_code == 200, r.text
    assert r.json() == [{"label": "a", "count": 7}, {"label": "b", "count": 7}]


def test_an_embed_beside_an_aggregate_is_grouped_by(client):
    r = client.get("/books?select=n:count(),authors(name)")
    assert r.status_code == 200, r.text
    assert by("n", r.json()) == [{"n": 1, "authors": {"name": "Stanisław Lem"}},
                                 {"n": 1, "authors": None},
                                 {"n": 2, "authors": {"name": "Octavia Butler"}},
                                 {"n": 3, "authors": {"name": "Ursula Le Guin"}}]
    r = client.get("/authors?select=id.count(),books(year)&id=eq.2")
    assert r.json() == [{"count": 1, "books": [{"year": 1979}, {"year": 1993}]}]


def test_one_embed_named_twice_is_postgres_42712_with_postgrest_alias(client):
    r = client.get("/loans?select=books!book_id(title),books!previous_book_id(title)")
    assert r.status_code == 400
    assert r.json() == {"code": "42712", "details": None, "hint": None,
                        "message": 'table name "loans_books_1" specified more than once'}
    r = client.get("/loans?select=now:books!book_id(title),before:books!previous_book_id(title)")
    assert r.status_code == 200, r.text


def test_an_unknown_column_of_an_embed_names_its_statement_alias(client):
    r = client.get("/authors?select=name,books(sum)")
    assert r.status_code == 400
    assert r.json()["message"] == "column books_1.sum does not exist"
    r = client.get("/authors?select=name,books(title,authors(nope))")
    assert r.json()["message"] == "column authors_2.nope does not exist"
    r = client.get("/authors?select=nope.count()")
    assert r.json()["message"] == "column authors.nope does not exist"


def test_a_scalar_rpc_is_a_range_of_one_row_counted_when_asked(client):
    r = client.post("/rpc/add", json={"a": 2, "b": 3}, headers={"Prefer": "count=exact"})
    assert r.json() == 5
    assert r.headers["content-range"] == "0-0/1"
    assert "count=exact" in r.headers["preference-applied"]
    r = client.get("/rpc/add?a=2&b=3")
    assert r.headers["content-range"] == "0-0/*"
    r = client.head("/rpc/add?a=2&b=3", headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.headers["content-range"] == "0-0/1"


def test_explain_names_the_rows_of_an_embed_as_postgrest(client):
    """EXPLAIN VERBOSE (what supabase-py's explain test reads) shows PostgREST's `name_depth`
    aliases: the embed's join condition first, then its filters."""
    r = client.get("/authors?select=name,books!inner(title,genres(name))&books.or=(year.gt.1990,price.lt.9)",
                   headers={"Accept": "application/vnd.pgrst.plan+text; options=verbose"})
    assert r.status_code == 200, r.text
    assert "(books_1.author_id = authors.id)" in r.text, r.text
    assert "((books_1.year > 1990) OR (books_1.price < '9'::numeric))" in r.text
    assert "genres_2.id" in r.text


def test_a_related_order_beside_aggregates_orders_the_groups(client):
    r = client.get("/books?select=n:count(),...authors(author:name)&order=authors(name).desc.nullslast")
    assert r.status_code == 200, r.text
    assert r.json() == [{"n": 3, "author": "Ursula Le Guin"}, {"n": 1, "author": "Stanisław Lem"},
                        {"n": 2, "author": "Octavia Butler"}, {"n": 1, "author": None}]
    r = client.get("/books?select=n:count(),authors(name)&order=authors(name).asc.nullsfirst")
    assert [row["authors"] and row["authors"]["name"] for row in r.json()] == [
        None, "Octavia Butler", "Stanisław Lem", "Ursula Le Guin"]
