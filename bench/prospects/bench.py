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
import contextlib
import fcntl
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
BATCHES = 5  # QPS is the median over this many batches of the queries
EF_SEARCH = (100, 200, 400, 800)
ITERATIVE = ("relaxed_order", "strict_order")
BUILDS = ((16, 200),)  # (m, ef_construction): db/prospects.sql's index; compare others with --builds
CHUNK = 10_000  # generated vectors per INSERT (bounded memory for the set-based sum)
GENERATOR = (Path(__file__).parent / "vectors.sql").read_text()
INDEX = "public.prospect_candidates_embedding_idx"
INDEX_DDL = ("create index prospect_candidates_embedding_idx on public.prospect_candidates "
             "using hnsw (embedding extensions.vector_cosine_ops) with (m = {m}, ef_construction = {efc})")
# halfvec: the same graph over 16-bit floats (half the index), candidates re-ranked by the exact vector.
HALF_DDL = ("create index prospect_candidates_embedding_idx on public.prospect_candidates using hnsw "
            "((embedding::extensions.halfvec(1536)) extensions.halfvec_cosine_ops) "
            "with (m = {m}, ef_construction = {efc})")
HALF = ("with candidates as materialized ("
        "  select id, embedding from public.prospect_candidates where embedding is not null and ({}) "
        "   order by embedding::extensions.halfvec(1536) operator(extensions.<=>) %s::extensions.halfvec(1536)"
        "   limit 40) "
        "select id::text from candidates order by embedding operator(extensions.<=>) %s::extensions.vector limit 10")
MATCH = "select public.match_prospects(%s::extensions.vector, 10, %s::jsonb) as r"
EXACT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
         "order by (embedding operator(extensions.<=>) %s::extensions.vector) + 0 limit 10")
# The direct HNSW scan (what match_prospects runs on its HNSW path), for a filter it would not send there.
FORCE_HNSW = ("set enable_seqscan = off", "set enable_sort = off", "set hnsw.iterative_scan = relaxed_order",
              "set hnsw.max_scan_tuples = 20000")
DIRECT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
          "order by embedding operator(extensions.<=>) %s::extensions.vector limit 10")
# (label, match_prospects filters, the same as SQL): unfiltered; 10 % and 1 % selective, independent
# of the vectors (the hard case for a filtered scan).
CASES = (("unfiltered", "{}", "true"),
         ("10 % filter", '{"industry": "Tenth"}', "industry = 'Tenth'"),
         ("1 % filter", '{"region": "Hundredth"}', "region = 'Hundredth'"))


