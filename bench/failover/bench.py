"""Failover pair benchmark (see run.sh). Standalone: its own two clusters, removed at the end."""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from avenir.failover import nodes
from avenir.failover.attach import attach, set_mode
from avenir.failover.check import check, wait_caught_up
from avenir.failover.db import connect
from avenir.failover.nodes import PairState
from avenir.failover.promote import promote
from avenir.failover.segments import diff_table
from avenir.failover.status import primary_side
from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port

HERE = Path(__file__).resolve().parent
PGBENCH = "/usr/lib/postgresql/15/bin/pgbench"
SUBMIT_SCRIPT = HERE.parent / "leads" / "submit_lead.pgbench"


def pgbench(cluster: Cluster, variables: dict[str, str], clients: int, seconds: int) -> float:
    args = [PGBENCH, "-n", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 2)), "-T", str(seconds),
            "-f", str(SUBMIT_SCRIPT), *[f"-D{k}='{v}'" for k, v in variables.items()]]
    result = subprocess.run(args, env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"pgbench failed:\n{result.stderr[-2000:]}")
    return float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout).group(1))


def sample_lag(state: PairState, stop: threading.Event, out: list[tuple[int, float]]) -> None:
    with connect(state.primary.url) as conn:
        while not stop.is_set():
            side = primary_side(conn)
            out.append((side.get("lag_bytes") or 0, side.get("replay_lag_seconds") or 0.0))
            time.sleep(0.25)


def timed(fn, *args):
    started = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10)
    opts = parser.parse_args()

    clusters = [Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-fo-")), port=free_port(), durable=True)
                for _ in range(2)]
    try:
        for c in clusters:
            c.init()
            c.start()
            c.ensure_database()
            migrations.deploy(c)
        configure.configure_database(clusters[0])
        state = PairState(nodes.embedded_node(clusters[0]), nodes.embedded_node(clusters[1]), "async")
        with psycopg.connect(state.primary.url, autocommit=True) as conn:
            created = conn.execute("select public.create_client('Bench', 'bench@bench.test', 'bench passphrase', "
                                   "'en')").fetchone()[0]
            _, load_s = timed(conn.execute, "insert into public.lead_memory (client_id, name, email, message, "
                              "language) select %s, 'Lead ' || i, 'lead' || i || '@bench.test', 'Message ' || i, 'en' "
                              "from generate_series(1, %s) i", [created["client_id"], opts.leads])
        tables, copy_s = timed(attach, state.primary, state.failover, "async", state.replicator_password)
        print(f"failover pair, {opts.leads} leads loaded in {load_s:.1f} s, initial copy of {len(tables)} tables "
              f"{copy_s:.1f} s; {os.cpu_count()} cores shared with other engineers' work: expect noise")

        lead_memory = next(t for t in tables if t.name == "lead_memory")
        with connect(state.primary.url) as p, connect(state.failover.url) as f:
            same, same_s = timed(diff_table, p, f, lead_memory)
            with psycopg.connect(state.failover.url, autocommit=True,
                                 options="-c session_replication_role=replica") as tamper:
                tamper.execute("update public.lead_memory set name = 'Changed' "
                               "where id = (select id from public.lead_memory order by id offset 12345 limit 1)")
            one, one_s = timed(diff_table, p, f, lead_memory)
        report, full_s = timed(check, state)
        print(f"  check lead_memory ({same.primary_rows} rows), nothing differs: {same_s:.2f} s, "
              f"{same.segments_compared} segments")
        print(f"  check lead_memory, one row changed: {one_s:.2f} s to locate {one.changed} "
              f"({one.segments_compared} segments, leaf range {one.ranges[0]})")
        print(f"  full replication check (26 tables, health, sequences, fingerprint): {full_s:.2f} s, "
              f"findings {len(report['findings'])} (the changed row)")

        variables = {"api_key": created["api_key"]}
        lag: list[tuple[int, float]] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample_lag, args=(state, stop, lag))
        sampler.start()
        try:
            async_tps = pgbench(clusters[0], variables, opts.clients, opts.seconds)
        finally:
            stop.set()
            sampler.join()
        with connect(state.primary.url) as p, connect(state.failover.url) as f:
            caught_up = wait_caught_up(p, 300)  # the async run's backlog must not count against sync
            set_mode(p, f, "sync")
        if not caught_up:
            print("  (the failover had not caught up with the async run after 300 s)")
        sync_tps = pgbench(clusters[0], variables, opts.clients, opts.seconds)
        print(f"  submit_lead, pgbench {opts.clients} clients x {opts.seconds} s: async {async_tps:.0f} tps, "
              f"sync (remote flush) {sync_tps:.0f} tps, ratio sync/async {sync_tps / async_tps:.2f}")
        if lag:
            print(f"  lag under the async load: median {statistics.median(b for b, _ in lag):.0f} bytes, "
                  f"max {max(b for b, _ in lag)} bytes, max replay lag {max(s for _, s in lag):.3f} s "
                  f"({len(lag)} samples)")

        # Failover time: SIGKILL the primary, promote, the first submit_lead accepted through the multi-host URL.
        api_url = (f"postgresql://authenticator:{configure.authenticator_password(clusters[0])}@"
                   f"{state.primary.address},{state.failover.address}/avenir?target_session_attrs=read-write")
        pid = int((clusters[0].datadir / "postmaster.pid").read_text().splitlines()[0])
        os.killpg(pid, signal.SIGKILL)
        killed = time.perf_counter()
        promotion = promote(state)
        while True:
            try:
                with psycopg.connect(api_url, connect_timeout=2) as conn:
                    conn.execute("set role anon")
                    conn.execute("select public.submit_lead(%s, 'After', 'after@bench.test', 'First lead', 'en')",
                                 [created["api_key"]])
                break
            except psycopg.OperationalError:
                time.sleep(0.01)
        recovered = time.perf_counter() - killed
        print(f"  failover: SIGKILL -> first lead accepted on the promoted failover {recovered:.2f} s "
              f"(promotion itself {promotion.seconds:.2f} s)")
    finally:
        for c in clusters:
            try:
                c.destroy()
            except Exception:
                subprocess.run(["rm", "-rf", str(c.root)], check=False)


if __name__ == "__main__":
    main()
