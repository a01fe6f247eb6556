"""Issue 17's items that no other test reached over real HTTP (the gwaudit coverage audit): a computed
relationship returning one row, relationships of a function's rows (computed, `!inner`, counted), a
constraint name as the embed, many-to-many through views, a represented column inside an embed, a
single unnamed xml parameter, mutations ignoring `limit`, the in-database configuration's precedence
and `db-config = false`, the OpenAPI modes and CORS origins of the configuration; fixture_v13.sql's
section "gwaudit"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from gw_config import variant_client
from test_db_config import run_sql, wait_for

ORIGIN = "http://127.0.0.1:9"
PLAN = {"Accept": "application/vnd.pgrst.plan+json"}


@pytest.fixture(scope="module")
def documented(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """OpenAPI without privileges, behind a proxy, with its security; CORS for one origin only."""
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "documented", **{
        "openapi-mode": '"ignore-privileges"', "openapi-server-proxy-uri": '"https://localhost:8443/rest/v1"',
        "openapi-security-active": "true", "server-cors-allowed-origins": f'"{ORIGIN}"'})


@pytest.fixture(scope="module")
def bare(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    """No OpenAPI, no plans (PostgREST's default), an empty list of CORS origins (any origin)."""
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "bare", **{
        "openapi-mode": '"disabled"', "db-plan-enabled": "false", "server-cors-allowed-origins": '""'})


def test_a_computed_relationship_returning_one_row_is_an_object(client):
    r = client.get("/books?select=title,gwaudit_writer(name)&id=in.(4,6)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Kindred", "gwaudit_writer": {"name": "Octavia Butler"}},
                        {"title": "Solaris", "gwaudit_writer": {"name": "Stanisław Lem"}}]
    r = client.get("/books?select=id,gwaudit_writer!inner(name)&gwaudit_writer.name=like.Oct*&order=id",
                   headers={"Prefer": "count=exact"})
    butler = {"name": "Octavia Butler"}
    assert (r.json(), r.headers["Content-Range"]) == (
        [{"id": 4, "gwaudit_writer": butler}, {"id": 5, "gwaudit_writer": butler}], "0-1/2")


def test_a_functions_rows_have_computed_relationships_inner_embeds_and_counts(client):
    r = client.get("/rpc/books_by?author=2&select=title,first_author(name)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"title": "Kindred", "first_author": {"name": "Octavia Butler"}},
                        {"title": "Parable of the Sower", "first_author": {"name": "Octavia Butler"}}]
    r = client.get("/rpc/books_by?author=1&select=id,genres!inner(name)&genres.name=eq.classic",
                   headers={"Prefer": "count=exact"})
    assert (r.status_code, r.json()) == (200, [{"id": 1, "genres": [{"name": "classic"}]}])
    assert r.headers["Content-Range"] == "0-0/1"  # the inner embed filters what is counted
    r = client.post("/rpc/books_by?select=id,genres!inner(name)&order=id", json={"author": 2})
    assert (r.status_code, r.json()) == (200, [])  # neither of her books has a genre


def test_a_constraint_name_is_an_embed_target_from_either_side(client):
    r = client.get("/books?select=title,books_author_id_fkey(name)&id=eq.4")
    assert r.json() == [{"title": "Kindred", "books_author_id_fkey": {"name": "Octavia Butler"}}]
    r = client.get("/authors?select=name,written:books_author_id_fkey(title)&id=eq.3")
    assert r.json() == [{"name": "Stanisław Lem", "written": [{"title": "Solaris"}]}]


def test_a_unique_foreign_key_is_one_to_one_from_both_sides(client):
    r = client.get("/authors?select=name,gwaudit_passports(code)&id=in.(1,2)&order=id")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Ursula Le Guin", "gwaudit_passports": None},
                        {"name": "Octavia Butler", "gwaudit_passports": {"code": "OB-1947"}}]
    r = client.get("/gwaudit_passports?select=code,authors(name)")
    assert r.json() == [{"code": "OB-1947", "authors": {"name": "Octavia Butler"}}]


def test_many_to_many_through_views_of_an_unexposed_schema(client):
    r = client.get("/projects?select=name,gwaudit_stickers(label)&id=in.(1,4)&order=id"
                   "&gwaudit_stickers.order=label")
    assert r.status_code == 200, r.text
    assert r.json() == [{"name": "Windows 7", "gwaudit_stickers": [{"label": "legacy"}]},
                        {"name": "OSX", "gwaudit_stickers": [{"label": "legacy"}, {"label": "mobile"}]}]
    r = client.get("/gwaudit_stickers?select=label,projects!inner(name)&projects.name=eq.IOS")
    assert r.json() == [{"label": "mobile", "projects": [{"name": "IOS"}]}]


def test_a_represented_column_keeps_its_representation_inside_an_embed(client):
    r = client.get("/gwaudit_swatches?select=id,paints(name,hue)")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "paints": {"name": "teal", "hue": "#008080"}}]
    r = client.get("/paints?select=name,gwaudit_swatches(id)&gwaudit_swatches=not.is.null")
    assert r.json() == [{"name": "teal", "gwaudit_swatches": [{"id": 1}]}]


def test_a_single_unnamed_xml_parameter_takes_the_xml_body(client):
    r = client.post("/rpc/gwaudit_xml_root", content=b"<catalog><item/></catalog>",
                    headers={"Content-Type": "text/xml"})
    assert (r.status_code, r.json()) == (200, "catalog")


