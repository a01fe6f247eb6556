"""Relationships PostgREST v13 derives beyond foreign keys between tables (fixture_v13.sql): through
views (recursively, renamed columns, base tables in an unexposed schema), one-to-one, self-references,
computed relationships and partitioned tables; over real HTTP."""


def test_views_keep_their_base_tables_foreign_keys_both_ways(client):
    r = client.get("/projects?select=name,clients(name)&id=in.(1,3)&order=id")
    assert r.json() == [{"name": "Windows 7", "clients": {"name": "Microsoft"}},
                        {"name": "IOS", "clients": {"name": "Apple"}}]
    r = client.get("/clients?select=name,projects(name)&order=id&projects.order=id")
    assert r.json() == [{"name": "Microsoft", "projects": [{"name": "Windows 7"}, {"name": "Windows 10"}]},
                        {"name": "Apple", "projects": [{"name": "IOS"}, {"name": "OSX"}]}]


def test_a_view_over_a_view_with_renamed_columns_keeps_the_key(client):
    r = client.get("/projects_named?select=title,clients(name)&project_id=eq.4")
    assert r.json() == [{"title": "OSX", "clients": {"name": "Apple"}}]
    r = client.get("/clients?select=name,projects_named(title)&id=eq.2&projects_named.order=title.desc")
    assert r.json() == [{"name": "Apple", "projects_named": [{"title": "OSX"}, {"title": "IOS"}]}]


def test_views_and_tables_mix_on_either_side(client):
    r = client.get("/books?select=title,authors_brief(name)&id=eq.4")
    assert r.json() == [{"title": "Kindred", "authors_brief": {"name": "Octavia Butler"}}]
    r = client.get("/authors_brief?select=name,books(title)&id=eq.3")
    assert r.json() == [{"name": "Stanisław Lem", "books": [{"title": "Solaris"}]}]


def test_inner_embed_through_views_filters_the_parent(client):
    r = client.get("/projects?select=id,clients!inner(name)&clients.name=eq.Apple&order=id")
    assert [row["id"] for row in r.json()] == [3, 4]


def test_a_view_keeps_its_base_primary_key_for_location(client, token):
    headers = {"Authorization": f"Bearer {token()}", "Prefer": "return=headers-only"}
    r = client.post("/clients", json={"id": 90, "name": "Location test"}, headers=headers)
    try:
        assert r.status_code == 201
        assert r.headers["Location"] == "/clients?id=eq.90"
    finally:
        client.delete("/clients?id=eq.90", headers={"Authorization": f"Bearer {token()}"})


def test_one_to_one_is_an_object_from_both_sides(client):
    r = client.get("/authors?select=name,author_profiles(bio)&id=in.(1,3)&order=id")
    assert r.json() == [{"name": "Ursula Le Guin", "author_profiles": {"bio": "Wrote Earthsea"}},
                        {"name": "Stanisław Lem", "author_profiles": None}]
    r = client.get("/author_profiles?select=bio,authors(name)&author_id=eq.2")
    assert r.json() == [{"bio": "Wrote Kindred", "authors": {"name": "Octavia Butler"}}]


def test_self_reference_parent_by_column_children_by_table_or_hint(client):
    r = client.get("/family_tree?select=name,parent(name)&id=in.(1,4)&order=id")
    assert r.json() == [{"name": "Parental Unit", "parent": None}, {"name": "Grandkid", "parent": {"name": "Kid One"}}]
    r = client.get("/family_tree?select=name,children:family_tree!parent(name)&id=eq.1&children.order=id")
    assert r.json() == [{"name": "Parental Unit", "children": [{"name": "Kid One"}, {"name": "Kid Two"}]}]
    r = client.get("/family_tree?select=name,family_tree(name)&id=eq.2")
    assert r.json() == [{"name": "Kid One", "family_tree": [{"name": "Grandkid"}]}]


