"""application/geo+json of PostgREST v13 (issue 17 item 4) over real HTTP: the rows of a table (or of
a function returning them) with a PostGIS geometry as one GeoJSON FeatureCollection, through
st_asgeojson. PostGIS comes from scripts/install-toolchain.sh; fixture_postgis.sql is loaded here only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gateway_process import run_psql_file, start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port

GEO = {"Accept": "application/geo+json"}


@pytest.fixture(scope="module")
def geo(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    run_psql_file(cluster, Path(__file__).resolve().parent / "fixture_postgis.sql")
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file), gw_workdir, port, name="geojson")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()
        run_psql_file(cluster, Path(__file__).resolve().parent / "fixture_postgis_teardown.sql")


def feature(spot_id: int, name: str, x: float, y: float) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": {"id": spot_id, "name": name}}


def test_rows_with_a_geometry_are_a_feature_collection(geo):
    r = geo.get("/spots?order=id", headers=GEO)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/geo+json; charset=utf-8"
    assert r.json() == {"type": "FeatureCollection",
                        "features": [feature(1, "origin", 0, 0), feature(2, "east", 2, 1)]}
    r = geo.get("/spots?id=eq.2&select=name,geom", headers=GEO)
    assert r.json()["features"] == [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 1]},
                                     "properties": {"name": "east"}}]
    assert geo.get("/spots?id=eq.3", headers=GEO).json() == {"type": "FeatureCollection", "features": []}


def test_function_rows_and_the_json_default(geo):
    r = geo.get("/rpc/spots_near?x=1", headers=GEO)
    assert r.status_code == 200 and r.json()["features"] == [feature(1, "origin", 0, 0)]
    assert geo.get("/spots?select=id&order=id").json() == [{"id": 1}, {"id": 2}]


def test_a_writes_representation_is_a_feature_collection_too(geo, token):
    headers = {**GEO, "Prefer": "return=representation, tx=rollback", "Authorization": f"Bearer {token()}"}
    r = geo.post("/spots?select=id,name,geom", headers=headers,
                 json={"id": 90, "name": "Pier", "geom": "SRID=4326;POINT(2.5 48.25)"})
    assert r.status_code == 201 and r.headers["Content-Type"] == "application/geo+json; charset=utf-8"
    assert r.json() == {"type": "FeatureCollection", "features": [feature(90, "Pier", 2.5, 48.25)]}
    r = geo.patch("/spots?id=eq.90", headers=headers, json={"name": "Quay"})  # rolled back: nothing to change
    assert (r.status_code, r.json()) == (200, {"type": "FeatureCollection", "features": []})
