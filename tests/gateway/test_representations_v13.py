"""Domain representations of PostgREST v13 (issue 17 item 6) over real HTTP on the fixture schema:
gw.paints.hue is a gw.color (an integer) whose casts to json and from json / text make it "#rrggbb"
in answers, bodies and filter values, while the database keeps the integer."""

from __future__ import annotations

import uuid

import psycopg


def hue_in_database(db_url: str, paint_id: int):
    with psycopg.connect(db_url) as conn:
        return conn.execute("select hue::integer from gw.paints where id = %s", [paint_id]).fetchone()


def test_a_represented_column_reads_through_its_json_function(client):
    assert client.get("/paints?order=id").json() == [
        {"id": 1, "name": "red", "hue": "#ff0000"}, {"id": 2, "name": "teal", "hue": "#008080"}]
    assert client.get("/paints?select=paint:name,colour:hue&id=eq.2").json() == [
        {"paint": "teal", "colour": "#008080"}]
    assert client.get("/rpc/paints_all?hue=eq.%23ff0000").json() == [{"id": 1, "name": "red", "hue": "#ff0000"}]
    # An explicit cast casts the representation (PostgREST: the json value's text).
    assert client.get("/paints?select=id,hue::text&id=eq.1").json() == [{"id": 1, "hue": '"#ff0000"'}]


def test_filter_values_go_through_the_text_function(client):
    assert client.get("/paints?hue=eq.%23008080&select=name").json() == [{"name": "teal"}]
    assert client.get("/paints?hue=neq.%23008080&select=name").json() == [{"name": "red"}]
    r = client.get("/paints?hue=in.(%23ff0000,%23008080)&select=id&order=id")
    assert r.json() == [{"id": 1}, {"id": 2}]


def test_bodies_are_written_through_the_json_function(client, db_url):
    paint_id = 1000 + uuid.uuid4().int % 100000
    r = client.post("/paints", json=[{"id": paint_id, "name": "blue", "hue": "#0000ff"}],
                    headers={"Prefer": "return=representation"})
    assert (r.status_code, r.json()) == (201, [{"id": paint_id, "name": "blue", "hue": "#0000ff"}])
    assert hue_in_database(db_url, paint_id) == (255,)
    r = client.patch(f"/paints?id=eq.{paint_id}", json={"hue": "#000010"}, headers={"Prefer": "return=representation"})
    assert r.json() == [{"id": paint_id, "name": "blue", "hue": "#000010"}]
    assert hue_in_database(db_url, paint_id) == (16,)
    r = client.put(f"/paints?id=eq.{paint_id}", json={"id": paint_id, "name": "navy", "hue": "#000080"})
    assert r.status_code == 204 and hue_in_database(db_url, paint_id) == (128,)
    assert client.delete(f"/paints?id=eq.{paint_id}").status_code == 204
