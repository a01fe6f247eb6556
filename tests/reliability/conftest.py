"""The reliability suite: attacks and faults over real HTTP against the gateway of the test run.

Tenants are created through the API (service_role key) and committed, so each is deleted afterwards.
Every test that logs in sends its own client address (X-Forwarded-For, from the IPv6 documentation
prefix): the login throttles key on it, so tests never share a throttle by accident.
"""

from __future__ import annotations

import ipaddress
import itertools
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest
from psycopg.rows import dict_row

_addresses = itertools.count(1)
PASSWORD = "correct horse battery staple"


def fresh_address() -> str:
    """A client address no other test uses (2001:db8::/32 is reserved for documentation)."""
    # Canonical text (as PostgreSQL's host() prints it), so tests can look the address up as stored.
    return ipaddress.ip_address(f"2001:db8:{uuid.uuid4().hex[:4]}::{next(_addresses):x}").compressed


@dataclass(frozen=True)
class Tenant:
    client_id: str
    api_key: str
    email: str
    password: str


@pytest.fixture(scope="session")
def http(api) -> Iterator[httpx.Client]:
    """An anonymous client of the API (the anon key as apikey, as Supabase clients send it)."""
    with httpx.Client(base_url=api.url + "/rest/v1", headers={"apikey": api.anon_key}, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def service_http(api) -> Iterator[httpx.Client]:
    headers = {"apikey": api.service_key, "Authorization": f"Bearer {api.service_key}"}
    with httpx.Client(base_url=api.url + "/rest/v1", headers=headers, timeout=60) as client:
        yield client


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    """A superuser connection in autocommit, to look at what the API committed."""
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        yield conn


def create_tenant(service_http: httpx.Client, language: str = "en") -> Tenant:
    email = f"owner-{uuid.uuid4().hex[:12]}@tenant.test"
    response = service_http.post("/rpc/create_client", json={"business_name": "Tenant", "email": email,
                                                             "password": PASSWORD, "language": language})
    assert response.status_code == 200, response.text
    body = response.json()
    return Tenant(body["client_id"], body["api_key"], email, PASSWORD)


def delete_tenants(db_url: str, tenants: list[Tenant]) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        for tenant in tenants:
            conn.execute("delete from public.clients where client_id = %s", [tenant.client_id])
            conn.execute("delete from private.login_attempts where email = %s", [tenant.email])


@pytest.fixture
def make_tenant(db_url: str, service_http: httpx.Client) -> Iterator[Callable[..., Tenant]]:
    made: list[Tenant] = []

    def make(language: str = "en") -> Tenant:
        made.append(create_tenant(service_http, language))
        return made[-1]

    yield make
    delete_tenants(db_url, made)


def login_headers(http: httpx.Client, tenant: Tenant) -> dict[str, str]:
    """Authorization for the tenant's dashboard session (logged in from a fresh address)."""
    response = http.post("/rpc/login", json={"email": tenant.email, "password": tenant.password},
                         headers={"X-Forwarded-For": fresh_address()})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def assert_postgrest_error(response: httpx.Response) -> dict:
    """A 4xx in PostgREST's error shape: exactly code, message, details, hint; code and message strings."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    if response.request.method == "HEAD":
        return {}
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"code", "message", "details", "hint"}, body
    assert isinstance(body["code"], str) and isinstance(body["message"], str), body
    return body


def reload_schema(conn: psycopg.Connection, http: httpx.Client, path: str) -> None:
    """NOTIFY the gateway to reload its schema cache, then wait until `path` is known (bounded)."""
    conn.execute("notify pgrst, 'reload schema'")
    deadline = time.monotonic() + 30
    while http.post(path).status_code == 404 and time.monotonic() < deadline:
        time.sleep(0.2)
