"""Prospect discovery benchmark: pgvector HNSW vs exact scan, and the file import.

On a throwaway cluster of its own (fsync off: a benchmark, not a durability test):
- N prospects x 1536 dimensions from bench/prospects/vectors.sql (a bag of concepts: industry
  topic, services, wording; similar to text embeddings, see there), 50 held-out queries from the
  same generator;
- the exact scan, then for each HNSW build (m, ef_construction) its build time and, at several
  hnsw.ef_search values, recall@10 and QPS of match_prospects against the exact scan, unfiltered
  and with a 10 %-selective industry (independent of the vectors), in one run;
- `avenir prospects import` of a generated 100,000-row CSV: median rows/s and the CLI's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

from avenir.local import migrations
from avenir.local.cluster import Cluster, free_port

QUERIES = 50
EF_SEARCH = (40, 100, 200, 400)
BUILDS = ((16, 200),)  # (m, ef_construction): db/prospects.sql's index; compare others with --builds
CHUNK = 10_000  # generated vectors per INSERT (bounded memory for the set-based sum)
GENERATOR = (Path(__file__).parent / "vectors.sql").read_text()
INDEX_DDL = ("create index prospect_candidates_embedding_idx on public.prospect_candidates "
             "using hnsw (embedding extensions.vector_cosine_ops) with (m = {m}, ef_construction = {efc})")
MATCH = "select public.match_prospects(%s::extensions.vector, 10, %s::jsonb) as r"
EXACT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
         "order by (embedding operator(extensions.<=>) %s::extensions.vector) + 0 limit 10")


def fill(conn, n: int, queries: int) -> tuple[float, list[str]]:
    """N generated prospects (10 % in the industry 'Tenth', independent of the vectors: the hard
    case for a filtered scan) and held-out queries from the same generator, not in the table."""
    started = time.perf_counter()
    conn.execute("drop index if exists public.prospect_candidates_embedding_idx")
    conn.execute("truncate public.prospect_candidates cascade")
    conn.execute("select setseed(0.7)")
    conn.execute("drop table if exists pg_temp.bench_basis, pg_temp.bench_weight cascade")
    conn.execute("drop function if exists pg_temp.bench_pieces, pg_temp.bench_vectors")
    conn.execute(GENERATOR)
    for first in range(1, n + 1, CHUNK):
        conn.execute(
            "insert into public.prospect_candidates (business_name, website, industry, embedding) "
            "select 'Bench ' || v.i, 'bench-' || v.i || '.test', "
            "       case when v.i %% 10 = 0 then 'Tenth' else 'Other' end, v.embedding "
            "  from pg_temp.bench_vectors(%s, %s) v", [first, min(n, first + CHUNK - 1)])
    qs = [r[0] for r in conn.execute("select v.embedding::text from pg_temp.bench_vectors(%s, %s) v order by v.i",
                                     [n + 1, n + queries])]
    conn.execute("analyze public.prospect_candidates")
    return time.perf_counter() - started, qs


def build(conn, m: int, efc: int) -> float:
    conn.execute("drop index if exists public.prospect_candidates_embedding_idx")
    conn.execute("set maintenance_work_mem = '2GB'")  # the whole graph in memory (200k x 1536: ~1.4 GB)
    started = time.perf_counter()
    conn.execute(INDEX_DDL.format(m=m, efc=efc))
    return time.perf_counter() - started


def timed(fn, items):
    started = time.perf_counter()
    results = [fn(i) for i in items]
    return results, len(items) / (time.perf_counter() - started)


def vector_bench(conn, n: int, queries: int, builds, ef_search) -> Iterator[str]:
    """The table's lines, each as soon as it is measured (a 200,000 build takes long)."""
    seconds, qs = fill(conn, n, queries)
    yield f"| {n:,} | generate {n:,} vectors + {queries} held-out queries | {seconds:.1f} s | | |"
    cases = (("unfiltered", "{}", "true"), ("10 % filter", '{"industry": "Tenth"}', "industry = 'Tenth'"))
    truth, exact_qps = {}, {}
    conn.execute("drop index if exists public.prospect_candidates_embedding_idx")
    for label, _, where in cases:
        truth[label], exact_qps[label] = timed(
            lambda q, w=where: {r[0] for r in conn.execute(EXACT.format(w), [q])}, qs)
        yield f"| {n:,} | exact scan, {label} | {exact_qps[label]:.1f} QPS | recall 1.000 | k rows always |"
    for m, efc in builds:
        yield f"| {n:,} | HNSW build m {m}, ef_construction {efc} | {build(conn, m, efc):.1f} s | | |"
        for label, filters, _ in cases:
            for ef in ef_search:
                conn.execute(f"set hnsw.ef_search = {ef}")
                got, qps = timed(lambda q, f=filters: conn.execute(MATCH, [q, f]).fetchone()[0], qs)
                recall = sum(len({r["id"] for r in g["rows"]} & t) / 10
                             for g, t in zip(got, truth[label], strict=True)) / len(qs)
                short = sum(1 for g in got if g["count"] < 10)
                methods = "/".join(sorted({g["method"] for g in got}))
                yield (f"| {n:,} | m {m}/{efc}, ef_search {ef}, {label} | {qps:.1f} QPS "
                       f"({qps / exact_qps[label]:.1f}x) | recall {recall:.3f} | {short} short of k, {methods} |")


