"""The learning loop's benchmark: growth brain time per client size (and its growth per 10x), the
weekly all-clients run, and choose_prompt_variant per call. Standalone: its own throwaway cluster.

    bench/learning/run.sh [--sizes 10000,100000,1000000] [--clients 1000 --per-client 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port
from avenir_gateway.sql_files import NamedQueries

QUERIES = NamedQueries("learning", "queries.sql")


def timed(conn: psycopg.Connection, name: str, params: dict, runs: int) -> float:
    """Median seconds of `runs` executions of one named query."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        conn.execute(QUERIES[name], params).fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="leads of the single-client runs")
    parser.add_argument("--clients", type=int, default=1000, help="clients of the all-clients run")
    parser.add_argument("--per-client", type=int, default=1000, help="leads per client of the all-clients run")
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]

    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-learning-")), port=free_port(), durable=False)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True, row_factory=dict_row) as conn:
            print("| growth brain, one client | median | growth per 10x |")
            print("| --- | --- | --- |")
            previous = None
            for n in sizes:
                client = conn.execute(QUERIES["new_client"], {"name": f"bench{n}"}).fetchone()["client_id"]
                conn.execute(QUERIES["add_leads"], {"client_id": client, "n": n})
                conn.execute(QUERIES["analyse"])
                seconds = timed(conn, "refresh_one", {"client_id": client}, opts.runs)
                growth = f"{seconds / previous:.1f}x" if previous else "-"
                print(f"| {n:,} leads | {seconds * 1000:.0f} ms | {growth} |")
                previous = seconds

            conn.execute(QUERIES["many_clients"], {"clients": opts.clients, "per_client": opts.per_client})
            conn.execute(QUERIES["analyse"])
            seconds = timed(conn, "refresh_all", {}, 1)
            total = opts.clients * opts.per_client + sum(sizes)
            print(f"\nall clients in one cron run ({opts.clients + len(sizes)} clients, {total:,} leads): "
                  f"{seconds:.1f} s")

            conn.execute(QUERIES["prompt_setup"])
            calls = 20000
            best = timed(conn, "choose_many", {"n": calls}, opts.runs) / calls
            conn.execute(QUERIES["start_test"])
            assigned = timed(conn, "choose_many", {"n": calls}, opts.runs) / calls
            print(f"choose_prompt_variant per call: {best * 1e6:.0f} us (best variant), "
                  f"{assigned * 1e6:.0f} us (under a running A/B test)")
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
