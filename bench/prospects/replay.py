"""Replay earlier sessions' held-out queries on a kept 200,000 cluster (bench.py --keep DIR).

Why recall@10 at ef_search 100 read 0.895 in one session (20 queries) and 0.993 in the next (30
queries): the set is seeded (setseed 0.7) and the earlier runs drew their queries right after
the table from the same random stream, so both query sets can be drawn again exactly. Each is
measured against the exact scan on this cluster's index, with match_prospects as it is now and
as it was at the 0.895 run (commit 782e513: the planner free to choose, no forcing), so the
query set, the function and the graph can be told apart. Not part of `make bench`.

    flock /tmp/bench.lock .venv/bin/python bench/prospects/replay.py --keep /tmp/avenir-bench-200k
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).parent))
import bench  # noqa: E402  (this folder's bench.py: the same generator, queries and cluster)

OLD_COMMIT = "782e513"  # bench/prospects/RESULTS.md, the run that read 0.880 / 0.895


def old_function() -> str:
    """match_prospects as of OLD_COMMIT, renamed into pg_temp."""
    text = subprocess.run(["git", "show", f"{OLD_COMMIT}:functions/prospects.sql"], capture_output=True,
                          text=True, check=True).stdout
    body = text[text.index("create or replace function public.match_prospects("):]
    body = body[:body.index("\n$$;\n") + 5]
    return body.replace("public.match_prospects(", "pg_temp.match_prospects_old(", 1)


def old_queries(conn, n: int, count: int) -> list[tuple[str, int]]:
    """The `count` queries an earlier run drew right after generating n rows in CHUNK inserts."""
    conn.execute(f"select setseed({bench.DATA_SEED})")
    conn.execute("drop table if exists pg_temp.bench_basis, pg_temp.bench_weight cascade")
    conn.execute("drop function if exists pg_temp.bench_pieces, pg_temp.bench_vectors")
    conn.execute(bench.GENERATOR)
    # The random numbers the table took, in the same order; its first chunk again as a check.
    for first in range(1, n + 1, bench.CHUNK):
        last = min(n, first + bench.CHUNK - 1)
        if first == 1:
            same = conn.execute(
                "select v.embedding::text = p.embedding::text from pg_temp.bench_vectors(1, %s) v "
                "join public.prospect_candidates p on p.business_name = 'Bench ' || v.i where v.i = 1",
                [last]).fetchone()
            if not (same and same[0]):
                raise SystemExit("the kept table is not the seeded set")
        else:
            conn.execute("select count(*) from pg_temp.bench_pieces(%s, %s)", [first, last])
    return [(r[0], r[1]) for r in conn.execute(
        "select v.embedding::text, v.topic from pg_temp.bench_vectors(%s, %s) v order by v.i", [n + 1, n + count])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", required=True, help="the kept cluster directory of bench.py --keep")
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--ef-search", default="40,100")
    args = parser.parse_args()
    with bench.cluster_at(args.keep) as cluster, psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute(old_function())
        print("| query set | function | ef_search | recall@10 | per query | QPS |")
        print("| --- | --- | --- | --- | --- | --- |")
        for count in (20, 30):
            qs = old_queries(conn, args.n, count)
            texts, topics = [q for q, _ in qs], [t for _, t in qs]
            truth = [{r[0] for r in conn.execute(bench.EXACT.format("true"), [q])} for q in texts]
            for name, call in (("now", "public.match_prospects"), (OLD_COMMIT, "pg_temp.match_prospects_old")):
                for ef in (int(x) for x in args.ef_search.split(",")):
                    conn.execute(f"set hnsw.ef_search = {ef}")
                    got, qps, _ = bench.timed(
                        lambda q, c=call: conn.execute(f"select {c}(%s::extensions.vector, 10, '{{}}')", [q])
                        .fetchone()[0], texts)
                    per_query = bench.recalls([[r["id"] for r in g["rows"]] for g in got], truth)
                    print(f"| the {count} queries of the {count}-query runs | {name} | {ef} "
                          f"| {statistics.fmean(per_query):.3f} | {bench.spread(per_query, topics)} | {qps:.1f} |",
                          flush=True)
                conn.execute("reset hnsw.ef_search")


if __name__ == "__main__":
    main()
