"""Plans, ranges, singular answers and the other PostgREST v13 reading details measured by the
spec replay of issue 17 (helper gwfx), over real HTTP on the fixture schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from gateway_process import start_gateway
from gw_config import gateway_config

from avenir.local.cluster import free_port

PLAN_JSON = "application/vnd.pgrst.plan+json"
STAGE = r"(\w+);dur=(\d+\.\d)"


@pytest.fixture(scope="module")
def timed(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """A gateway with server-timing-enabled."""
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file, **{"server-timing-enabled": "true"}),
                       gw_workdir, port, name="timed")
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()


def test_a_bare_plan_media_type_is_the_text_format(client):
    r = client.get("/books?select=id&id=eq.1", headers={"Accept": "application/vnd.pgrst.plan"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == 'application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8'
    assert not r.text.lstrip().startswith("[")  # EXPLAIN's text lines, not its JSON document
    assert "cost=" in r.text


def test_the_plan_content_type_echoes_the_options_as_asked(client):
    r = client.get("/books?select=id", headers={"Accept": PLAN_JSON + "; options=verbose|settings"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == (
        'application/vnd.pgrst.plan+json; for="application/json"; options=verbose|settings; charset=utf-8')
    assert "Output" in r.json()[0]["Plan"]
    r = client.get("/books?select=id", headers={"Accept": PLAN_JSON + '; for="application/vnd.pgrst.object"'})
    assert r.headers["Content-Type"] == (
        'application/vnd.pgrst.plan+json; for="application/vnd.pgrst.object+json"; charset=utf-8')


def test_a_plan_for_a_custom_media_type_plans_its_handler(client):
    accept = PLAN_JSON + '; for="text/tab-separated-values"; options=verbose'
    r = client.get("/media_rows", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == (
        'application/vnd.pgrst.plan+json; for="text/tab-separated-values"; options=verbose; charset=utf-8')
    assert any("tsv_agg" in col for col in r.json()[0]["Plan"]["Output"])
    r = client.get("/media_rows", headers={"Accept": PLAN_JSON + '; for="text/unknown"'})
    assert r.status_code == 406
    assert r.json()["code"] == "PGRST107"


def test_an_xml_media_domain_is_sent_as_xml_output_text(client):
    r = client.get("/rpc/gwfx_greeting_xml", headers={"Accept": "text/xml"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert r.text == "<greeting>bonjour</greeting>"  # xml's output drops the leading newline


def test_server_timing_names_each_stage_of_a_request(timed, token):
    stages = ("jwt", "parse", "plan", "transaction", "response")
    for _ in range(2):  # the second read is a known shape: its parse and plan are still reported
        r = timed.get("/books?select=id&id=eq.1")
        assert r.status_code == 200, r.text
        assert tuple(m[0] for m in re.findall(STAGE, r.headers["Server-Timing"])) == stages
    r = timed.post("/rpc/add", json={"a": 1, "b": 2}, headers={"Authorization": f"Bearer {token()}"})
    assert tuple(m[0] for m in re.findall(STAGE, r.headers["Server-Timing"])) == stages
    r = timed.head("/")
    assert tuple(m[0] for m in re.findall(STAGE, r.headers["Server-Timing"])) == stages
    r = timed.options("/books")  # no statement runs: no plan, no transaction
    assert tuple(m[0] for m in re.findall(STAGE, r.headers["Server-Timing"])) == ("jwt", "parse", "response")


def test_server_timing_is_off_by_default(client):
    r = client.get("/books?select=id&id=eq.1")
    assert r.status_code == 200 and "Server-Timing" not in r.headers
