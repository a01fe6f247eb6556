"""Where match_prospects' time goes, on a cluster kept by bench.py (--keep DIR). Not a test.

  .venv/bin/python bench/prospects/profile.py --keep DIR [--queries 100] [--sweep 5,10,20,41]

- parts: pg_stat_statements (track all, planning too) over match_prospects calls under each of the
  bench's filters: every statement it runs, with its mean execution and planning time;
- sweep: the exact scan against the HNSW iterative scan (match_prospects' settings) for filters of
  growing selectivity served by a b-tree (an expression index made for the sweep, then dropped):
  where the exact threshold belongs.
Run it under the bench lock (flock /tmp/bench.lock ...): it times queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import psycopg

from bench import CASES, cluster_at, load

MATCH = "select public.match_prospects(%s::extensions.vector, 10, %s::jsonb)"
STATEMENTS = ("select calls, total_exec_time / calls * 1000, total_plan_time / calls * 1000, "
              "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) from extensions.pg_stat_statements "
              "where query not like '%%pg_stat_statements%%' order by total_exec_time + total_plan_time desc limit 12")
SWEEP_INDEX = "create index bench_sweep_idx on public.prospect_candidates ((hashtext(website) & 1023))"
SWEEP = ("select id from public.prospect_candidates where embedding is not null and (hashtext(website) & 1023) < {c} "
         "order by {order} limit 10")
# The exact scan's float4 order (+ 0: no index), the HNSW index's halfvec one.
EXACT_ORDER = "(embedding operator(extensions.<=>) %s::extensions.vector) + 0"
HNSW_ORDER = "embedding::extensions.halfvec(1536) operator(extensions.<=>) %s::extensions.halfvec(1536)"
HNSW = ("set enable_seqscan = off", "set enable_sort = off", "set hnsw.iterative_scan = relaxed_order",
        "set hnsw.max_scan_tuples = 20000", "set hnsw.ef_search = 200")


def parts(conn, qs: list[str]) -> None:
    conn.execute("set pg_stat_statements.track = 'all'")
    conn.execute("set pg_stat_statements.track_planning = on")
    for label, filters, _ in CASES:
        for q in qs[:5]:
            conn.execute(MATCH, [q, filters])
        conn.execute("select extensions.pg_stat_statements_reset()")
        for q in qs:
            conn.execute(MATCH, [q, filters])
        print(f"\n{label} ({filters}), load average {load()}\n")
        print("| calls | exec us | plan us | statement |\n| --- | --- | --- | --- |")
        for calls, exec_us, plan_us, query in conn.execute(STATEMENTS).fetchall():
            print(f"| {calls} | {exec_us:.0f} | {plan_us:.0f} | `{query.replace('|', '/')}` |")
    conn.execute("reset pg_stat_statements.track")


def median_ms(conn, sql: str, qs: list[str], settings=()) -> tuple[float, list[set]]:
    for setting in settings:
        conn.execute(setting)
    for q in qs[:3]:
        conn.execute(sql, [q]).fetchall()
    times, got = [], []
    for q in qs:
        started = time.perf_counter()
        got.append({r[0] for r in conn.execute(sql, [q])})
        times.append(time.perf_counter() - started)
    conn.execute("reset all")
    return statistics.median(times) * 1000, got


def sweep(conn, qs: list[str], cuts: list[int]) -> None:
    n = conn.execute("select count(*) from public.prospect_candidates").fetchone()[0]
    conn.execute("drop index if exists public.bench_sweep_idx")
    conn.execute(SWEEP_INDEX)
    conn.execute("analyze public.prospect_candidates")
    try:
        print(f"\n{n:,} prospects, load average {load()}\n")
        print("| kept rows | exact scan (b-tree) | HNSW iterative scan, ef_search 200 | HNSW recall@10 | faster |")
        print("| --- | --- | --- | --- | --- |")
        for c in cuts:
            rows = conn.execute("select count(*) from public.prospect_candidates "
                                f"where (hashtext(website) & 1023) < {c}").fetchone()[0]
            exact, truth = median_ms(conn, SWEEP.format(c=c, order=EXACT_ORDER), qs, ["set enable_indexscan = off"])
            hnsw, got = median_ms(conn, SWEEP.format(c=c, order=HNSW_ORDER), qs, HNSW)
            recall = statistics.fmean(len(a & b) / 10 for a, b in zip(got, truth, strict=True))
            faster = f"{'exact' if exact < hnsw else 'HNSW'} {max(exact, hnsw) / min(exact, hnsw):.1f}x"
            print(f"| {rows:,} ({rows / n:.1%}) | {exact:.1f} ms | {hnsw:.1f} ms | {recall:.3f} | {faster} |",
                  flush=True)
    finally:
        conn.execute("drop index public.bench_sweep_idx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", required=True, help="the cluster directory of a bench.py --keep run")
    parser.add_argument("--queries", type=int, default=100, help="stored vectors used as queries")
    parser.add_argument("--sweep", default="5,10,15,20,30,41", help="cuts of hashtext(website) & 1023 (of 1,024)")
    parser.add_argument("--shared-buffers", default="4GB")
    args = parser.parse_args()
    print(f"load average at start: {load()} (pid {os.getpid()})")
    with cluster_at(args.keep, args.shared_buffers) as cluster, psycopg.connect(cluster.url(), autocommit=True) as conn:
        qs = [r[0] for r in conn.execute("select embedding::text from public.prospect_candidates "
                                         "order by id limit %s", [args.queries])]
        parts(conn, qs)
        sweep(conn, qs[:40], [int(c) for c in args.sweep.split(",") if c])


if __name__ == "__main__":
    main()
