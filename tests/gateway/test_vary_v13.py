"""The Vary header (PostgREST's default `Accept, Prefer, Range`) over real HTTP: on the answers of
reads, calls and OPTIONS, never on an error; a Vary set through the response.headers GUC replaces
it; an echoed CORS origin leaves it as it is (PostgREST's CORS policy does not vary on the origin)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from gw_config import variant_client

DEFAULT = "Accept, Prefer, Range"


def test_reads_calls_and_options_answers_carry_the_default_vary(client):
    answers = [client.get("/books?select=id&limit=1"), client.head("/books"), client.options("/books"),
               client.post("/rpc/gwvar_greeting", json={}, headers={"Accept": "application/json"})]
    assert [r.status_code for r in answers] == [200, 200, 200, 200]
    assert [r.headers.get_list("vary") for r in answers[:3]] == [[DEFAULT]] * 3


def test_an_error_answer_carries_no_vary(client):
    for r in (client.get("/no_such_table"), client.get("/books?select=nope"), client.get("/books?id=zz.1")):
        assert 400 <= r.status_code < 500
        assert "vary" not in r.headers


def test_a_vary_set_through_response_headers_replaces_the_default(client):
    r = client.post("/rpc/gwvar_greeting", json={}, headers={"Accept-Language": "fr"})
    assert (r.status_code, r.json()) == (200, "fr")
    assert r.headers.get_list("vary") == ["Accept-Language"]


@pytest.fixture(scope="module")
def listed_origins(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "origins",
                              **{"server-cors-allowed-origins": '"https://app.example"'})


def test_the_origin_is_not_part_of_the_vary_echoed_or_not(client, listed_origins):
    r = listed_origins.get("/books?select=id&limit=1", headers={"Origin": "https://app.example"})
    assert r.headers["access-control-allow-origin"] == "https://app.example"
    assert r.headers.get_list("vary") == [DEFAULT]
    r = client.get("/books?select=id&limit=1", headers={"Origin": "https://app.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers.get_list("vary") == [DEFAULT]
