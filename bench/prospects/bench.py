"""Prospect discovery benchmark: pgvector HNSW vs exact scan, and the file import.

On a throwaway cluster of its own (fsync off: a benchmark, not a durability test):
- N prospects x 1536 dimensions around 200 directions (clustered, as descriptions are);
  HNSW build time (m 16, ef_construction 64, the index of db/prospects.sql);
- 50 queries (stored vectors nudged by noise): recall@10 and QPS of match_prospects at several
  hnsw.ef_search values against the exact scan, unfiltered and with a 10 %-selective industry;
- `avenir prospects import` of a generated 100,000-row CSV: rows/s and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from avenir.local import migrations
from avenir.local.cluster import Cluster, free_port

QUERIES = 50
EF_SEARCH = (40, 100, 200)
INDEX_DDL = ("create index prospect_candidates_embedding_idx on public.prospect_candidates "
             "using hnsw (embedding extensions.vector_cosine_ops)")
MATCH = "select public.match_prospects(%s::extensions.vector, 10, %s::jsonb) as r"
EXACT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
         "order by (embedding operator(extensions.<=>) %s::extensions.vector) + 0 limit 10")


def fill(conn, n: int) -> float:
    conn.execute("drop index if exists public.prospect_candidates_embedding_idx")
    conn.execute("truncate public.prospect_candidates cascade")
    conn.execute("select setseed(0.7)")
    conn.execute("create temporary table centers as select c, array_agg(random() - 0.5 order by d) as v "
                 "from generate_series(1, 200) c, generate_series(1, 1536) d group by c")
    conn.execute(
        "insert into public.prospect_candidates (business_name, website, industry, embedding) "
        "select 'Bench ' || i, 'bench-' || i || '.test', case when i %% 10 = 0 then 'Tenth' else 'Other' end, "
        "(select array_agg(ce.v[d] + 0.35 * (random() - 0.5) order by d) "
        " from generate_series(1, 1536) d)::extensions.vector "
        "from generate_series(1, %s) i join centers ce on ce.c = 1 + i %% 200", [n])
    conn.execute("drop table centers")
    conn.execute("set maintenance_work_mem = '512MB'")
    started = time.perf_counter()
    conn.execute(INDEX_DDL)
    build = time.perf_counter() - started
    conn.execute("analyze public.prospect_candidates")
    return build


def query_vectors(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "select (select array_agg(x + 0.2 * (random() - 0.5)) "
        " from unnest(embedding::real[]) x)::extensions.vector::text "
        "from public.prospect_candidates tablesample bernoulli (1) repeatable (3) limit %s", [QUERIES]).fetchall()]


def timed(fn, items):
    started = time.perf_counter()
    results = [fn(i) for i in items]
    return results, len(items) / (time.perf_counter() - started)


def vector_bench(conn, n: int) -> list[str]:
    build = fill(conn, n)
    lines = [f"| {n:,} | HNSW build | {build:.1f} s | | |"]
    qs = query_vectors(conn)
    for label, filters, where in (("unfiltered", "{}", "true"), ("10 % filter", '{"industry": "Tenth"}',
                                                               "industry = 'Tenth'")):
        truth, exact_qps = timed(lambda q, w=where: {r[0] for r in conn.execute(EXACT.format(w), [q])}, qs)
        lines.append(f"| {n:,} | exact scan, {label} | {exact_qps:.1f} QPS | recall 1.000 | k rows always |")
        for ef in EF_SEARCH:
            conn.execute(f"set hnsw.ef_search = {ef}")
            got, qps = timed(lambda q, f=filters: conn.execute(MATCH, [q, f]).fetchone()[0], qs)
            recall = sum(len({r["id"] for r in g["rows"]} & t) / 10 for g, t in zip(got, truth, strict=True)) / len(qs)
            short = sum(1 for g in got if g["count"] < 10)
            lines.append(f"| {n:,} | match_prospects ef_search {ef}, {label} | {qps:.1f} QPS "
                         f"({qps / exact_qps:.1f}x) | recall {recall:.3f} | {short} short of k |")
    return lines


def import_bench(cluster, rows: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.csv"
        with path.open("w") as f:
            f.write("business_name,website,alias_domains,contact_email,industry,region,language\n")
            for i in range(rows):
                f.write(f"Company {i},https://www.import-{i}.test/about,import-{i}.example,info@import-{i}.test,"
                        f"Industry {i % 15},Region {i % 13},{'en' if i % 2 else 'fr'}\n")
        env = {**os.environ, "AVENIR_DB_URL": cluster.url()}
        lines = []
        for label in ("first import", "re-import (nothing changes)"):
            started = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "avenir.cli", "prospects", "import", str(path), "--quiet"],
                                 env=env, capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            lines.append(f"| {rows:,} rows | import, {label} | {rows / seconds:,.0f} rows/s ({seconds:.1f} s) | "
                         f"peak RSS {peak_mb:.0f} MB | {run.stdout.strip().split(': ', 1)[1]} |")
        return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="35000",
                        help="comma-separated prospect counts (e.g. 35000,200000; empty: import only)")
    parser.add_argument("--import-rows", type=int, default=100_000)
    args = parser.parse_args()
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-prospects-")), port=free_port(), durable=False)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        print("| set | what | speed | quality | note |")
        print("| --- | --- | --- | --- | --- |")
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            for n in (int(s) for s in args.sizes.split(",") if s):
                for line in vector_bench(conn, n):
                    print(line, flush=True)
            conn.execute("truncate public.prospect_candidates cascade")
        for line in import_bench(cluster, args.import_rows):
            print(line, flush=True)
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
