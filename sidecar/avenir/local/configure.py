"""What a deployed database needs from its environment and no migration may hold: passwords
and the JWT secret. Run after every deploy by `avenir up` and by the test run."""

from __future__ import annotations

import jwt
import psycopg
from psycopg import sql

from avenir_gateway.sql_files import NamedQueries

from .cluster import Cluster

QUERIES = NamedQueries(__package__, "queries.sql")

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
        # ALTER ROLE takes no parameters: the password goes in as a quoted literal.
        conn.execute(sql.SQL(QUERIES["set_authenticator_password"]).format(
            password=sql.Literal(authenticator_password(cluster))))
        conn.execute(QUERIES["store_jwt_secret"], {"value": jwt_secret(cluster)})
