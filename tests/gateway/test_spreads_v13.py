"""Spreads as PostgREST v13 renders them (issue 17 item 3): nested spreads and embeds inside a spread,
aggregates inside a to-one spread (computed by the parent, grouped by its other columns), to-many
spreads as arrays with what is nested in them joined in; over real HTTP on the fixture schema."""


def by(key, rows):
    return sorted(rows, key=lambda r: (r[key] is None, r[key]))


def test_a_spread_nested_in_a_spread_lifts_both_levels(client):
    r = client.get("/loans?select=id,...books!loans_book_id_fkey(title,...authors(author:name))")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "title": "A Wizard of Earthsea", "author": "Ursula Le Guin"}]


def test_an_embed_inside_a_spread_keeps_its_key_and_a_spread_inside_an_embed_lifts_into_it(client):
    r = client.get("/books?select=title,...authors(author:name,author_profiles(bio))&id=in.(4,6)&order=id")
    assert r.json() == [{"title": "Kindred", "author": "Octavia Butler", "author_profiles": {"bio": "Wrote Kindred"}},
                        {"title": "Solaris", "author": "Stanisław Lem", "author_profiles": None}]
    r = client.get("/loans?select=id,book:books!loans_book_id_fkey(title,...authors(author:name))")
    assert r.json() == [{"id": 1, "book": {"title": "A Wizard of Earthsea", "author": "Ursula Le Guin"}}]


def test_aggregates_inside_a_to_one_spread_are_grouped_by_the_parent(client):
    r = client.get("/books?select=total:price.sum(),...authors(author:name,n:count())")
    assert r.status_code == 200, r.text
    assert by("author", r.json()) == [
        {"total": 21.00, "author": "Octavia Butler", "n": 2},
        {"total": 8.75, "author": "Stanisław Lem", "n": 1},
        {"total": 22.49, "author": "Ursula Le Guin", "n": 3},
        {"total": None, "author": None, "n": 0},  # the book without an author: no related row to count
    ]
    r = client.get("/book_genres?select=...books(...authors(author:name),latest:year.max())")
    assert by("author", r.json()) == [{"author": "Stanisław Lem", "latest": 1961},
                                      {"author": "Ursula Le Guin", "latest": 1969}]


def test_a_to_many_spread_makes_arrays_with_nested_rows_joined_in(client):
    r = client.get("/authors?select=name,...books(title,...genres(genre:name))&id=eq.1"
                   "&books.order=id&books.genres.order=name")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Ursula Le Guin",
                         "title": ["A Wizard of Earthsea", "A Wizard of Earthsea", "The Left Hand of Darkness",
                                   "The Dispossessed"],
                         "genre": ["classic", "fantasy", "science fiction", None]}]
    r = client.get("/genres?select=name,...books(title,authors(name))&id=eq.2&books.order=id")
    assert r.json() == [{"name": "science fiction", "title": ["The Left Hand of Darkness", "Solaris"],
                         "authors": [{"name": "Ursula Le Guin"}, {"name": "Stanisław Lem"}]}]
    r = client.get("/genres?select=name,...books(title)&books.year=gt.1968&books=is.null&order=id")
    assert r.json() == [{"name": "fantasy", "title": []}, {"name": "classic", "title": []}]  # none left: []
