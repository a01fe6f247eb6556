"""`avenir failover promote` and `avenir failover reseed`.

Promotion works whether the primary is gone (the usual case) or still up (a planned switchover:
it is fenced first, its API sessions ended, and the failover waits until it has everything).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from ..errors import AvenirError
from ..local import configure
from ..local.cluster import Cluster
from . import nodes
from .attach import attach, drop_subscription, set_cron_active, set_fenced, set_synchronous
from .check import wait_caught_up
from .db import connect, one, run
from .nodes import SUBSCRIPTION, Node, PairState

SWITCHOVER_CATCH_UP_SECONDS = 60
# Past the largest value seen, so that values handed out but not yet replicated are never reused.
SEQUENCE_SAFETY_GAP = 1000


@dataclass
class Promotion:
    state: PairState  # after the swap: state.primary is the promoted node
    planned: bool  # the old primary answered (switchover) rather than being gone (failover)
    seconds: float
    sequences: dict[str, int] = field(default_factory=dict)
    cron_jobs: list[str] = field(default_factory=list)


def promote(state: PairState, state_dir: Path | None = None) -> Promotion:
    started = time.monotonic()
    old = _try_connect(state.primary)
    try:
        primary_sequences = {}
        if old is not None:
            set_fenced(old, True)
            run(old, "end_api_sessions")
            if not wait_caught_up(old, SWITCHOVER_CATCH_UP_SECONDS):
                set_fenced(old, False)
                raise AvenirError(f"the failover did not catch up with the primary within "
                                  f"{SWITCHOVER_CATCH_UP_SECONDS} s; nothing was promoted (see "
                                  f"`avenir failover status`)")
            primary_sequences = {r["sequence"]: r["last_value"] for r in run(old, "sequences")}
        with connect(state.failover.url) as f:
            if not drop_subscription(f):
                raise AvenirError(f"{state.failover.address} has no subscription {SUBSCRIPTION}: "
                                  f"it is not a failover (already promoted?)")
            moved = set_sequences(f, primary_sequences)
            jobs = set_cron_active(f, True)
            set_fenced(f, False)
        if old is not None:
            # Nothing follows it any more: stop waiting for a standby, release the slot's WAL.
            set_synchronous(old, False)
            run(old, "drop_slot", {"name": SUBSCRIPTION})
            set_cron_active(old, False)
    finally:
        if old is not None:
            old.close()
    new_state = state.swapped()
    if state_dir is not None:
        nodes.save(new_state, state_dir)
    return Promotion(new_state, old is not None, time.monotonic() - started, moved, jobs)


def set_sequences(failover: psycopg.Connection, primary_values: dict[str, int | None]) -> dict[str, int]:
    """Every sequence past the primary's last value when known, else past the largest replicated value."""
    moved = {}
    for seq in run(failover, "sequences"):
        candidates = [seq["last_value"] or 0, primary_values.get(seq["sequence"]) or 0]
        if seq["owner_table"]:
            column_max = one(failover, "column_max", None, column=sql.Identifier(seq["owner_column"]),
                             table=sql.Identifier(seq["owner_schema"], seq["owner_table"]))["max_value"]
            candidates.append(column_max or 0)
        target = max(candidates) + SEQUENCE_SAFETY_GAP * seq["increment_by"]
        if target > (seq["last_value"] or 0):
            params = {"sequence": seq["sequence"], "value": target}
            moved[seq["sequence"]] = one(failover, "set_sequence", params)["value"]
    return moved


def reseed(state: PairState, state_dir: Path | None = None) -> PairState:
    """The node that state names the failover (the old primary) follows the primary again, from a fresh copy."""
    nodes.start_embedded(state.failover)
    try:
        with connect(state.failover.url) as f:
            set_synchronous(f, False)
            run(f, "drop_slot", {"name": SUBSCRIPTION})
    except psycopg.OperationalError as e:
        raise AvenirError(f"the node to reseed, {state.failover.address}, is unreachable: {e}") from None
    nodes.deploy_migrations(state.failover)
    attach(state.primary, state.failover, state.mode, state.replicator_password)
    if state_dir is not None:
        nodes.save(state, state_dir)
    return state


def api_url(state: PairState, local: Cluster | None) -> str:
    """The multi-host URL for the gateway and the worker: whichever node is writable serves.

    Both nodes share the authenticator's password (init copies its verifier); it is known here only
    when the local cluster made it, else the URL names the variable to put it from.
    """
    hosts = ",".join(n.address for n in (state.primary, state.failover))
    password = configure.authenticator_password(local) if local is not None else "${AUTHENTICATOR_PASSWORD}"
    dbname = state.primary.params.get("dbname", "avenir")
    return f"postgresql://authenticator:{password}@{hosts}/{dbname}?target_session_attrs=read-write"


def _try_connect(node: Node) -> psycopg.Connection | None:
    try:
        return connect(node.url)
    except psycopg.OperationalError:
        return None
