"""pgbench: submit_lead vs the bare three-insert statement (see run.sh). Standalone: its own cluster."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port

HERE = Path(__file__).resolve().parent
PGBENCH = "/usr/lib/postgresql/15/bin/pgbench"
SCRIPTS = {"three inserts (one statement)": "three_inserts.pgbench", "submit_lead (one call)": "submit_lead.pgbench"}


def pgbench(cluster: Cluster, script: Path, variables: dict[str, str], clients: int, seconds: int) -> float:
    args = [PGBENCH, "-n", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 2)), "-T", str(seconds),
            "-f", str(script), *[f"-D{k}='{v}'" for k, v in variables.items()]]
    result = subprocess.run(args, env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"pgbench failed:\n{result.stderr[-2000:]}")
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
    if not match:
        raise SystemExit(f"no tps in pgbench output:\n{result.stdout}")
    return float(match.group(1))


def login_timings(cluster: Cluster, email: str, tries: int = 20) -> dict[str, float]:
    """Median milliseconds of a failed login: wrong password of a real account vs unknown e-mail."""
    cases = {"wrong password": email, "unknown e-mail": "nobody-" + email}
    timings: dict[str, list[float]] = {case: [] for case in cases}
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        for _ in range(tries):
            for case, address in cases.items():
                started = time.perf_counter()
                conn.execute("select public.login(%s, 'not the password')", [address])
                timings[case].append((time.perf_counter() - started) * 1000)
                conn.execute("delete from private.login_attempts")  # stay below the lockout
    return {case: statistics.median(values) for case, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="avenir-bench-leads-"))
    cluster = Cluster(root=root, port=free_port(), durable=True)  # fsync and synchronous_commit on
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            created = conn.execute("select public.create_client('Bench', 'bench@bench.test', 'bench passphrase', 'en')"
                                   ).fetchone()[0]
            sync = conn.execute("show synchronous_commit").fetchone()[0]
        variables = {"api_key": created["api_key"], "client_id": created["client_id"]}
        logins = login_timings(cluster, "bench@bench.test")
        tps: dict[str, list[float]] = {name: [] for name in SCRIPTS}
        for _ in range(opts.runs):  # alternate, so both see the same table sizes and machine load
            for name, script in SCRIPTS.items():
                tps[name].append(pgbench(cluster, HERE / script, variables, opts.clients, opts.seconds))
    finally:
        cluster.destroy()

    medians = {name: statistics.median(values) for name, values in tps.items()}
    bare, call = medians["three inserts (one statement)"], medians["submit_lead (one call)"]
    print(f"pgbench, {opts.clients} clients, {opts.seconds} s x {opts.runs} runs each, synchronous_commit = {sync}, "
          f"{os.cpu_count()} cores")
    for name, values in tps.items():
        runs = ", ".join(f"{v:.0f}" for v in values)
        print(f"  {name:<32} median {medians[name]:8.0f} tps   (runs: {runs})")
    print(f"  ratio submit_lead / three inserts: {call / bare:.2f}")
    print("failed login, median of 20 (no user enumeration by timing): "
          + ", ".join(f"{case} {ms:.1f} ms" for case, ms in logins.items()))


if __name__ == "__main__":
    main()
