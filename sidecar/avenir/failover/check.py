"""`avenir replication check`: is the failover complete, current and identical?

Findings (each one fails the check): the subscription or a table not ready, lag past a
threshold, WAL held back past a threshold, a differing schema fingerprint, tables whose rows
differ (named with their key ranges and keys), pg_cron jobs active or API writes accepted on the
failover. Sequences are reported (logical replication does not carry them; the promotion sets
them). Each run is recorded in the primary's performance_metrics as event_type
'replication_check' (the periodic task: `record_check`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from .attach import fingerprint_differences, replicated_tables
from .db import connect, one, run
from .nodes import SUBSCRIPTION, PairState
from .segments import TableDiff, diff_table, recheck
from .status import failover_side, primary_side

CATCH_UP_SECONDS = 10


@dataclass(frozen=True)
class Thresholds:
    max_lag_bytes: int = 16 * 1024 * 1024
    max_lag_seconds: float = 30.0
    max_wal_retained_bytes: int = 1024 * 1024 * 1024
    max_silence_seconds: float = 180.0  # an idle walsender pings every wal_sender_timeout / 2 (30 s)

    @classmethod
    def from_env(cls) -> Thresholds:
        """AVENIR_REPLICATION_MAX_LAG_BYTES, _MAX_LAG_SECONDS, _MAX_WAL_RETAINED_BYTES, _MAX_SILENCE_SECONDS."""
        names = {"max_lag_bytes": int, "max_lag_seconds": float, "max_wal_retained_bytes": int,
                 "max_silence_seconds": float}
        found = {k: kind(os.environ[f"AVENIR_REPLICATION_{k.upper()}"]) for k, kind in names.items()
                 if f"AVENIR_REPLICATION_{k.upper()}" in os.environ}
        return cls(**found)


def wait_caught_up(primary: psycopg.Connection, timeout: float) -> bool:
    """Until the failover confirms the primary's current WAL position (bounded; False on timeout)."""
    target = one(primary, "current_lsn")["lsn"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if one(primary, "replayed_past", {"name": SUBSCRIPTION, "lsn": target})["caught_up"]:
            return True
        time.sleep(0.05)
    return False


def check(state: PairState, thresholds: Thresholds | None = None, compare_data: bool = True) -> dict:
    thresholds = thresholds or Thresholds()
    started = time.monotonic()
    findings: list[str] = []
    report: dict = {"primary": state.primary.address, "failover": state.failover.address, "mode": state.mode}
    try:
        f = connect(state.failover.url)
    except psycopg.OperationalError as e:
        findings.append(f"the failover {state.failover.address} is unreachable: {str(e).strip().splitlines()[0]}")
        return _finish(report, findings, started)
    try:
        p = connect(state.primary.url)
    except psycopg.OperationalError as e:
        findings.append(f"the primary {state.primary.address} is unreachable: {str(e).strip().splitlines()[0]}")
        f.close()
        return _finish(report, findings, started)
    with p, f:
        fside, pside = failover_side(f), primary_side(p)
        report["subscription"], report["tables_sync"] = fside["subscription"], fside["tables"]
        _health(fside, pside, thresholds, findings, report)
        drift = fingerprint_differences(p, f)
        report["schema_fingerprint"] = {"equal": not drift, "differing_parts": drift}
        if drift:
            findings.append(f"the schemas differ ({', '.join(drift)}): deploy the same migrations on both sides")
        report["sequences"] = sequences(p, f)
        if compare_data and not drift:
            report["tables"] = _compare(p, f, findings)
    return _finish(report, findings, started)


def _health(fside: dict, pside: dict, t: Thresholds, findings: list[str], report: dict) -> None:
    sub = fside["subscription"]
    if sub is None:
        findings.append(f"the failover has no subscription {SUBSCRIPTION}")
    else:
        if not sub["enabled"]:
            findings.append(f"the subscription {SUBSCRIPTION} is disabled")
        elif not sub["worker_running"]:
            findings.append("the subscription's apply worker is not running "
                            f"(apply errors: {sub['apply_error_count']})")
        if sub["apply_error_count"] or sub["sync_error_count"]:
            findings.append(f"the subscription has had {sub['apply_error_count']} apply and {sub['sync_error_count']} "
                            f"sync errors (see the failover's log; pg_stat_reset_subscription_stats once fixed)")
        silence = sub["seconds_since_message"]
        if silence is not None and silence > t.max_silence_seconds:
            findings.append(f"no message from the primary for {silence:.0f} s "
                            f"(threshold {t.max_silence_seconds:.0f} s)")
    not_ready = sorted(name for name, state in fside["tables"].items() if state != "ready")
    if not_ready:
        findings.append(f"tables not ready on the failover: {', '.join(not_ready)}")
    if not pside.get("slot_name"):
        findings.append(f"the primary has no replication slot {SUBSCRIPTION}")
    lag_bytes = pside.get("lag_bytes") or 0
    lag_seconds = max(pside.get("replay_lag_seconds") or 0.0, pside.get("flush_lag_seconds") or 0.0)
    wal = pside.get("wal_retained_bytes") or 0
    report["lag"] = {"bytes": lag_bytes, "seconds": lag_seconds, "wal_retained_bytes": wal,
                     "sync_state": pside.get("sync_state"), "confirmed_flush_lsn": pside.get("confirmed_flush_lsn"),
                     "current_lsn": pside.get("current_lsn"),
                     "seconds_since_message": sub["seconds_since_message"] if sub else None}
    if lag_bytes > t.max_lag_bytes:
        findings.append(f"the failover is {lag_bytes} bytes behind (threshold {t.max_lag_bytes})")
    if lag_seconds > t.max_lag_seconds:
        findings.append(f"the failover is {lag_seconds:.1f} s behind (threshold {t.max_lag_seconds:.0f} s)")
    if wal > t.max_wal_retained_bytes:
        findings.append(f"the slot holds back {wal} bytes of WAL on the primary (threshold {t.max_wal_retained_bytes})")
    if fside["active_cron_jobs"]:
        findings.append(f"pg_cron jobs are active on the failover: {', '.join(fside['active_cron_jobs'])}")
    if not fside["api_role_read_only"]:
        findings.append("the failover accepts writes from the API role (authenticator is not read-only there)")


def _compare(p: psycopg.Connection, f: psycopg.Connection, findings: list[str]) -> dict:
    caught_up = wait_caught_up(p, CATCH_UP_SECONDS)
    diffs = [(table, diff_table(p, f, table)) for table in replicated_tables(p)]
    if any(d.differs for _, d in diffs):  # rows in flight while hashing: keep what still differs once caught up
        wait_caught_up(p, CATCH_UP_SECONDS)
        diffs = [(t, recheck(p, f, t, d) if d.differs else d) for t, d in diffs]
    for table, diff in diffs:
        if diff.differs:
            ranges = "; ".join(str(r) for r in diff.ranges[:5]) + (" ..." if len(diff.ranges) > 5 else "")
            findings.append(f"{table.schema}.{table.name} differs ({diff.primary_rows} rows on the primary, "
                            f"{diff.failover_rows} on the failover): {len(diff.missing_on_failover)} missing, "
                            f"{len(diff.extra_on_failover)} extra, {len(diff.changed)} changed"
                            f"{' (first ones)' if diff.truncated else ''} in {table.key} ranges {ranges}")
    return {"caught_up_before_compare": caught_up, "by_table": {t.label: _diff_dict(d) for t, d in diffs}}


def _diff_dict(diff: TableDiff) -> dict:
    d = {"primary_rows": diff.primary_rows, "failover_rows": diff.failover_rows, "differs": diff.differs,
         "segments_compared": diff.segments_compared}
    if diff.differs:
        d.update(ranges=[str(r) for r in diff.ranges], missing_on_failover=diff.missing_on_failover,
                 extra_on_failover=diff.extra_on_failover, changed=diff.changed, truncated=diff.truncated)
    return d


def sequences(p: psycopg.Connection, f: psycopg.Connection) -> list[dict]:
    theirs = {r["sequence"]: r["last_value"] for r in run(f, "sequences")}
    return [{"sequence": r["sequence"], "primary": r["last_value"], "failover": theirs.get(r["sequence"]),
             "behind": (r["last_value"] or 0) > (theirs.get(r["sequence"]) or 0)} for r in run(p, "sequences")]


def _finish(report: dict, findings: list[str], started: float) -> dict:
    report["findings"] = findings
    report["ok"] = not findings
    report["duration_ms"] = round((time.monotonic() - started) * 1000)
    return report


def checked_once(state: PairState, thresholds: Thresholds | None = None, compare_data: bool = True) -> dict | None:
    """The periodic task's run (the worker): a check and its record, unless another run holds the
    primary's check lock (None). The primary unreachable is a finding, recorded nowhere."""
    try:
        lock = connect(state.primary.url)
    except psycopg.OperationalError:
        return check(state, thresholds, compare_data)
    with lock:
        if not one(lock, "try_check_lock")["locked"]:
            return None
        report = check(state, thresholds, compare_data)
        report["recorded_metric_id"] = record_check(state, report)
    return report


def record_check(state: PairState, report: dict) -> str | None:
    """One performance_metrics row on the primary (replicated like any other); None when it is unreachable."""
    lag = report.get("lag", {})
    tables = report.get("tables", {}).get("by_table", {})
    metadata = {"failover": report["failover"], "mode": report["mode"], "lag_bytes": lag.get("bytes"),
                "lag_seconds": lag.get("seconds"), "wal_retained_bytes": lag.get("wal_retained_bytes"),
                "differing_tables": {name: d["ranges"][:5] for name, d in tables.items() if d["differs"]},
                "findings": report["findings"][:20]}
    n = len(report["findings"])
    message_en = "; ".join(report["findings"])[:2000] or None
    message_fr = (f"La vérification de la réplication a relevé {n} problème(s) ; voir metadata.findings."
                  if n else None)
    try:
        with connect(state.primary.url) as conn:
            row = one(conn, "record_check", {"findings": n, "duration_ms": report["duration_ms"],
                                             "success_rate": 0 if n else 1, "metadata": Jsonb(metadata),
                                             "message_en": message_en, "message_fr": message_fr})
    except psycopg.OperationalError:
        return None
    return str(row["id"])
