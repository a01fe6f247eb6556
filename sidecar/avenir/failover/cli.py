"""`avenir failover init|status|promote|reseed` and `avenir replication check`."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from ..errors import AvenirError
from ..local.cluster import Cluster
from ..local.paths import state_dir
from . import nodes
from .attach import attach, set_mode
from .check import Thresholds, check, record_check
from .db import connect
from .nodes import DEFAULT_FAILOVER_PORT, Node, PairState
from .promote import api_url, promote, reseed
from .status import gather, render

EXIT_FINDINGS = 2  # the check ran and found the failover behind or diverged


def add_commands(sub: argparse._SubParsersAction) -> None:
    fo = sub.add_parser("failover", help="a second database fed by logical replication: init, status, promote, reseed")
    fo_sub = fo.add_subparsers(dest="failover_command", required=True, metavar="action")
    init = fo_sub.add_parser("init", help="start (or target) the failover, deploy the migrations there, publish the "
                                          "26 tables (and two private records) on the primary and subscribe to them")
    init.add_argument("--url", help="a failover database by superuser URL (default: an embedded cluster on "
                                    f"127.0.0.1:{DEFAULT_FAILOVER_PORT}, AVENIR_FAILOVER_PORT)")
    init.add_argument("--primary-url", help="the primary by superuser URL (default: the local cluster)")
    init.add_argument("--sync", action="store_true",
                      help="synchronous replication: a commit returns once the failover has it (zero loss; "
                           "commits wait while the failover is down)")
    status = fo_sub.add_parser("status", help="subscription state, per-table sync, apply errors and lag")
    status.add_argument("--json", action="store_true")
    mode = fo_sub.add_parser("mode", help="switch between asynchronous and synchronous replication")
    mode.add_argument("mode", choices=nodes.MODES,
                      help="sync: zero loss, commits wait for the failover; async: commits never wait, "
                           "a crash loses the lag")
    fo_sub.add_parser("promote", help="make the failover the primary: end the subscription, set the sequences, "
                                      "schedule the pg_cron jobs, accept API writes; prints the new URL")
    fo_sub.add_parser("reseed", help="make the old primary the new failover (a fresh copy: no failover slots in "
                                     "PostgreSQL 15)")

    rep = sub.add_parser("replication", help="check the failover against the primary")
    rep_sub = rep.add_subparsers(dest="replication_command", required=True, metavar="action")
    chk = rep_sub.add_parser("check", help="lag, sync state, row counts, key-range checksums bisected to the "
                                           "differing rows, sequences, schema fingerprint; exit 2 on findings",
                             description="Thresholds: AVENIR_REPLICATION_MAX_LAG_BYTES (16 MiB), "
                                         "AVENIR_REPLICATION_MAX_LAG_SECONDS (30), "
                                         "AVENIR_REPLICATION_MAX_WAL_RETAINED_BYTES (1 GiB), "
                                         "AVENIR_REPLICATION_MAX_SILENCE_SECONDS (180). Each run is recorded in the "
                                         "primary's performance_metrics (event_type replication_check).")
    chk.add_argument("--json", action="store_true", help="the whole report as JSON")
    chk.add_argument("--no-data", action="store_true", help="skip the row comparison (health and lag only)")
    chk.add_argument("--no-record", action="store_true", help="do not record the run in performance_metrics")
    chk.add_argument("--every", type=float, metavar="SECONDS",
                     help="run periodically in the foreground (the sidecar's periodic task)")


def run(args: argparse.Namespace) -> int:
    home = state_dir()
    if args.command == "replication":
        return _check(nodes.load(home), args)
    action = args.failover_command
    if action == "init":
        return _init(home, args)
    state = nodes.load(home)
    if action == "status":
        report = gather(state)
        print(json.dumps(report, indent=2, default=str) if args.json else render(report))
        return 0
    if action == "mode":
        with connect(state.primary.url) as p, connect(state.failover.url) as f:
            set_mode(p, f, args.mode)
        state.mode = args.mode
        nodes.save(state, home)
        print(f"{state.primary.address} -> {state.failover.address}: {state.mode} replication")
        return 0
    if action == "promote":
        done = promote(state, home)
        how = "switchover (the old primary was fenced and drained)" if done.planned else "failover (primary gone)"
        print(f"promoted {done.state.primary.address} in {done.seconds:.2f} s: {how}")
        print(f"pg_cron jobs scheduled: {', '.join(done.cron_jobs) or 'none'}")
        for seq, value in done.sequences.items():
            print(f"sequence {seq} set to {value}")
        print(f"DB_URL={done.state.primary.url}")
        print(f"API_DB_URL={api_url(done.state, _local_primary_cluster())}")
        print("next: `avenir failover reseed` once the old primary is back, to make it the failover")
        return 0
    if action == "reseed":
        state = reseed(state, home)
        print(f"{state.failover.address} follows {state.primary.address} again ({state.mode})")
        return 0
    raise AvenirError(f"unknown action {action}")


def _init(home: Path, args: argparse.Namespace) -> int:
    from ..local import commands as local

    primary = Node(args.primary_url) if args.primary_url else nodes.embedded_node(local.local_cluster())
    if args.url:
        failover = Node(args.url)
    else:
        port = int(os.environ.get("AVENIR_FAILOVER_PORT", DEFAULT_FAILOVER_PORT))
        cluster = Cluster(root=home / "failover", port=port)
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        failover = nodes.embedded_node(cluster)
    state = PairState(primary, failover, "sync" if args.sync else "async")
    print(nodes.deploy_migrations(failover).rstrip())
    started = time.monotonic()
    tables = attach(primary, failover, state.mode, state.replicator_password)
    nodes.save(state, home)
    print(f"{failover.address} follows {primary.address}: {len(tables)} tables copied in "
          f"{time.monotonic() - started:.1f} s, {state.mode} replication")
    return 0


def _check(state: PairState, args: argparse.Namespace) -> int:
    thresholds = Thresholds.from_env()
    while True:
        report = check(state, thresholds, compare_data=not args.no_data)
        if not args.no_record:
            report["recorded_metric_id"] = record_check(state, report)
        print(json.dumps(report, indent=2, default=str) if args.json else _summary(report), flush=True)
        if args.every is None:
            return 0 if report["ok"] else EXIT_FINDINGS
        time.sleep(args.every)


def _summary(report: dict) -> str:
    lag = report.get("lag", {})
    by_table = report.get("tables", {}).get("by_table", {})
    lines = [f"{report['primary']} -> {report['failover']} ({report['mode']}): "
             f"{'OK' if report['ok'] else 'FAILED'} in {report['duration_ms']} ms",
             f"lag {lag.get('bytes', '-')} bytes, {lag.get('seconds', 0) or 0:.3f} s; "
             f"WAL retained {lag.get('wal_retained_bytes', '-')} bytes; "
             f"{len(by_table)} tables compared, {sum(d['primary_rows'] for d in by_table.values())} rows"]
    behind = [s["sequence"] for s in report.get("sequences", []) if s["behind"]]
    if behind:
        lines.append(f"sequences behind on the failover (set at promotion): {', '.join(behind)}")
    lines += [f"- {finding}" for finding in report["findings"]]
    return "\n".join(lines)


def _local_primary_cluster() -> Cluster | None:
    from ..local import commands as local

    cluster = local.local_cluster()
    return cluster if cluster.is_initialized() else None
