"""Reads as PostgREST v13 answers them on its own fixture (issue 17, gwq): a filter on a column that is
also an embed's name, to-many spreads grouped by the parent (with `*` and an order on an unselected
column), an aggregate's argument cast, nested `!inner`/null filters keeping their rows' order; over
real HTTP on the fixture schema."""


def test_a_filter_on_a_column_named_as_its_embed_filters_the_column(client):
    r = client.get("/gwq_pets?select=id,owner(name)&owner=eq.1&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "owner": {"name": "Ada"}}, {"id": 3, "owner": {"name": "Ada"}}]
    r = client.get("/gwq_pets?select=id,owner(name)&owner=is.null")  # is.null still tests the embed
    assert r.json() == [{"id": 4, "owner": None}]
    r = client.get("/gwq_pets?select=id,gwq_owners(name)&gwq_owners=eq.1")  # no such column: PGRST120
    assert (r.status_code, r.json()["code"]) == (400, "PGRST120")


def test_a_to_many_spread_groups_the_parent_rows_and_keeps_their_order(client):
    r = client.get("/authors?select=*,...books(title)&books.order=id&order=born")
    assert r.status_code == 200, r.text
    rows = r.json()
    assert [row["name"] for row in rows] == ["Stanisław Lem", "Ursula Le Guin", "Octavia Butler"]
    assert set(rows[0]) == {"id", "name", "born", "title"}  # `*` beside the arrays: each column
    assert rows[1]["title"][:2] == ["A Wizard of Earthsea", "The Left Hand of Darkness"]
    r = client.get("/authors?select=name,...books(title)&books.year=gt.2000&books=is.null&order=id")
    assert [row["title"] for row in r.json()] == [[], [], []]  # no related row left: an empty array


def test_an_aggregate_casts_its_argument_before_and_its_result_after(client):
    pages = [row["pages"] for row in client.get("/books?select=meta->>pages").json() if row["pages"] is not None]
    r = client.get("/books?select=meta->>pages::integer.sum()")
    assert r.status_code == 200, r.text
    assert r.json() == [{"sum": sum(int(p) for p in pages)}]
    r = client.get("/books?select=n:meta->>pages::integer.sum()::text")
    assert r.json() == [{"n": str(sum(int(p) for p in pages))}]


def test_a_nested_null_filter_keeps_the_embedded_rows_in_their_order(client):
    r = client.get("/authors?select=name,books(id,book_genres())&books.book_genres=not.is.null"
                   "&books=not.is.null&id=eq.1")
    assert r.status_code == 200, r.text
    ids = [b["id"] for b in r.json()[0]["books"]]
    assert ids == sorted(ids) and ids


def test_a_filter_on_no_embed_names_the_first_missing_step(client):
    r = client.get("/authors?select=id,books(id,genres(id))&books.genre.id=eq.1")
    assert (r.status_code, r.json()["code"]) == (400, "PGRST108")
    assert r.json()["message"] == "'genre' is not an embedded resource in this request"
    assert r.json()["hint"] == "Verify that 'genre' is included in the 'select' query parameter."


def test_an_unknown_relationship_is_reported_before_an_unknown_column(client):
    r = client.get("/authors?select=nope,books(id),gwq_nothing(id)")
    assert (r.status_code, r.json()["code"]) == (400, "PGRST200")
    r = client.get("/authors?select=nope,books(id)")
    assert (r.status_code, r.json()["code"]) == (400, "42703")


def test_order_errors_are_worded_as_postgrest_parses_them(client):
    cases = {
        "id.ac": (4, 'unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast"'),
        "id.descc": (8, "unexpected 'c' expecting delimiter (.), \",\" or end of input"),
        "id.nullslasttt": (13, "unexpected 't' expecting \",\" or end of input"),
        "id.asc.nlsfst": (8, 'unexpected "l" expecting "nullsfirst" or "nullslast"'),
    }
    for order, (column, details) in cases.items():
        r = client.get(f"/books?order={order}")
        assert (r.status_code, r.json()["code"], r.json()["details"]) == (400, "PGRST100", details)
        assert r.json()["message"] == f'"failed to parse order ({order})" (line 1, column {column})'
    r = client.get("/books?select=id&order=year.desc.nullslast,id&limit=2")
    assert r.status_code == 200, r.text


def test_embedded_parameters_may_name_an_aliased_embed_by_its_relation(client):
    r = client.get("/authors?select=id,works:books(title)&id=eq.1&books.order=title.desc&books.limit=1")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "works": [{"title": "The Left Hand of Darkness"}]}]
    r = client.get("/authors?select=id,works:books(title)&id=eq.1&works.order=title&works.limit=1")
    assert r.json() == [{"id": 1, "works": [{"title": "A Wizard of Earthsea"}]}]