def import_bench(cluster, rows: int, runs: int) -> list[str]:
    """`avenir prospects import` of a generated CSV (one alias domain per line), `runs` times on an
    empty table then once more on the loaded one: the median of each, the CLI's peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.csv"
        with path.open("w") as f:
            f.write("business_name,website,alias_domains,contact_email,industry,region,language\n")
            for i in range(rows):
                f.write(f"Company {i},https://www.import-{i}.test/about,import-{i}.example,info@import-{i}.test,"
                        f"Industry {i % 15},Region {i % 13},{'en' if i % 2 else 'fr'}\n")
        env = {**os.environ, "AVENIR_DB_URL": cluster.url()}
        timings: dict[str, list[float]] = {"first import": [], "re-import (nothing changes)": []}
        summaries = {}
        for _ in range(runs):
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute("truncate public.prospect_candidates cascade")
            for label in timings:
                started = time.perf_counter()
                run = subprocess.run([sys.executable, "-m", "avenir.cli", "prospects", "import", str(path), "--quiet"],
                                     env=env, capture_output=True, text=True, check=True)
                timings[label].append(time.perf_counter() - started)
                summaries[label] = run.stdout.strip().split(": ", 1)[1]
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        lines = []
        for label, seconds in timings.items():
            median = statistics.median(seconds)
            spread = ", ".join(f"{s:.1f}" for s in seconds)
            lines.append(f"| {rows:,} rows | import, {label}, median of {runs} | {rows / median:,.0f} rows/s "
                         f"({median:.1f} s; runs {spread} s) | peak RSS {peak_mb:.0f} MB | {summaries[label]} |")
        return lines


def pairs(text: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in p.split(":")) for p in text.split(",") if p]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="35000,200000",
                        help="comma-separated prospect counts (e.g. 35000,200000; empty: import only)")
    parser.add_argument("--queries", type=int, default=QUERIES, help="held-out queries per set")
    parser.add_argument("--builds", default=",".join(f"{m}:{e}" for m, e in BUILDS),
                        help="HNSW builds to compare, m:ef_construction,... (default %(default)s)")
    parser.add_argument("--ef-search", default=",".join(map(str, EF_SEARCH)), help="hnsw.ef_search values")
    parser.add_argument("--import-rows", type=int, default=100_000, help="0: no import bench")
    parser.add_argument("--import-runs", type=int, default=3)
    args = parser.parse_args()
    ef_search = [int(x) for x in args.ef_search.split(",") if x]
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-prospects-")), port=free_port(), durable=False)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        print("| set | what | speed | quality | note |")
        print("| --- | --- | --- | --- | --- |")
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            for n in (int(s) for s in args.sizes.split(",") if s):
                for line in vector_bench(conn, n, args.queries, pairs(args.builds), ef_search):
                    print(line, flush=True)
            conn.execute("truncate public.prospect_candidates cascade")
            conn.execute("drop index if exists public.prospect_candidates_embedding_idx")
            conn.execute(INDEX_DDL.format(m=16, efc=64))  # as db/prospects.sql has it, for the import
        if args.import_rows:
            for line in import_bench(cluster, args.import_rows, args.import_runs):
                print(line, flush=True)
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
