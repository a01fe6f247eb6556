"""Resource embedding through foreign keys (§1.5): to-one objects, to-many arrays, nesting, hints."""

from __future__ import annotations


def test_many_to_one_is_an_object_or_null(client):
    r = client.get("/books?select=id,author:authors(name)&id=in.(4,7)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 4, "author": {"name": "Octavia Butler"}}, {"id": 7, "author": None}]


def test_one_to_many_is_an_array(client):
    r = client.get("/authors?select=name,books(id)&id=in.(2,3)&order=id")
    assert r.json() == [{"name": "Octavia Butler", "books": [{"id": 4}, {"id": 5}]},
                        {"name": "Stanisław Lem", "books": [{"id": 6}]}]


def test_nested_and_star_embeds(client):
    r = client.get("/authors?select=id,books(title,authors(id))&id=eq.3")
    assert r.json() == [{"id": 3, "books": [{"title": "Solaris", "authors": {"id": 3}}]}]
    r = client.get("/books?select=*,authors(*)&id=eq.6")
    row = r.json()[0]
    assert row["title"] == "Solaris" and row["authors"]["name"] == "Stanisław Lem"


def test_embed_through_the_foreign_key_column_and_by_constraint_name(client):
    r = client.get("/books?select=id,writer:author_id(name)&id=eq.1")
    assert r.json() == [{"id": 1, "writer": {"name": "Ursula Le Guin"}}]
    r = client.get("/books?select=id,authors!books_author_id_fkey(name)&id=eq.1")
    assert r.json() == [{"id": 1, "authors": {"name": "Ursula Le Guin"}}]


def test_embedding_after_a_write(client, token):
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    r = client.post("/books?select=title,authors(name)", json={"title": "Dawn", "author_id": 2},
                    headers={**auth, "Prefer": "return=representation, tx=rollback"})
    assert r.status_code == 201
    assert r.json() == [{"title": "Dawn", "authors": {"name": "Octavia Butler"}}]


def test_unknown_relationship_is_pgrst200(client):
    r = client.get("/books?select=*,items(*)")
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST200"
    assert r.json()["message"] == "Could not find a relationship between 'books' and 'items' in the schema cache"


def test_two_foreign_keys_are_ambiguous_until_hinted(client):
    r = client.get("/books?select=id,loans(id)&id=eq.1")
    assert r.status_code == 300
    body = r.json()
    assert body["code"] == "PGRST201"
    assert body["message"] == "Could not embed because more than one relationship was found for 'books' and 'loans'"
    assert "'loans!loans_book_id_fkey'" in body["hint"]
    r = client.get("/books?select=id,loans!loans_book_id_fkey(id)&id=eq.1")
    assert r.json() == [{"id": 1, "loans": [{"id": 1}]}]
    r = client.get("/books?select=id,loans!previous_book_id(id)&id=eq.1")
    assert r.json() == [{"id": 1, "loans": []}]


def test_embedded_filters_order_and_limit_apply_to_the_embed_only(client):
    r = client.get("/authors?select=id,books(id)&id=eq.1&books.order=id.desc&books.limit=2")
    assert r.json() == [{"id": 1, "books": [{"id": 3}, {"id": 2}]}]
    r = client.get("/authors?select=id,books(id)&order=id&books.year=gt.1975&books.order=id")
    assert r.json() == [{"id": 1, "books": []}, {"id": 2, "books": [{"id": 4}, {"id": 5}]}, {"id": 3, "books": []}]
    r = client.get("/authors?select=id,works:books(id)&id=eq.1&works.or=(id.eq.1,id.eq.3)&works.order=id")
    assert r.json() == [{"id": 1, "works": [{"id": 1}, {"id": 3}]}]


def test_embedded_filter_on_an_embed_not_selected_is_pgrst108(client):
    r = client.get("/authors?select=id&books.year=gt.1975")
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST108"
    assert r.json()["message"] == "'books' is not an embedded resource in this request"


def test_inner_embed_filters_the_parent_rows(client):
    r = client.get("/authors?select=id,books!inner(id)&books.year=gt.1975&order=id")
    assert r.json() == [{"id": 2, "books": [{"id": 4}, {"id": 5}]}]
    r = client.get("/books?select=id,authors!inner(name)&authors.name=like.*Lem&order=id")
    assert r.json() == [{"id": 6, "authors": {"name": "Stanisław Lem"}}]


def test_embed_is_null_filters_are_anti_and_semi_joins(client):
    r = client.get("/books?select=id,authors(id)&authors=is.null")
    assert r.json() == [{"id": 7, "authors": None}]
    r = client.get("/authors?select=id,books(id)&books.year=gt.1975&books=not.is.null")
    assert r.json() == [{"id": 2, "books": [{"id": 4}, {"id": 5}]}]
    r = client.get("/authors?select=id,books()&books.year=gt.1990&books=is.null&order=id")
    assert r.json() == [{"id": 1}, {"id": 3}]
    r = client.get("/authors?select=id,books(id)&books=eq.1")
    assert r.status_code == 400 and r.json()["code"] == "PGRST120"


def test_many_to_many_through_a_junction_table(client):
    r = client.get("/books?select=id,genres(name)&id=in.(1,6)&order=id&genres.order=name")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "genres": [{"name": "classic"}, {"name": "fantasy"}]},
                        {"id": 6, "genres": [{"name": "classic"}, {"name": "science fiction"}]}]
    r = client.get("/genres?select=name,books!inner(id)&books.year=lt.1965&order=id")
    assert r.json() == [{"name": "science fiction", "books": [{"id": 6}]}, {"name": "classic", "books": [{"id": 6}]}]
    r = client.get("/genres?select=name,books!book_genres(id)&id=eq.1")
    assert r.json() == [{"name": "fantasy", "books": [{"id": 1}]}]


def test_spread_lifts_to_one_columns_and_arrays_to_many(client):
    r = client.get("/books?select=id,...authors(author:name,born)&id=eq.4")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 4, "author": "Octavia Butler", "born": "1947-06-22"}]
    r = client.get("/authors?select=name,...books(title)&id=eq.2&books.order=id")
    assert r.json() == [{"name": "Octavia Butler", "title": ["Kindred", "Parable of the Sower"]}]
    r = client.get("/authors?select=name,...books(title)&id=eq.2&books.year=gt.2000")
    assert r.json() == [{"name": "Octavia Butler", "title": []}]


def test_computed_fields_select_filter_and_order(client):
    r = client.get("/authors?select=id,initials&initials=eq.OB")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 2, "initials": "OB"}]
    r = client.get("/authors?select=initials&order=initials.desc&limit=1")
    assert r.json() == [{"initials": "ULG"}]
    r = client.get("/books?select=id,authors(initials)&id=eq.6")
    assert r.json() == [{"id": 6, "authors": {"initials": "SL"}}]
    assert "initials" not in client.get("/authors?id=eq.1").json()[0]


def test_embedding_on_function_results(client):
    r = client.get("/rpc/books_by?author=2&select=title,authors(name),genres(name)&order=id&genres.order=name")
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Kindred", "authors": {"name": "Octavia Butler"}, "genres": []},
                        {"title": "Parable of the Sower", "authors": {"name": "Octavia Butler"}, "genres": []}]
    r = client.post("/rpc/books_by?select=id,genres(name)&genres.name=eq.classic&id=eq.1", json={"author": 1})
    assert r.json() == [{"id": 1, "genres": [{"name": "classic"}]}]
