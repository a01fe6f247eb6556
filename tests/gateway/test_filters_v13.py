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


def ids(r) -> list[int]:
    assert r.status_code == 200, r.text
    return [row["id"] for row in r.json()]


def test_lists_and_trees_allow_blanks_and_quoted_values_as_postgrest_parses_them(client):
    assert ids(client.get("/books?select=id&id=in.( 1 , 2 )&order=id")) == [1, 2]
    assert ids(client.get("/books?select=id&id=in.( )")) == []  # one empty element: nothing matches
    assert ids(client.get("/books?select=id&id=not.in.()&order=id")) == [1, 2, 3, 4, 5, 6, 7]
    quoted = '"Untitled, \\"draft\\" (1)"'  # a comma, quotes and parentheses inside a quoted value
    assert ids(client.get(f"/books?select=id&title=in.({quoted},Solaris)&order=id")) == [6, 7]
    assert ids(client.get(f"/books?select=id&or=(title.eq.{quoted},id.eq.1)&order=id")) == [1, 7]
    r = client.get("/books?select=id&or=( id.eq.1 , and( id.gt.5 , published.is.null ) )&order=id")
    assert ids(r) == [1, 6, 7]


def test_json_path_fields_are_keyed_by_their_last_key_or_the_column(client):
    r = client.get("/books?select=meta->series->>name,tags->>0,meta->series->n,first:tags->0&id=eq.1")
    assert r.json() == [{"name": "Earthsea", "tags": "fantasy", "n": 1, "first": "fantasy"}]


def test_json_path_syntax_errors_are_worded_as_postgrest_words_them(client):
    r = client.get("/books?select=meta->>--1")
    assert r.status_code == 400
    assert r.json() == {"code": "PGRST100", "details": 'unexpected "-" expecting digit', "hint": None,
                        "message": '"failed to parse select parameter (meta->>--1)" (line 1, column 9)'}
    r = client.get("/books?select=meta->(series")
    assert r.status_code == 400
    assert r.json()["details"] == \
        'unexpected "(" expecting "-", digit or any non reserved character different from: .,>()'
    # A negative index still reads the array from its end.
    r = client.get("/books?select=last:tags->>-1&id=eq.1")
    last = client.get("/books?select=tags&id=eq.1").json()[0]["tags"][-1]
    assert r.status_code == 200 and r.json() == [{"last": last}]


def test_logic_trees_take_blanks_before_parentheses_and_ignore_what_follows_the_last(client):
    expected = client.get("/books?select=id&id=in.(1,2)&order=id").json()
    assert len(expected) == 2
    r = client.get("/books?select=id&order=id&or=( and ( id.gte.1 , id.lte.2 ) , and ( id.eq.0 ) )")
    assert (r.status_code, r.json()) == (200, expected)
    r = client.get("/books?select=id&order=id&and=(id.in.(1,2),id.neq.0))")
    assert (r.status_code, r.json()) == (200, expected)


def test_an_empty_logic_tree_is_worded_and_placed_as_postgrest_does(client):
    for key, column in (("or", 4), ("and", 5)):
        r = client.get(f"/books?{key}=()")
        assert r.status_code == 400
        assert r.json() == {
            "code": "PGRST100", "hint": None,
            "details": 'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or '
                       "logic operator (and, or)",
            "message": f'"failed to parse logic tree (())" (line 1, column {column})'}
