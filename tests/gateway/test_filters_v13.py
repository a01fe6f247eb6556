"""Filters as PostgREST v13 reads them (issue 17): null filters on embedded resources inside `or=` /
`and=` trees (anti-joins and either-or across embeds); over real HTTP on the fixture schema."""


def test_an_embed_null_filter_inside_or_keeps_rows_with_the_embed_or_the_other_condition(client):
    r = client.get("/books?select=title,authors(name)&authors.name=eq.Stanisław Lem"
                   "&or=(authors.not.is.null,year.gt.1990)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Parable of the Sower", "authors": None},
                        {"title": "Solaris", "authors": {"name": "Stanisław Lem"}}]


def test_embed_null_filters_make_anti_joins_also_inside_trees(client):
    r = client.get("/authors?select=name,books()&books.year=gt.1975&books=is.null&order=id")
    assert r.json() == [{"name": "Ursula Le Guin"}, {"name": "Stanisław Lem"}]
    r = client.get("/authors?select=name,books()&books.year=gt.1975&not.and=(books.is.null,id.gt.2)&order=id")
    assert r.json() == [{"name": "Ursula Le Guin"}, {"name": "Octavia Butler"}]


def test_an_embedded_or_may_test_a_nested_embed(client):
    r = client.get("/authors?select=name,books(title,genres())&books.or=(genres.not.is.null,year.gt.1990)"
                   "&id=eq.2")
    assert r.json() == [{"name": "Octavia Butler", "books": [{"title": "Parable of the Sower"}]}]
    r = client.get("/authors?select=name,books(title,genres())&books.or=(genres.not.is.null,year.lt.1970)"
                   "&id=eq.1&books.order=id")
    assert r.json() == [{"name": "Ursula Le Guin",
                         "books": [{"title": "A Wizard of Earthsea"}, {"title": "The Left Hand of Darkness"}]}]


def test_other_operators_on_an_embed_inside_a_tree_are_pgrst120(client):
    r = client.get("/books?select=title,authors(name)&or=(authors.eq.1,id.eq.1)")
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST120"
