"""What each side says about the replication: `avenir failover status` and the check's first half."""

from __future__ import annotations

import psycopg

from .db import connect, one, run
from .nodes import SUBSCRIPTION, PairState


def failover_side(conn: psycopg.Connection) -> dict:
    sub = one(conn, "subscription_status", {"name": SUBSCRIPTION})
    return {
        "subscription": sub or None,
        "tables": {r["table_name"]: r["state"] for r in run(conn, "subscription_tables", {"name": SUBSCRIPTION})},
        "api_role_read_only": one(conn, "api_role_fenced")["fenced"],
        "active_cron_jobs": one(conn, "active_cron_jobs")["jobs"],
    }


def primary_side(conn: psycopg.Connection) -> dict:
    return {**one(conn, "publisher_status", {"name": SUBSCRIPTION}),
            "synchronous_standby_names": one(conn, "synchronous_standby_names")["names"]}


def gather(state: PairState) -> dict:
    report: dict = {"mode": state.mode, "primary": {"address": state.primary.address},
                    "failover": {"address": state.failover.address}}
    for side, node, read in (("primary", state.primary, primary_side), ("failover", state.failover, failover_side)):
        try:
            with connect(node.url) as conn:
                report[side].update(read(conn), reachable=True)
        except psycopg.OperationalError as e:
            report[side].update(reachable=False, error=str(e).strip().splitlines()[0])
    return report


def render(report: dict) -> str:
    p, f = report["primary"], report["failover"]
    lines = [f"mode       {report['mode']} (synchronous_standby_names = {p.get('synchronous_standby_names', '?')!r})"]
    if not p["reachable"]:
        lines.append(f"primary    {p['address']}: unreachable ({p['error']})")
    else:
        lines.append(f"primary    {p['address']}: slot {p.get('slot_name') or 'missing'}"
                     f"{' (active)' if p.get('active') else ' (inactive)'}, walsender {p.get('walsender_state') or '-'}"
                     f" ({p.get('sync_state') or '-'}), lag {_bytes(p.get('lag_bytes'))}"
                     f", replay lag {p.get('replay_lag_seconds') or 0:.3f} s"
                     f", WAL retained {_bytes(p.get('wal_retained_bytes'))}")
    if not f["reachable"]:
        lines.append(f"failover   {f['address']}: unreachable ({f['error']})")
        return "\n".join(lines)
    sub = f["subscription"]
    if sub is None:
        lines.append(f"failover   {f['address']}: no subscription (promoted, or not set up: `avenir failover reseed`)")
    else:
        since = sub["seconds_since_message"]
        lines.append(f"failover   {f['address']}: subscription {sub['subname']} "
                     f"{'enabled' if sub['enabled'] else 'DISABLED'}, "
                     f"worker {'running' if sub['worker_running'] else 'stopped'}"
                     f", applied up to {sub['applied_lsn'] or '-'}, last message "
                     f"{'-' if since is None else f'{since:.1f} s ago'}, "
                     f"apply errors {sub['apply_error_count']}, sync errors {sub['sync_error_count']}")
        states: dict[str, list[str]] = {}
        for table, state in f["tables"].items():
            states.setdefault(state, []).append(table)
        for state, tables in sorted(states.items()):
            shown = f"{len(tables)} tables" if state == "ready" else ", ".join(tables)
            lines.append(f"           {state}: {shown}")
    lines.append(f"           API role read-only: {'yes' if f['api_role_read_only'] else 'NO'}; "
                 f"active pg_cron jobs: {', '.join(f['active_cron_jobs']) or 'none'}")
    return "\n".join(lines)


def _bytes(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