class Lock:
    """flock on the shared bench lock, taken per phase (so others may run between phases)."""

    def __init__(self, path: str | None):
        self.path = path

    @contextlib.contextmanager
    def __call__(self, phase: str):
        if not self.path:
            yield
            return
        with open(self.path, "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            print(f"<!-- {phase}: lock taken, load average {load()} -->", flush=True)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fill(conn, n: int, queries: int) -> tuple[float, list[str]]:
    """N generated prospects (every tenth in the industry 'Tenth', every hundredth in the region
    'Hundredth', both independent of the vectors) and held-out queries from the same generator."""
    started = time.perf_counter()
    conn.execute(f"drop index if exists {INDEX}")
    conn.execute("truncate public.prospect_candidates cascade")
    conn.execute("select setseed(0.7)")
    conn.execute("drop table if exists pg_temp.bench_basis, pg_temp.bench_weight cascade")
    conn.execute("drop function if exists pg_temp.bench_pieces, pg_temp.bench_vectors")
    conn.execute(GENERATOR)
    for first in range(1, n + 1, CHUNK):
        conn.execute(
            "insert into public.prospect_candidates (business_name, website, industry, region, embedding) "
            "select 'Bench ' || v.i, 'bench-' || v.i || '.test', "
            "       case when v.i %% 10 = 0 then 'Tenth' else 'Other' end, "
            "       case when v.i %% 100 = 5 then 'Hundredth' else 'Elsewhere' end, v.embedding "
            "  from pg_temp.bench_vectors(%s, %s) v", [first, min(n, first + CHUNK - 1)])
    qs = [r[0] for r in conn.execute("select v.embedding::text from pg_temp.bench_vectors(%s, %s) v order by v.i",
                                     [n + 1, n + queries])]
    conn.execute("analyze public.prospect_candidates")
    return time.perf_counter() - started, qs


def build(conn, ddl: str, m: int, efc: int) -> float:
    conn.execute(f"drop index if exists {INDEX}")
    conn.execute("set maintenance_work_mem = '2GB'")  # the whole graph in memory (200k x 1536: ~1.4 GB)
    started = time.perf_counter()
    conn.execute(ddl.format(m=m, efc=efc))
    return time.perf_counter() - started


def timed(fn, items, batches: int = BATCHES):
    """Results of fn over items, and the median QPS of `batches` consecutive batches of them."""
    size = max(1, len(items) // batches)
    results, rates = [], []
    for b in range(0, len(items), size):
        batch = items[b:b + size]
        started = time.perf_counter()
        results += [fn(i) for i in batch]
        rates.append(len(batch) / (time.perf_counter() - started))
    return results, statistics.median(rates)


def recall(got_ids, truth) -> float:
    return sum(len(set(g) & t) / 10 for g, t in zip(got_ids, truth, strict=True)) / len(truth)


def vector_bench(conn, lock: Lock, n: int, queries: int, builds, ef_search, iterative,
                 halfvec: bool) -> Iterator[str]:
    """The table's lines, each as soon as it is measured (a 200,000 build takes long); the lock
    is held per phase: generate + exact scans, each build, each build's queries."""
    truth, exact_qps = {}, {}
    with lock(f"{n:,}: generate, exact scans"):
        seconds, qs = fill(conn, n, queries)
        yield f"| {n:,} | generate {n:,} vectors + {queries} held-out queries | {seconds:.1f} s | | |"
        for label, _, where in CASES:
            truth[label], exact_qps[label] = timed(
                lambda q, w=where: {r[0] for r in conn.execute(EXACT.format(w), [q])}, qs)
            yield f"| {n:,} | exact scan, {label} | {exact_qps[label]:.1f} QPS | recall 1.000 | k rows always |"

    def line(what, label, qps, got_ids, note):
        return (f"| {n:,} | {what}, {label} | {qps:.1f} QPS ({qps / exact_qps[label]:.1f}x) "
                f"| recall {recall(got_ids, truth[label]):.3f} | {note} |")

    for m, efc in builds:
        with lock(f"{n:,}: build m {m}/{efc}"):
            yield f"| {n:,} | HNSW build m {m}, ef_construction {efc} | {build(conn, INDEX_DDL, m, efc):.1f} s | | |"
        with lock(f"{n:,}: queries m {m}/{efc}"):
            for label, filters, where in CASES:
                runs = [(None, None)] + [(ef, mode) for mode in iterative for ef in ef_search]
                for ef, mode in runs:
                    conn.execute("reset hnsw.ef_search" if ef is None else f"set hnsw.ef_search = {ef}")
                    conn.execute("reset hnsw.iterative_scan" if mode is None else f"set hnsw.iterative_scan = {mode}")
                    got, qps = timed(lambda q, f=filters: conn.execute(MATCH, [q, f]).fetchone()[0], qs)
                    short = sum(1 for g in got if g["count"] < 10)
                    methods = "/".join(sorted({g["method"] for g in got}))
                    what = (f"m {m}/{efc}, match_prospects default" if ef is None
                            else f"m {m}/{efc}, ef_search {ef} {mode.split('_')[0]}")
                    yield line(what, label, qps, [[r["id"] for r in g["rows"]] for g in got],
                               f"{short} short of k, {methods}")
                if where != "true":
                    # The direct HNSW iterative scan under the same filter (match_prospects' other path).
                    for setting in FORCE_HNSW:
                        conn.execute(setting)
                    for ef in (40, 400):
                        conn.execute(f"set hnsw.ef_search = {ef}")
                        got, qps = timed(lambda q, w=where: [r[0] for r in conn.execute(DIRECT.format(w), [q])], qs)
                        short = sum(1 for g in got if len(g) < 10)
                        yield line(f"m {m}/{efc}, direct HNSW iterative scan, ef_search {ef}", label, qps, got,
                                   f"{short} short of k")
                    for setting in ("enable_seqscan", "enable_sort", "hnsw.iterative_scan", "hnsw.max_scan_tuples"):
                        conn.execute(f"reset {setting}")
    if halfvec:
        m, efc = builds[0]
        with lock(f"{n:,}: halfvec build m {m}/{efc}"):
            yield (f"| {n:,} | halfvec HNSW build m {m}, ef_construction {efc} "
                   f"| {build(conn, HALF_DDL, m, efc):.1f} s | | |")
        with lock(f"{n:,}: halfvec queries"):
            conn.execute("set enable_seqscan = off")
            conn.execute("set enable_sort = off")
            for ef in ef_search:
                conn.execute(f"set hnsw.ef_search = {ef}")
                got, qps = timed(lambda q: [r[0] for r in conn.execute(HALF.format("true"), [q, q])], qs)
                yield line(f"halfvec m {m}/{efc}, ef_search {ef}, 40 re-ranked", "unfiltered", qps, got, "direct SQL")
            for setting in ("enable_seqscan", "enable_sort", "hnsw.ef_search"):
                conn.execute(f"reset {setting}")
            conn.execute(f"drop index {INDEX}")


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
    parser.add_argument("--iterative", default=",".join(ITERATIVE), help="hnsw.iterative_scan modes")
    parser.add_argument("--halfvec", action="store_true",
                        help="also a halfvec expression index (first build's m/ef_construction), re-ranked")
    parser.add_argument("--lock", default="",
                        help="take this flock (e.g. /tmp/bench.lock) per phase, released between phases")
    parser.add_argument("--import-rows", type=int, default=100_000, help="0: no import bench")
    parser.add_argument("--import-runs", type=int, default=3)
    args = parser.parse_args()
    ef_search = [int(x) for x in args.ef_search.split(",") if x]
    iterative = [x for x in args.iterative.split(",") if x]
    lock = Lock(args.lock or None)
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-prospects-")), port=free_port(), durable=False)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        print(f"load average at start: {load()}", flush=True)
        print("| set | what | speed | quality | note |")
        print("| --- | --- | --- | --- | --- |")
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            for n in (int(s) for s in args.sizes.split(",") if s):
                for line in vector_bench(conn, lock, n, args.queries, pairs(args.builds), ef_search, iterative,
                                         args.halfvec):
                    print(line, flush=True)
            conn.execute("truncate public.prospect_candidates cascade")
            conn.execute(f"drop index if exists {INDEX}")
            conn.execute(INDEX_DDL.format(m=16, efc=200))  # as db/prospects.sql has it, for the import
        if args.import_rows:
            with lock("import"):
                for line in import_bench(cluster, args.import_rows, args.import_runs):
                    print(line, flush=True)
        print(f"load average at end: {load()}", flush=True)
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
