"""Supabase's opaque API keys (`sb_publishable_...`, `sb_secret_...`) before the JWT check (issue 17,
gwjs): supabase-js sends its key both as `apikey` and as the bearer token, and Supabase's API gateway
swaps the key for its role's JWT before PostgREST decodes anything. Over real HTTP, on the shared
gateway (no `api-keys`: every such key is the anonymous role) and on one with `api-keys` set."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from gw_config import variant_client

from avenir_gateway import config
from avenir_gateway.errors import ConfigError

SECRET = "sb_secret_gwjs-0123456789"
PUBLISHABLE = "sb_publishable_gwjs-0123456789"


@pytest.fixture(scope="module")
def keyed(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[httpx.Client]:
    pairs = f'"{SECRET}:service_role, {PUBLISHABLE}:anon"'
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "apikeys", **{"api-keys": pairs})


def whoami(c: httpx.Client, **headers: str) -> dict:
    r = c.get("/rpc/whoami", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_publishable_key_as_the_bearer_token_is_the_anonymous_role(client):
    me = whoami(client, apikey=PUBLISHABLE, Authorization=f"Bearer {PUBLISHABLE}")
    assert me["role"] == "anon"
    assert me["claims"] == {"role": "anon"}
    assert whoami(client, Authorization="Bearer sb_anything_else")["role"] == "anon"


def test_without_api_keys_a_secret_key_grants_nothing(client):
    assert whoami(client, apikey=SECRET, Authorization=f"Bearer {SECRET}")["role"] == "anon"


def test_a_token_that_is_no_api_key_is_still_decoded_as_a_jwt(client):
    r = client.get("/rpc/whoami", headers={"Authorization": "Bearer notakey"})
    assert r.status_code == 401
    assert r.json()["code"] == "PGRST301"


def test_a_configured_secret_key_in_apikey_acts_as_its_role(keyed):
    me = whoami(keyed, apikey=SECRET)
    assert me["role"] == "service_role"
    assert me["claims"] == {"role": "service_role"}
    # supabase-js without a session: the same key as the bearer token too
    assert whoami(keyed, apikey=SECRET, Authorization=f"Bearer {SECRET}")["role"] == "service_role"
    assert whoami(keyed, Authorization=f"Bearer {SECRET}")["role"] == "service_role"


def test_the_apikey_header_decides_over_a_bearer_api_key(keyed):
    assert whoami(keyed, apikey=SECRET, Authorization=f"Bearer {PUBLISHABLE}")["role"] == "service_role"
    assert whoami(keyed, apikey=PUBLISHABLE, Authorization=f"Bearer {SECRET}")["role"] == "anon"


def test_a_user_jwt_wins_over_the_api_key(keyed, token):
    me = whoami(keyed, apikey=SECRET, Authorization=f"Bearer {token('authenticated', sub='ann')}")
    assert me["role"] == "authenticated"
    assert me["claims"]["sub"] == "ann"


def test_an_unknown_key_is_the_anonymous_role(keyed):
    assert whoami(keyed, apikey="sb_secret_unknown")["role"] == "anon"
    assert whoami(keyed, Authorization="Bearer sb_secret_unknown")["role"] == "anon"


def test_the_keys_are_masked_in_the_dumped_config_and_checked_at_load():
    text = config.dump_text(config.build({"api-keys": f"{SECRET}:service_role"}))
    assert 'api-keys = "********"' in text
    assert SECRET not in text
    assert 'api-keys = ""' in config.dump_text(config.build({}))
    with pytest.raises(ConfigError, match="api-keys"):
        config.build({"api-keys": "not-a-key:service_role"})
    with pytest.raises(ConfigError, match="api-keys") as refused:
        config.build({"api-keys": SECRET})  # no role
    assert SECRET[len("sb_secret_"):] not in str(refused.value)  # the refusal never echoes the key