def test_limit_does_not_limit_a_patch_or_a_delete(client, token):
    auth = {"Authorization": f"Bearer {token()}"}
    rollback = {**auth, "Prefer": "return=representation, tx=rollback"}
    r = client.patch("/books?author_id=eq.1&order=id.desc&limit=1&select=id", json={"year": 2000}, headers=rollback)
    assert (r.status_code, r.json()) == (200, [{"id": 3}, {"id": 2}, {"id": 1}])
    r = client.delete("/books?author_id=eq.2&order=id&limit=1&offset=1&select=id", headers=rollback)
    assert (r.status_code, r.json()) == (200, [{"id": 4}, {"id": 5}])
    assert client.get("/books?author_id=eq.2&select=id").json() == [{"id": 4}, {"id": 5}]


def test_the_databases_settings_rank_as_postgrest_ranks_them(cluster, gw_workdir, jwt_secret_file, fixture_schema,
                                                             token):
    """The role's setting in this database, then the role's own, then db-pre-config, then the file;
    with `db-config = false` the file alone."""
    db = cluster.libpq_env()["PGDATABASE"]
    channel = "gwaudit_db_config"
    file = {"db-channel": f'"{channel}"', "db-pre-config": '"gw.gwaudit_pre_config"', "db-plan-enabled": "false"}
    run_sql(cluster, "alter role authenticator set pgrst.db_max_rows = '4'")
    try:
        configured = contextmanager(variant_client)(cluster, gw_workdir, jwt_secret_file, "gwaudit-dbconfig", **file)
        ignored = contextmanager(variant_client)(cluster, gw_workdir, jwt_secret_file, "gwaudit-nodbconfig",
                                 **{**file, "db-config": "false"})
        with configured as c, ignored as plain:
            assert len(c.get("/books?select=id").json()) == 4  # the role's 4 over the pre-config's 2
            assert c.get("/books?select=id&id=eq.1", headers=PLAN).status_code == 200  # pre-config: plans on
            auth = {"Authorization": f"Bearer {token()}", "Prefer": "return=representation"}
            r = c.post("/items", json={"id": 9601, "label": "gwaudit rolled back"}, headers=auth)
            assert (r.status_code, r.json()[0]["id"]) == (201, 9601)
            assert c.get("/items?id=eq.9601").json() == []  # pre-config's db-tx-end = rollback
            run_sql(cluster, f'alter role authenticator in database "{db}" set pgrst.db_max_rows = \'3\'')
            run_sql(cluster, f"notify {channel}, 'reload config'")
            assert wait_for(lambda: len(c.get("/books?select=id").json()) == 3)  # this database's first
            # db-config = false: the file's values only (db-max-rows 50, no plans, commits).
            assert len(plain.get("/books?select=id").json()) == 7
            assert plain.get("/books?select=id", headers=PLAN).status_code == 406
    finally:
        run_sql(cluster, f'alter role authenticator in database "{db}" reset pgrst.db_max_rows')
        run_sql(cluster, "alter role authenticator reset pgrst.db_max_rows")


def test_openapi_ignoring_privileges_behind_a_proxy_with_security(documented):
    r = documented.get("/")
    assert r.status_code == 200, r.text
    doc = r.json()
    assert "/hidden" in doc["paths"] and "/rpc/secret_fn" in doc["paths"]  # anon may use neither
    assert (doc["host"], doc["basePath"], doc["schemes"]) == ("localhost:8443", "/rest/v1", ["https"])
    assert doc["security"] == [{"JWT": []}]
    assert doc["securityDefinitions"] == {"JWT": {"type": "apiKey", "in": "header", "name": "Authorization",
                                                  "description": "Add the token prepending \"Bearer \" (without "
                                                                 "quotes) to it"}}


def test_disabled_openapi_and_plans_are_refused(bare):
    r = bare.get("/", headers={"Accept": "application/openapi+json"})
    assert r.status_code == 404
    assert r.json() == {"code": "PGRST126", "message": "Root endpoint metadata is disabled", "details": None,
                        "hint": None}
    assert bare.get("/books?select=id&id=eq.1").json() == [{"id": 1}]
    for method, path in (("GET", "/books?id=eq.1"), ("GET", "/rpc/add?a=1&b=2"), ("DELETE", "/items?id=eq.0")):
        r = bare.request(method, path, headers=PLAN)
        assert (r.status_code, r.json()["code"]) == (406, "PGRST107"), path


def test_cors_for_the_configured_origins_only(documented, bare):
    r = documented.get("/books?select=id&id=eq.1", headers={"Origin": ORIGIN})
    assert (r.headers["Access-Control-Allow-Origin"], r.headers["Access-Control-Allow-Credentials"]) == (
        ORIGIN, "true")
    assert r.headers.get_list("Vary") == ["Accept, Prefer, Range"]  # the default: PostgREST does not vary on the origin
    r = documented.options("/books", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert r.headers["Access-Control-Allow-Origin"] == ORIGIN and "Access-Control-Allow-Methods" in r.headers
    r = documented.get("/books?select=id&id=eq.1", headers={"Origin": "http://127.0.0.1:10"})  # another origin
    assert r.status_code == 200 and "Access-Control-Allow-Origin" not in r.headers
    r = bare.get("/books?select=id&id=eq.1", headers={"Origin": "http://127.0.0.1:10"})  # an empty list: any
    assert r.headers["Access-Control-Allow-Origin"] == "*"
