"""Build the pair: the failover gets the primary's schema, secrets and rows, then follows it.

Used by `avenir failover init` (a new failover) and `avenir failover reseed` (the old primary
becomes the failover: PostgreSQL 15 has no failover slots, so it is copied afresh).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import psycopg
from psycopg import sql

from ..errors import AvenirError
from .db import connect, one, run, table_list
from .nodes import REPLICATOR_ROLE, SUBSCRIPTION, Node

# The spec's tables, all replicated. The list itself comes from the catalogue (every ordinary
# table of public); this count catches a table added or lost by a migration.
REPLICATED_TABLE_COUNT = 26
# Private tables that are records, not counters, replicated with the spec's tables: a promotion must
# not forget them. lead_replies is the at-most-once record of each reply (without it the promoted
# node would send a reply again), outreach_sends the same for campaign e-mails, outreach_suppressions
# the addresses never to mail again; prospect_domains links alias domains to their prospect. Not
# replicated: login counters and log budgets (they start afresh), worker heartbeats (each node's own),
# secrets (copied at init), vocabularies seeded by the migrations.
REPLICATED_PRIVATE_TABLES = ("lead_replies", "outreach_sends", "outreach_suppressions", "prospect_domains")
HASHED_KEY_TYPES = ("text", "varchar")  # bisected over md5(key) read as a uuid (text order has no arithmetic)
READY_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Table:
    name: str
    key: str
    key_type: str  # pg_type.typname of the single-column primary key
    schema: str = "public"

    @property
    def label(self) -> str:
        """The spec's tables by their bare name, the others schema-qualified (private.lead_replies)."""
        return self.name if self.schema == "public" else f"{self.schema}.{self.name}"

    @property
    def identifier(self) -> sql.Identifier:
        return sql.Identifier(self.schema, self.name)

    @property
    def bucket_type(self) -> str:
        """The type the check splits key ranges in (segments.KeySpace)."""
        return "uuid" if self.key_type in HASHED_KEY_TYPES else self.key_type

    @property
    def bucket_key(self) -> sql.Composable:
        """The key the check orders and buckets rows by: the key itself, or md5(key) as a uuid for text keys."""
        if self.key_type in HASHED_KEY_TYPES:
            return sql.SQL("pg_catalog.md5({}::text)::uuid").format(sql.Identifier(self.key))
        return sql.Identifier(self.key)


def replicated_tables(conn: psycopg.Connection) -> list[Table]:
    rows = run(conn, "replicated_tables", {"private": list(REPLICATED_PRIVATE_TABLES)})
    keyless = [r["table_name"] for r in rows if r["key_column"] is None]
    if keyless:
        raise AvenirError(f"tables without a single-column primary key cannot be compared: {', '.join(keyless)}")
    private = {r["table_name"] for r in rows if r["schema_name"] == "private"}
    absent = sorted(set(REPLICATED_PRIVATE_TABLES) - private)
    if absent:
        raise AvenirError(f"private tables to replicate not found: {', '.join(absent)}")
    public = [r["table_name"] for r in rows if r["schema_name"] == "public"]
    if len(public) != REPLICATED_TABLE_COUNT:
        raise AvenirError(f"expected the spec's {REPLICATED_TABLE_COUNT} tables in public, found {len(public)}: "
                          f"{', '.join(public)} (update REPLICATED_TABLE_COUNT in "
                          f"avenir/failover/attach.py when a migration adds a table)")
    return [Table(r["table_name"], r["key_column"], r["key_type"], r["schema_name"]) for r in rows]


def fingerprint_differences(primary: psycopg.Connection, failover: psycopg.Connection) -> list[str]:
    mine, theirs = one(primary, "schema_fingerprint")["parts"], one(failover, "schema_fingerprint")["parts"]
    return sorted(part for part in set(mine) | set(theirs) if mine.get(part) != theirs.get(part))


