"""Committed calls through real connections, as the gateway makes them: one transaction per call,
role and claims set inside it. Tenants made here are committed, so each is deleted afterwards."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb


@dataclass
class Response:
    body: dict
    status: str | None


def call_rpc(db_url: str, role: str, query: str, params: dict | None = None,
             claims: dict | None = None, headers: dict | None = None) -> Response:
    """Run `query` (returning one jsonb column `r`) as an API persona and commit, like one API request."""
    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        with conn.transaction():
            conn.execute("select tests.authenticate_as(%s, %s)", [role, Jsonb(claims or {})])
            if headers is not None:
                conn.execute("select set_config('request.headers', %s, true)", [json.dumps(headers)])
            body = conn.execute(query, params or {}).fetchone()["r"]
            status = conn.execute("select current_setting('response.status', true) as s").fetchone()["s"]
    return Response(body, status or None)


@pytest.fixture
def rpc(db_url: str) -> Callable[..., Response]:
    """rpc(role, query, params, claims=..., headers=...): one committed API-like call."""
    return lambda *args, **kwargs: call_rpc(db_url, *args, **kwargs)


@dataclass
class Tenant:
    client_id: str
    api_key: str
    email: str
    password: str


@pytest.fixture
def make_tenant(db_url: str) -> Iterator[Callable[..., Tenant]]:
    made: list[Tenant] = []

    def make(language: str = "en") -> Tenant:
        email = f"owner-{uuid.uuid4().hex[:12]}@tenant.test"
        password = "correct horse battery staple"
        created = call_rpc(db_url, "service_role",
                           "select create_client('Tenant', %(email)s, %(password)s, %(language)s) as r",
                           {"email": email, "password": password, "language": language}).body
        tenant = Tenant(created["client_id"], created["api_key"], email, password)
        made.append(tenant)
        return tenant

    yield make
    with psycopg.connect(db_url, autocommit=True) as conn:
        for tenant in made:
            conn.execute("delete from public.clients where client_id = %s", [tenant.client_id])
            conn.execute("delete from private.login_attempts where email = %s", [tenant.email])


@pytest.fixture(autouse=True)
def remove_orphan_logs(db_url: str) -> Iterator[None]:
    """Rejected keys are logged with no client, so deleting the test's tenants leaves them: remove them too."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        started = conn.execute("select clock_timestamp()").fetchone()[0]
    yield
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("delete from public.integration_logs where client_id is null and created_at >= %s", [started])
