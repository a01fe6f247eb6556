"""Plans, ranges, singular answers and the other PostgREST v13 reading details measured by the
spec replay of issue 17 (helper gwfx), over real HTTP on the fixture schema."""

PLAN_JSON = "application/vnd.pgrst.plan+json"


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