def test_nulls_stripped_arrays_with_or_without_json_suffix(client):
    for accept in ("application/vnd.pgrst.array+json;nulls=stripped", "application/vnd.pgrst.array;nulls=stripped"):
        r = client.get("/gwq_pets?select=id,owner&id=eq.4", headers={"Accept": accept})
        assert r.status_code == 200, r.text
        assert r.json() == [{"id": 4}]
        assert r.headers["Content-Type"] == "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8"


def test_count_in_a_to_many_spread_counts_only_related_rows(client):
    r = client.get("/gwq_owners?select=name,...gwq_pets(pet:name,n:count())&gwq_pets.order=id&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Ada", "pet": ["Rex", "Fifi"], "n": 2}, {"name": "Grace", "pet": ["Tom"], "n": 1},
                        {"name": "Hedy", "pet": [], "n": 0}]


def test_a_view_showing_a_key_column_twice_has_one_relationship_per_name(client):
    r = client.get("/gwq_pets_twice?select=id,gwq_owners(name)")
    assert (r.status_code, r.json()["code"]) == (300, "PGRST201")
    assert [d["relationship"] for d in r.json()["details"]] == [
        "gwq_pets_owner_fkey using gwq_pets_twice(owner_a) and gwq_owners(id)",
        "gwq_pets_owner_fkey using gwq_pets_twice(owner_b) and gwq_owners(id)"]
    r = client.get("/gwq_pets_twice?select=id,gwq_owners!owner_b(name)&id=eq.2")
    assert r.json() == [{"id": 2, "gwq_owners": {"name": "Grace"}}]


def test_what_follows_a_complete_select_list_is_ignored(client):
    r = client.get("/gwq_owners?select=name,gwq_pets(count)'&id=eq.2")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Grace", "gwq_pets": [{"count": 1}]}]
    r = client.get("/gwq_owners?select=name,gwq_pets(name")  # an unfinished embed is still an error
    assert (r.status_code, r.json()["code"]) == (400, "PGRST100")


def test_a_read_says_its_canonical_location(client):
    r = client.get("/gwq_pets?select=id,name&owner=eq.1&id=gt.0")
    assert r.headers["Content-Location"] == "/gwq_pets?id=gt.0&owner=eq.1&select=id%2Cname"
    assert client.get("/gwq_pets").headers["Content-Location"] == "/gwq_pets"
    assert client.head("/gwq_pets?id=eq.1").headers["Content-Location"] == "/gwq_pets?id=eq.1"
    assert "Content-Location" not in client.get("/rpc/nope_not_here").headers


def test_an_embed_of_only_empty_embeds_is_left_out(client):
    r = client.get("/gwq_owners?select=name,gwq_pets(owner())&order=id")
    assert r.json() == [{"name": "Ada"}, {"name": "Grace"}, {"name": "Hedy"}]
    r = client.get("/gwq_owners?select=name,gwq_pets!inner(owner())&order=id")  # it still filters
    assert r.json() == [{"name": "Ada"}, {"name": "Grace"}]


def test_the_canonical_location_of_a_unicode_name_is_its_utf8_bytes(client):
    r = client.get("/gwq_émoi?id=eq.1")
    assert r.status_code == 200, r.text
    assert r.headers.raw[[k.lower() for k, _ in r.headers.raw].index(b"content-location")][1] == \
        "/gwq_émoi?id=eq.1".encode()
