"""What postgrest-js's own suite relies on beyond the dialect's grammar (issue 17, gwjs): a read that
filters its rows by an embed (`!inner`, `embed=not.is.null`, `embed=is.null`) and has no `order`
answers the rows in the table's scan order, as PostgREST's per-row lateral joins do, never in the
order of a hashed semi-join; over real HTTP on the fixture schema (gwjs_boxes stored as 3, 1, 2)."""

SCAN_ORDER = [3, 1, 2]


def test_the_fixture_stores_the_boxes_out_of_key_order(client):
    r = client.get("/gwjs_boxes?select=id")
    assert r.status_code == 200, r.text
    assert [row["id"] for row in r.json()] == SCAN_ORDER


def test_an_inner_embed_keeps_the_parents_scan_order(client):
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles!inner(id)")
    assert r.status_code == 200, r.text
    rows = r.json()
    assert [row["id"] for row in rows] == SCAN_ORDER
    assert all(len(row["gwjs_marbles"]) == 10 for row in rows)
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles!inner(id)&limit=1")  # the first in scan order
    assert [row["id"] for row in r.json()] == [3]


def test_an_inner_embed_with_its_own_filter_drops_the_parents_without_rows(client):
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles!inner(colour)&gwjs_marbles.colour=eq.red")
    assert r.status_code == 200, r.text
    rows = r.json()
    assert [row["id"] for row in rows] == [1, 2]  # box 3 has no red marble; 1 before 2 as stored
    assert all({m["colour"] for m in row["gwjs_marbles"]} == {"red"} for row in rows)


def test_a_null_filter_on_an_embed_keeps_the_scan_order_and_its_meaning(client):
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles(id)&gwjs_marbles.colour=eq.red&gwjs_marbles=not.is.null")
    assert [row["id"] for row in r.json()] == [1, 2]
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles(id)&gwjs_marbles.colour=eq.red&gwjs_marbles=is.null")
    assert r.json() == [{"id": 3, "gwjs_marbles": []}]  # an embed without rows is still an array
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles(id)&gwjs_marbles.colour=eq.red"
                   "&or=(gwjs_marbles.is.null,id.eq.2)")  # inside a logic tree too
    assert [row["id"] for row in r.json()] == [3, 2]


def test_a_to_one_inner_embed_keeps_the_childrens_scan_order(client):
    r = client.get("/gwjs_marbles?select=id,gwjs_boxes!inner(label)&gwjs_boxes.label=eq.third&limit=3")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": i, "gwjs_boxes": {"label": "third"}} for i in (2, 5, 8)]


def test_the_exact_count_still_counts_the_filtered_parents(client):
    r = client.get("/gwjs_boxes?select=id,gwjs_marbles!inner(id)&gwjs_marbles.colour=eq.red",
                   headers={"Prefer": "count=exact"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Range"] == "0-1/2"
    r = client.head("/gwjs_boxes?select=id,gwjs_marbles!inner(id)&gwjs_marbles.colour=eq.red",
                    headers={"Prefer": "count=exact"})
    assert r.headers["Content-Range"] == "0-1/2"
