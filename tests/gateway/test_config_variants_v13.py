"""The variant configurations of issue 17 (items 8-10), each on a gateway of its own over real HTTP:
a JWK or JWK-set `jwt-secret` (asymmetric tokens), `db-root-spec`, and, on the shared gateway, the
`aud` claim's shape, CORS preflight answers, OPTIONS and the OpenAPI document's PostgREST shapes."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from gw_config import variant_client


def _b64(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _public_jwk(key: rsa.RSAPrivateKey, **extra) -> str:
    numbers = key.public_key().public_numbers()
    return '{{"kty": "RSA", "alg": "RS256", "use": "sig", "e": "{}", "n": "{}"{}}}'.format(
        _b64(numbers.e), _b64(numbers.n), "".join(f', "{k}": "{v}"' for k, v in extra.items()))


@pytest.fixture(scope="module")
def rsa_keys() -> list[rsa.RSAPrivateKey]:
    return [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]


@pytest.fixture(scope="module")
def jwk_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema, rsa_keys) -> Iterator[httpx.Client]:
    path = gw_workdir / "one.jwk"
    path.write_text(_public_jwk(rsa_keys[0]))
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "jwk", **{"jwt-secret": f'"@{path}"'})


@pytest.fixture(scope="module")
def jwk_set_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema, rsa_keys) -> Iterator[httpx.Client]:
    path = gw_workdir / "set.jwks"
    path.write_text('{{"keys": [{}, {}]}}'.format(_public_jwk(rsa_keys[0], kid="first"),
                                            _public_jwk(rsa_keys[1], kid="second")))
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "jwks", **{"jwt-secret": f'"@{path}"'})


@pytest.fixture(scope="module")
def root_spec_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "rootspec", **{"db-root-spec": '"api_root"'})


@pytest.fixture(scope="module")
def two_rows_gateway(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "tworows", **{"db-max-rows": "2"})


def _rs256(key, kid: str | None = None, **claims) -> dict[str, str]:
    body = {"role": "authenticated", "exp": int(time.time()) + 600, **claims}
    token = jwt.encode(body, key, algorithm="RS256", headers={"kid": kid} if kid else None)
    return {"Authorization": f"Bearer {token}"}


def _error(r: httpx.Response) -> tuple[int, str, str]:
    return r.status_code, r.json()["code"], r.json()["message"]


def test_a_jwk_secret_verifies_tokens_signed_by_its_private_key(jwk_gateway, rsa_keys, token):
    r = jwk_gateway.get("/books?select=id&id=eq.1", headers=_rs256(rsa_keys[0]))
    assert (r.status_code, r.json()) == (200, [{"id": 1}])
    # another key's signature, and a symmetric token the RSA key cannot check
    r = jwk_gateway.get("/books?select=id", headers=_rs256(rsa_keys[2]))
    assert _error(r) == (401, "PGRST301", "JWT cryptographic operation failed")
    assert r.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    r = jwk_gateway.get("/books?select=id", headers={"Authorization": f"Bearer {token()}"})
    assert _error(r) == (401, "PGRST301", "No suitable key or wrong key type")
    unsigned = jwt.encode({"role": "authenticated"}, None, algorithm="none")
    r = jwk_gateway.get("/books?select=id", headers={"Authorization": f"Bearer {unsigned}"})
    assert _error(r) == (401, "PGRST301", "Wrong or unsupported encoding algorithm")


def test_a_jwk_set_chooses_the_key_named_by_kid(jwk_set_gateway, rsa_keys):
    for key, kid in ((rsa_keys[0], "first"), (rsa_keys[1], "second"), (rsa_keys[1], None)):
        r = jwk_set_gateway.get("/books?select=id&id=eq.2", headers=_rs256(key, kid))
        assert (r.status_code, r.json()) == (200, [{"id": 2}]), kid
    r = jwk_set_gateway.get("/books?select=id", headers=_rs256(rsa_keys[1], "first"))  # the wrong key's kid
    assert _error(r) == (401, "PGRST301", "JWT cryptographic operation failed")
    r = jwk_set_gateway.get("/books?select=id", headers=_rs256(rsa_keys[0], "nobody"))
    assert _error(r) == (401, "PGRST301", "No suitable key or wrong key type")


def test_db_root_spec_answers_the_root_with_that_function(root_spec_gateway):
    r = root_spec_gateway.get("/", headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert r.json() == {"swagger": "2.0", "info": {"title": "Hand-written root"}}
    assert root_spec_gateway.get("/rest/v1/").json()["info"]["title"] == "Hand-written root"
    assert root_spec_gateway.head("/").status_code == 200
    assert root_spec_gateway.get("/books?select=id&id=eq.1").json() == [{"id": 1}]  # other paths as before


def test_the_aud_claim_must_be_a_string_or_strings_even_without_jwt_aud(client, token):
    shape = (401, "PGRST303", "The JWT 'aud' claim must be a string or an array of strings")
    for aud in ({"an": "object"}, ["fine", 7], 12):
        r = client.get("/books?select=id&id=eq.1", headers={"Authorization": f"Bearer {token(aud=aud)}"})
        assert _error(r) == shape, aud
    for aud in ("anyone", ["a", "b"], [], None):  # no jwt-aud: any audience is accepted
        r = client.get("/books?select=id&id=eq.1", headers={"Authorization": f"Bearer {token(aud=aud)}"})
        assert r.status_code == 200, aud


def test_a_preflight_lists_the_simple_methods_and_headers_once(client):
    r = client.options("/books", headers={"Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "PATCH",
                                          "Access-Control-Request-Headers": "accept, X-Custom"})
    assert r.headers["Access-Control-Allow-Methods"] == "GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD"
    # Accept was asked for (in lower case): it is not listed a second time
    assert r.headers["Access-Control-Allow-Headers"] == (
        "Authorization, accept, X-Custom, Accept-Language, Content-Language")
    assert "Access-Control-Expose-Headers" not in r.headers


def test_options_answers_allow_and_any_origin_without_a_cors_request(client):
    r = client.options("/books")
    assert r.status_code == 200 and r.text == ""
    assert (r.headers["Allow"], r.headers["Access-Control-Allow-Origin"]) == (
        "OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE", "*")
    assert client.options("/rpc/stamp").headers["Allow"] == "OPTIONS,POST"
    assert client.options("/rpc/api_root").headers["Allow"] == "OPTIONS,GET,HEAD,POST"
    assert client.options("/").headers["Allow"] == "OPTIONS,GET,HEAD"
    r = client.options("/books", headers={"Origin": "http://127.0.0.1:9"})  # CORS, not a preflight
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Content-Range" in r.headers["Access-Control-Expose-Headers"]


def test_the_openapi_media_type_is_the_roots_only(client):
    r = client.get("/books", headers={"Accept": "application/openapi+json"})
    assert r.status_code == 406 and r.json()["code"] == "PGRST107"
    r = client.get("/", headers={"Accept": "application/openapi+json"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/openapi+json; charset=utf-8"


def test_openapi_types_keys_and_functions_as_postgrest_shapes_them(client, token):
    doc = client.get("/").json()
    codes = doc["definitions"]["country_codes"]
    assert codes["required"] == ["code", "name", "rank", "entry"]  # NOT NULL, with a default or not
    assert codes["description"] == "Country codes: typed columns for the OpenAPI document\n" \
                                   "Columns with modifiers, a json array and a self-reference."
    props = codes["properties"]
    assert props["code"] == {"type": "string", "format": "character", "maxLength": 2,
                             "description": "Two letters\n\nNote:\nThis is a Primary Key.<pk/>"}
    assert props["name"] == {"type": "string", "format": "character varying", "maxLength": 80}
    assert props["aliases"] == {"type": "array", "format": "json[]", "items": {}}
    # defaults: a JSON value, a string-typed one without its cast; a nextval() is no value
    assert (props["rank"]["default"], props["since"]["default"]) == (7, "1999-12-31")
    assert "default" not in props["entry"]
    assert props["region"]["description"] == \
        "Note:\nThis is a Foreign Key to `country_codes.code`.<fk table='country_codes' column='code'/>"
    path = doc["paths"]["/country_codes"]
    assert path["get"]["summary"] == "Country codes: typed columns for the OpenAPI document"
    assert path["get"]["description"] == "Columns with modifiers, a json array and a self-reference."
    assert doc["parameters"]["rowFilter.country_codes.code"] == {
        "name": "code", "description": "Two letters", "required": False, "in": "query", "type": "string"}
    # a view's column keeps the foreign key of the table under it
    assert doc["definitions"]["projects"]["properties"]["client_id"]["description"] == \
        "Note:\nThis is a Foreign Key to `clients.id`.<fk table='clients' column='id'/>"
    # a volatile function is POST only; a variadic argument is a repeatable query parameter
    assert sorted(doc["paths"]["/rpc/stamp"]) == ["post"]
    assert doc["paths"]["/rpc/count_args"]["get"]["parameters"] == [
        {"name": "v", "required": True, "in": "query", "type": "array", "collectionFormat": "multi",
         "items": {"type": "string", "format": "text"}}]
    root = doc["paths"]["/rpc/api_root"]["post"]
    assert root["parameters"][0]["schema"]["description"] == \
        "What GET / answers when db-root-spec names it (in place of the OpenAPI document)."
    assert root["produces"] == ["application/json", "application/vnd.pgrst.object+json;nulls=stripped",
                                "application/vnd.pgrst.object+json"]


def test_openapi_proxy_uri_states_the_default_port():
    from schema_fixture import cache, config

    from avenir_gateway import openapi

    for uri, host in (("https://api.example.test/rest/v1", "api.example.test:443"),
                      ("HTTP://api.example.test", "api.example.test:80")):
        doc = openapi.document(config(openapi_server_proxy_uri=uri), cache(), "gw", {}, follow_privileges=False)
        assert doc["host"] == host
    assert doc["basePath"] == "/" and doc["schemes"] == ["http"]


def test_a_symmetric_jwk_without_alg_serves_every_hmac_algorithm():
    from avenir_gateway.auth import Authenticator
    from avenir_gateway.config import Config

    secret = b"a shared secret long enough for HS384 and HS512 keys, sixty-four"
    jwk = '{{"kty": "oct", "k": "{}"}}'.format(base64.urlsafe_b64encode(secret).rstrip(b"=").decode())
    for text in (jwk, f'{{"keys": [{jwk}]}}'):
        auth = Authenticator(Config(jwt_secret=text, db_anon_role="anon"))
        for alg in ("HS256", "HS384"):
            token = jwt.encode({"role": alg.lower()}, secret, algorithm=alg)
            assert auth.identify("Bearer " + token).role == alg.lower()


def test_db_max_rows_caps_embedded_reads_too(two_rows_gateway):
    r = two_rows_gateway.get("/authors?select=id,books(id)&order=id&books.order=id")
    assert r.json() == [{"id": 1, "books": [{"id": 1}, {"id": 2}]}, {"id": 2, "books": [{"id": 4}, {"id": 5}]}]
    assert r.headers["Content-Range"] == "0-1/*"
    r = two_rows_gateway.get("/authors?select=id,books(id)&id=eq.1&books.order=id&books.limit=1")
    assert r.json() == [{"id": 1, "books": [{"id": 1}]}]  # a smaller limit of the client stays
    r = two_rows_gateway.get("/books?select=id,author:authors(id)&id=gt.4&order=id")  # to-one embeds as before
    assert r.json() == [{"id": 5, "author": {"id": 2}}, {"id": 6, "author": {"id": 3}}]


def test_an_estimated_count_under_db_max_rows(two_rows_gateway):
    def head(path):
        r = two_rows_gateway.head(path, headers={"Prefer": "count=estimated"})
        return r.status_code, r.headers["Content-Range"]
    assert head("/books_guessed_many") == (206, "0-1/500")  # above the cap: the planner's guess
    assert head("/books_guessed_many?id=lt.3") == (200, "0-1/2")  # within the cap: the exact count
    # above the cap but guessed lower: the count, which stops at the cap plus one
    assert head("/books_guessed_one") == (206, "0-1/3")


def test_a_related_order_may_name_the_alias_of_a_spread_column(client):
    r = client.get("/books?select=id,...authors(writer:name)&id=in.(1,4,6)&order=authors(writer).desc")
    assert r.status_code == 200, r.text
    assert r.json() == [{"id": 1, "writer": "Ursula Le Guin"}, {"id": 6, "writer": "Stanisław Lem"},
                        {"id": 4, "writer": "Octavia Butler"}]
    r = client.get("/books?select=id,...authors(writer:name)&order=authors(nobody)")
    assert r.status_code == 400 and r.json()["code"] == "42703"
