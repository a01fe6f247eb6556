"""In-database configuration (§1.16): `pgrst.*` settings of the authenticator role (also per database)
and the `db-pre-config` function override the file and the environment, as PostgREST's `db-config`
(the role's settings in this database first, then the role's own, then what db-pre-config sets).

Read at start and again on `NOTIFY pgrst, 'reload config'` (or a bare `NOTIFY pgrst`); only the
settings PostgREST lets the database change (`IN_DATABASE`) are taken, the others stay as the file says.
"""

from __future__ import annotations

import dataclasses
import logging

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from . import config as config_module
from .sql_files import NamedQueries

log = logging.getLogger("avenir_gateway.db_config")
QUERIES = NamedQueries(__package__, "db_config.sql")

# The keys PostgREST v13 reads from the database (its reloadable settings).
IN_DATABASE = frozenset({
    "db-aggregates-enabled", "db-anon-role", "db-extra-search-path", "db-hoisted-tx-settings", "db-max-rows",
    "db-plan-enabled", "db-pre-request", "db-prepared-statements", "db-root-spec", "db-schemas", "db-tx-end",
    "jwt-aud", "jwt-role-claim-key", "jwt-secret", "jwt-secret-is-base64", "jwt-cache-max-lifetime",
    "jwt-cache-max-entries",
    "openapi-mode", "openapi-security-active", "openapi-server-proxy-uri", "server-cors-allowed-origins",
    "server-trace-header", "server-timing-enabled",
})


def _key(setting: str) -> str | None:
    """`pgrst.db_schemas` -> `db-schemas`; None for a setting the database may not change."""
    key = setting[len("pgrst."):].replace("_", "-")
    return key if key in IN_DATABASE else None


async def read(conn: psycopg.AsyncConnection, pre_config: str | None) -> dict[str, str]:
    """The overriding `key -> value` pairs, as PostgREST ranks them: what db-pre-config sets, overridden
    by the role's own settings, overridden by the role's settings in this database."""
    values: dict[str, str] = {}
    async with conn.cursor(row_factory=dict_row) as cur:
        if pre_config:
            async with conn.transaction(force_rollback=True):
                name = sql.Identifier(*pre_config.split(".", 1))
                await cur.execute(sql.SQL("select {}()").format(name))
                names = ["pgrst." + k.replace("-", "_") for k in sorted(IN_DATABASE)]
                await cur.execute(QUERIES["session_config"], {"names": names})
                for row in await cur.fetchall():
                    key = _key(row["key"])
                    if key and row["value"]:
                        values[key] = row["value"]
        await cur.execute(QUERIES["role_config"])
        for row in await cur.fetchall():
            key = _key(row["key"])
            if key:
                values[key] = row["value"]
    return values


def apply(cfg: config_module.Config, overrides: dict[str, str]) -> None:
    """Rebuild `cfg` in place from its file/environment values plus the database's (shared references
    to it see the change)."""
    merged = config_module.build({**cfg.raw, **overrides})
    for f in dataclasses.fields(config_module.Config):
        if f.name != "raw":
            setattr(cfg, f.name, getattr(merged, f.name))


async def load_into(cfg: config_module.Config, conn: psycopg.AsyncConnection) -> bool:
    """Apply the database's configuration to `cfg` when `db-config` is on; True when something changed."""
    if not cfg.db_config:
        return False
    overrides = await read(conn, cfg.db_pre_config)
    before = dataclasses.asdict(cfg)
    apply(cfg, overrides)
    changed = dataclasses.asdict(cfg) != before
    if changed:
        log.info("in-database configuration applied: %s", ", ".join(sorted(overrides)))
    return changed
