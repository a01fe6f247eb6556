"""What a deployed database needs from its environment and no migration may hold: passwords
and the JWT secret. Run after every deploy by `avenir up` and by the test run."""

from __future__ import annotations

import jwt
import psycopg
from psycopg import sql

from .cluster import Cluster

JWT_SECRET_LENGTH = 48
# Fixed issue time: the API keys are derived from the secret alone, so they never change
# while the secret does not (as `supabase status` prints the same keys every time).
API_KEY_ISSUED_AT = 1767225600  # 2026-01-01T00:00:00Z
API_KEY_LIFETIME = 10 * 365 * 24 * 3600


def jwt_secret(cluster: Cluster) -> str:
    return cluster.secret("jwt_secret", JWT_SECRET_LENGTH)


def authenticator_password(cluster: Cluster) -> str:
    return cluster.secret("authenticator_password")


def authenticator_url(cluster: Cluster) -> str:
    """The gateway's and the worker's connection: LOGIN NOINHERIT, switches role per request."""
    return cluster.url("authenticator", authenticator_password(cluster))


def api_key(cluster: Cluster, role: str) -> str:
    """A long-lived HS256 JWT for `anon` or `service_role`, like Supabase's ANON_KEY."""
    claims = {"iss": "avenir", "role": role, "iat": API_KEY_ISSUED_AT,
              "exp": API_KEY_ISSUED_AT + API_KEY_LIFETIME}
    return jwt.encode(claims, jwt_secret(cluster), algorithm="HS256")


def configure_database(cluster: Cluster) -> None:
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(sql.SQL("alter role authenticator with password {}").format(
            sql.Literal(authenticator_password(cluster))))
        # The signing secret for `login`, readable only by the owner of private.secrets.
        conn.execute("insert into private.secrets (name, value) values ('jwt_secret', %s) "
                     "on conflict (name) do update set value = excluded.value, updated_at = now()",
                     [jwt_secret(cluster)])
