"""db-max-rows and application/geo+json as PostgREST v13 has them (issue 17), over real HTTP:
the cap bounds every embedded read of a GET (never a write), count=estimated counts exactly only up
to the cap + 1 and then trusts the planner when it guesses more, and a write's representation is a
GeoJSON FeatureCollection when that is what the client accepts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gateway_process import run_psql_file, start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port

HERE = Path(__file__).resolve().parent
GEO = {"Accept": "application/geo+json"}
ROLLBACK = "tx=rollback"


@pytest.fixture(scope="module")
def capped(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """A gateway whose db-max-rows is 2, PostGIS loaded for the geo+json writes."""
    run_psql_file(cluster, HERE / "fixture_postgis.sql")
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file, **{"db-max-rows": "2"}), gw_workdir, port,
                       name="capped")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()
        run_psql_file(cluster, HERE / "fixture_postgis_teardown.sql")


def test_the_cap_bounds_each_embedded_list(capped):
    r = capped.get("/gwrest_shelves?select=id,gwrest_books(id)&order=id&gwrest_books.order=id.desc")
    assert r.status_code == 200 and r.headers["Content-Range"] == "0-1/*"
    assert r.json() == [{"id": 1, "gwrest_books": [{"id": 3}, {"id": 2}]},
                        {"id": 2, "gwrest_books": [{"id": 6}, {"id": 5}]}]
    # a smaller embedded limit wins, a larger one is cut down to the cap
    r = capped.get("/gwrest_shelves?select=id,gwrest_books(id)&id=eq.1&gwrest_books.order=id&gwrest_books.limit=1")
    assert r.json() == [{"id": 1, "gwrest_books": [{"id": 1}]}]
    r = capped.get("/gwrest_shelves?select=id,gwrest_books(id)&id=eq.2&gwrest_books.order=id&gwrest_books.limit=9")
    assert r.json() == [{"id": 2, "gwrest_books": [{"id": 4}, {"id": 5}]}]
    # a to-one embed is unaffected
    r = capped.get("/gwrest_books?select=id,gwrest_shelves(label)&id=gt.5&order=id")
    assert r.json() == [{"id": 6, "gwrest_shelves": {"label": "middle"}},
                        {"id": 7, "gwrest_shelves": {"label": "bottom"}}]


def test_a_write_representation_is_not_capped(capped):
    r = capped.patch("/gwrest_books?shelf=eq.1&select=id&order=id", json={"title": "x"},
                     headers={"Prefer": f"return=representation,{ROLLBACK}"})
    assert r.status_code == 200 and r.json() == [{"id": 1}, {"id": 2}, {"id": 3}]


def test_estimated_count_under_the_cap(capped):
    est = {"Prefer": "count=estimated"}
    # 7 rows, the planner guesses 1: the exact count stops at cap + 1 = 3, larger than the guess
    r = capped.head("/gwrest_books_low", headers=est)
    assert r.status_code == 206 and r.headers["Content-Range"] == "0-1/3"
    # the planner guesses 4321: above the cap, its guess is the total
    r = capped.head("/gwrest_books_high", headers=est)
    assert r.status_code == 206 and r.headers["Content-Range"] == "0-1/4321"
    # within the cap the count is exact, whatever the planner says
    r = capped.head("/gwrest_books_high?id=lt.3", headers=est)
    assert r.status_code == 200 and r.headers["Content-Range"] == "0-1/2"
    # count=exact is never bounded
    r = capped.head("/gwrest_books_low", headers={"Prefer": "count=exact"})
    assert r.headers["Content-Range"] == "0-1/7"


def feature(spot_id: int, name: str, x: float, y: float) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": {"id": spot_id, "name": name}}


@pytest.mark.parametrize("method, path, body, status, expected", [
    ("POST", "/spots", {"id": 3, "name": "north", "geom": "SRID=4326;POINT(0 5)"}, 201, [feature(3, "north", 0, 5)]),
    ("PATCH", "/spots?id=eq.2", {"name": "far east"}, 200, [feature(2, "far east", 2, 1)]),
    ("PUT", "/spots?id=eq.2", {"id": 2, "name": "put east", "geom": "SRID=4326;POINT(3 1)"}, 200,
     [feature(2, "put east", 3, 1)]),
    ("DELETE", "/spots?id=eq.1", None, 200, [feature(1, "origin", 0, 0)]),
])
def test_a_write_answers_geojson_when_accepted(capped, method, path, body, status, expected):
    headers = {**GEO, "Prefer": f"return=representation,{ROLLBACK}"}
    r = capped.request(method, path, json=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"] == "application/geo+json; charset=utf-8"
    assert r.json() == {"type": "FeatureCollection", "features": expected}
    # the same write without geo+json answers plain JSON rows
    plain = path + ("&" if "?" in path else "?") + "select=id,name"
    r = capped.request(method, plain, json=body, headers={"Prefer": f"return=representation,{ROLLBACK}"})
    assert r.status_code == status and r.headers["Content-Type"].startswith("application/json")
    assert r.json() == [{"id": expected[0]["properties"]["id"], "name": expected[0]["properties"]["name"]}]


# -- "Perhaps you meant": partitions and the fuzzy hints (on the default gateway) -----------------

def test_a_partition_is_no_endpoint(client):
    assert client.get("/gwrest_readings?select=id&order=id").json() == [{"id": 1}, {"id": 2}]
    r = client.get("/gwrest_readings_2024")
    assert r.status_code == 404
    assert r.json() == {"code": "PGRST205", "details": None, "hint": "Perhaps you meant the table 'gw.gwrest_readings'",
                        "message": "Could not find the table 'gw.gwrest_readings_2024' in the schema cache"}
    # nor a relationship target: the hint names the partitioned table
    r = client.get("/gwrest_shelves?select=id,gwrest_readings_2024(id)")
    assert r.status_code == 400 and r.json()["code"] == "PGRST200"
    assert r.json()["hint"] == "Perhaps you meant 'gwrest_readings' instead of 'gwrest_readings_2024'."


def test_a_missing_relationship_suggests_a_close_one(client):
    r = client.get("/gwrest_shelves?select=id,gwrest_bookz(id)")
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST200", "hint": "Perhaps you meant 'gwrest_books' instead of 'gwrest_bookz'.",
        "details": "Searched for a foreign key relationship between 'gwrest_shelves' and 'gwrest_bookz' in the "
                   "schema 'gw', but no matches were found.",
        "message": "Could not find a relationship between 'gwrest_shelves' and 'gwrest_bookz' in the schema cache"}
    # nothing close: no hint
    assert client.get("/gwrest_shelves?select=id,zzqx(id)").json()["hint"] is None


def test_the_fuzzy_match_rules():
    from avenir_gateway.fuzzy import fuzzy_closest
    # the edit distance decides among names sharing trigrams (not the longest common run)
    assert fuzzy_closest("shelf_notes_extra", ["shelf_note_tags", "shelf_notes_shelf_tags"]) == "shelf_note_tags"
    # a name sharing no trigram with the query is not a candidate while another one scores enough
    assert fuzzy_closest("fake", ["fee", "factories"]) == "factories"
    # when no trigram candidate reaches the threshold, bigrams choose again
    assert fuzzy_closest("garlic", ["articles", "gar_zzzzzzzzzzzz"]) == "articles"
    # spellings differing by case count once, the lowercase one kept; nothing close enough: None
    assert fuzzy_closest("foozle", ["Foo", "foo"]) == "foo"
    assert fuzzy_closest("abc", ["xyz"]) is None
