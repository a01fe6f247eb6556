"""`GET /` (issue 17 item 10): the OpenAPI 2.0 document of the selected schema, with descriptions from
COMMENT ON, primary/foreign key notes, and only what the requesting role may use (follow-privileges)."""


def test_root_is_swagger_2_of_the_default_schema(client):
    r = client.get("/", headers={"Accept": "application/openapi+json"})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/openapi+json; charset=utf-8"
    doc = r.json()
    assert doc["swagger"] == "2.0"
    assert doc["info"]["title"] == "Gateway test fixture: tables, views, functions of every shape, RLS."
    assert doc["basePath"] == "/" and doc["schemes"] == ["http"]
    assert "/books" in doc["paths"] and "/rpc/add" in doc["paths"] and "/" in doc["paths"]


def test_definitions_carry_types_comments_and_key_notes(client):
    books = client.get("/").json()["definitions"]["books"]
    assert books["description"] == "Books; filters, order and pagination are tested on them."
    assert books["required"] == ["id", "title", "tags"]  # the NOT NULL columns, defaults or not (PostgREST)
    props = books["properties"]
    assert props["id"]["type"] == "integer" and props["id"]["format"] == "integer"
    assert "This is a Primary Key.<pk/>" in props["id"]["description"]
    assert props["author_id"]["description"] == \
        "Note:\nThis is a Foreign Key to `authors.id`.<fk table='authors' column='id'/>"
    assert props["tags"]["type"] == "array" and props["tags"]["items"] == {"type": "string"}
    assert props["price"] == {"type": "number", "format": "numeric"}  # the modifier dropped, as PostgREST


def test_paths_follow_the_roles_privileges(client, token):
    anon = client.get("/").json()["paths"]
    # a relation the role may use is listed with what the relation takes (PostgREST: GET, and the three
    # writes together for a writable one), not method by method of the role's privileges
    assert sorted(anon["/books"]) == ["delete", "get", "patch", "post"]
    assert "/hidden" not in anon and "/rpc/secret_fn" not in anon
    authed = client.get("/", headers={"Authorization": f"Bearer {token()}"}).json()["paths"]
    assert sorted(authed["/books"]) == ["delete", "get", "patch", "post"]
    get = authed["/books"]["get"]
    assert {"$ref": "#/parameters/rowFilter.books.title"} in get["parameters"]
    assert get["responses"]["200"]["schema"] == {"type": "array", "items": {"$ref": "#/definitions/books"}}


def test_functions_as_rpc_paths_with_their_arguments(client):
    add = client.get("/").json()["paths"]["/rpc/add"]
    body = add["post"]["parameters"][0]
    assert body["in"] == "body" and body["schema"]["required"] == ["a", "b"]
    assert body["schema"]["properties"]["a"] == {"type": "integer", "format": "integer"}
    assert [p["name"] for p in add["get"]["parameters"]] == ["a", "b"]


def test_prefer_parameters_list_the_preferences_v13_takes_and_no_empty_enum(client):
    params = client.get("/").json()["parameters"]
    assert params["preferPost"]["enum"] == ["return=representation", "return=minimal", "return=none",
                                           "resolution=ignore-duplicates", "resolution=merge-duplicates"]
    assert params["preferCount"]["enum"] == ["count=none"]
    # no `params` preference is listed (params=single-object was v12's): no enum rather than an empty one
    assert "enum" not in params["preferParams"]
    assert params["preferParams"]["in"] == "header" and params["preferParams"]["name"] == "Prefer"


def test_the_other_schema_by_profile_and_csv_is_not_acceptable(client):
    r = client.get("/", headers={"Accept-Profile": "gw_other"})
    assert r.status_code == 200 and r.headers["Content-Profile"] == "gw_other"
    assert list(r.json()["definitions"]) == ["things"]
    r = client.get("/", headers={"Accept": "text/csv"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST107"


def test_proxy_uri_and_security_definitions_from_the_configuration():
    from schema_fixture import cache, config

    from avenir_gateway import openapi

    cfg = config(openapi_server_proxy_uri="https://localhost:8443/rest/v1", openapi_security_active=True)
    doc = openapi.document(cfg, cache(), "gw", {}, follow_privileges=False)
    assert (doc["host"], doc["basePath"], doc["schemes"]) == ("localhost:8443", "/rest/v1", ["https"])
    assert doc["security"] == [{"JWT": []}] and doc["securityDefinitions"]["JWT"]["in"] == "header"
    assert sorted(doc["paths"]["/books"]) == ["delete", "get", "patch", "post"]  # ignore-privileges: all