def test_computed_relationships_to_one_and_to_many(client):
    r = client.get("/books?select=title,first_author(name)&id=in.(4,7)&order=id")
    assert r.json() == [{"title": "Kindred", "first_author": {"name": "Octavia Butler"}},
                        {"title": 'Untitled, "draft" (1)', "first_author": None}]
    r = client.get("/authors?select=name,written(title)&id=eq.3")
    assert r.json() == [{"name": "Stanisław Lem", "written": [{"title": "Solaris"}]}]


def test_partitioned_tables_embed_like_tables(client):
    r = client.get("/books?select=id,readings(id)&id=in.(1,6)&order=id&readings.order=id")
    assert r.json() == [{"id": 1, "readings": [{"id": 1}, {"id": 2}]}, {"id": 6, "readings": [{"id": 3}]}]
    r = client.get("/readings?select=id,books(title)&id=eq.3")
    assert r.json() == [{"id": 3, "books": {"title": "Solaris"}}]


def test_ambiguity_details_list_each_relationship_as_postgrest_words_it(client):
    r = client.get("/books?select=id,loans(id)&id=eq.1")
    assert r.status_code == 300
    details = r.json()["details"]
    assert {"cardinality": "one-to-many", "embedding": "books with loans",
            "relationship": "loans_book_id_fkey using books(id) and loans(book_id)"} in details
    assert len(details) == 2


def test_constraint_names_do_not_reach_views_without_a_hint(client):
    r = client.get("/projects?select=name,projects_client_id_fkey(name)")
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST200"


def test_related_order_by_a_to_one_embed(client):
    r = client.get("/projects?select=name,clients(name)&order=clients(name).desc.nullsfirst,id&limit=3")
    assert [row["name"] for row in r.json()] == ["Orphan", "Windows 7", "Windows 10"]
    r = client.get("/authors?select=name,books(title)&order=books(title)")
    assert r.status_code == 400 and r.json()["code"] == "PGRST118"
    r = client.get("/books?select=title&order=authors(name)")
    assert r.status_code == 400 and r.json()["code"] == "PGRST108"


def test_options_allow_follows_what_a_view_accepts(client):
    assert client.options("/clients").headers["Allow"] == "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE"  # simple view
    assert client.options("/book_titles").headers["Allow"] == "OPTIONS,GET,HEAD"  # a join: not updatable
    assert client.options("/readings").headers["Allow"] == "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE"


def test_an_ambiguous_circular_reference_lists_the_keys_in_creation_order(client):
    r = client.get("/crews?select=*,units(*)")
    assert r.status_code == 300
    assert r.json() == {
        "code": "PGRST201",
        "details": [
            {"cardinality": "one-to-many", "embedding": "crews with units",
             "relationship": "units_lead_id_fkey using crews(id) and units(lead_id)"},
            {"cardinality": "many-to-one", "embedding": "crews with units",
             "relationship": "crews_unit_id_fkey using crews(unit_id) and units(id)"}],
        "hint": "Try changing 'units' to one of the following: 'units!units_lead_id_fkey', "
                "'units!crews_unit_id_fkey'. Find the desired relationship in the 'details' key.",
        "message": "Could not embed because more than one relationship was found for 'crews' and 'units'"}
    assert client.get("/crews?select=id,units!crews_unit_id_fkey(id)").json() == []


def test_a_computed_relationship_overrides_the_foreign_key_of_the_same_name(client):
    r = client.get("/shelves?select=name,shelf_items(name)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "top", "shelf_items": [{"name": "featured a"}]},
                        {"name": "bottom", "shelf_items": []}]
    r = client.get("/shelves?select=name,shelf_items!inner(name)&order=id")
    assert r.json() == [{"name": "top", "shelf_items": [{"name": "featured a"}]}]
    # The other side keeps its foreign key.
    r = client.get("/shelf_items?select=name,shelves(name)&id=eq.3")
    assert r.json() == [{"name": "plain c", "shelves": {"name": "bottom"}}]


def test_a_to_one_computed_relationship_returning_several_rows_gives_the_first(client):
    r = client.get("/shelves?select=name,first_item(id,name)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "top", "first_item": {"id": 1, "name": "plain a"}},
                        {"name": "bottom", "first_item": {"id": 3, "name": "plain c"}}]