def attach(primary: Node, failover: Node, mode: str, replicator_password: str,
           ready_timeout: float = READY_TIMEOUT_SECONDS) -> list[Table]:
    """Publication on the primary, subscription on the failover, initial copy; returns the tables."""
    with connect(primary.url) as p, connect(failover.url) as f:
        # A former primary may still wait for a synchronous standby: every commit there would hang.
        set_synchronous(f, False)
        tables = replicated_tables(p)
        drift = fingerprint_differences(p, f)
        if drift:
            raise AvenirError(f"the failover's schema differs from the primary's ({', '.join(drift)}): "
                              f"deploy the same migrations on both first")
        copy_secrets(p, f)
        set_fenced(f, True)
        set_cron_active(f, False)
        drop_subscription(f)
        run(f, "drop_publication", name=sql.Identifier(SUBSCRIPTION))
        run(f, "truncate_tables", tables=table_list(tables))

        role, password = sql.Identifier(REPLICATOR_ROLE), sql.Literal(replicator_password)
        exists = one(p, "replicator_exists", {"role": REPLICATOR_ROLE})["present"]
        run(p, "alter_replicator" if exists else "create_replicator", role=role, password=password)
        run(p, "grant_replicator", role=role)
        run(p, "grant_replicator_tables", role=role, tables=table_list(tables))
        publication = sql.Identifier(SUBSCRIPTION)
        has_publication = one(p, "publication_exists", {"name": SUBSCRIPTION})["present"]
        run(p, "set_publication_tables" if has_publication else "create_publication",
            name=publication, tables=table_list(tables))
        run(p, "drop_slot", {"name": SUBSCRIPTION})  # left by an earlier pair, if any
        run(f, "create_subscription", name=sql.Identifier(SUBSCRIPTION), publication=publication,
            conninfo=sql.Literal(primary.conninfo_for(REPLICATOR_ROLE, replicator_password)))
        wait_ready(f, ready_timeout)
        set_mode(p, f, mode)
    return tables


def copy_secrets(primary: psycopg.Connection, failover: psycopg.Connection) -> None:
    """The JWT secret and the authenticator's SCRAM verifier: the same keys and URL work on both."""
    found = one(primary, "copy_secrets_read")
    if found["jwt_secret"]:
        run(failover, "copy_secrets_write_jwt", {"jwt_secret": found["jwt_secret"]})
    if found["authenticator_verifier"]:
        run(failover, "set_password", role=sql.Identifier("authenticator"),
            password=sql.Literal(found["authenticator_verifier"]))


def set_fenced(conn: psycopg.Connection, fenced: bool) -> None:
    dbname = sql.Identifier(conn.info.dbname)
    run(conn, "fence_api_role" if fenced else "unfence_api_role", dbname=dbname)


def set_cron_active(conn: psycopg.Connection, active: bool) -> list[str]:
    return [r["jobname"] for r in run(conn, "set_cron_jobs_active", {"active": active})]


def drop_subscription(conn: psycopg.Connection) -> bool:
    """Disable, forget the remote slot (the primary may be gone), drop. False when there was none."""
    if not one(conn, "subscription_exists", {"name": SUBSCRIPTION})["present"]:
        return False
    name = sql.Identifier(SUBSCRIPTION)
    run(conn, "disable_subscription", name=name)
    run(conn, "detach_subscription_slot", name=name)
    run(conn, "drop_subscription", name=name)
    return True


def set_synchronous(conn: psycopg.Connection, synchronous: bool) -> None:
    if synchronous:
        # The walsender of a subscription reports the subscription's name as application_name.
        run(conn, "set_synchronous_standby", names=sql.Literal(f'"{SUBSCRIPTION}"'))
    else:
        run(conn, "reset_synchronous_standby")
    run(conn, "reload_conf")


def set_mode(primary: psycopg.Connection, failover: psycopg.Connection, mode: str, timeout: float = 60) -> None:
    run(failover, "set_subscription_commit", name=sql.Identifier(SUBSCRIPTION),
        value=sql.Literal("on" if mode == "sync" else "off"))
    set_synchronous(primary, mode == "sync")
    if mode != "sync":
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if one(primary, "publisher_status", {"name": SUBSCRIPTION}).get("sync_state") == "sync":
            return
        time.sleep(0.1)
    raise AvenirError("the failover did not become the synchronous standby; see `avenir failover status`")


def wait_ready(failover: psycopg.Connection, timeout: float) -> None:
    """Until every table's initial copy is done (pg_subscription_rel state 'r')."""
    deadline = time.monotonic() + timeout
    while True:
        waiting = run(failover, "tables_not_ready", {"name": SUBSCRIPTION})
        if not waiting:
            return
        if time.monotonic() > deadline:
            names = ", ".join(f"{r['table_name']} ({r['state']})" for r in waiting)
            raise AvenirError(f"the initial copy did not finish in {timeout:.0f} s: {names}; "
                              f"see the failover's log and `avenir failover status`")
        time.sleep(0.2)
