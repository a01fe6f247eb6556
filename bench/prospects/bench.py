"""Prospect discovery benchmark: pgvector HNSW vs exact scan, and the file import.

On a throwaway cluster of its own (fsync off: a benchmark, not a durability test):
- N prospects x 1536 dimensions from bench/prospects/vectors.sql (a bag of concepts: industry
  topic, services, wording; similar to text embeddings, see there), 50 held-out queries from the
  same generator;
- the exact scan, then for each HNSW build (m, ef_construction) its build time and, at several
  hnsw.ef_search values, recall@10 and QPS of match_prospects against the exact scan, unfiltered
  and with a 10 %-selective industry or language (independent of the vectors), in one run; the
  index is the shipped halfvec one, with --float4 also the float4 one it replaced (the before), each also
  measured by its bare iterative scan;
- `avenir prospects import` of a generated 100,000-row CSV: median rows/s and the CLI's peak RSS.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from avenir.local import migrations
from avenir.local.cluster import Cluster, free_port
from avenir.prospects.indexes import refresh_filter_indexes

QUERIES = 50
BATCHES = 5  # QPS is the median over this many batches of the queries
EF_SEARCH = (40, 100, 200, 400)
PGVECTOR_EF_SEARCH = 40  # a session showing it has not chosen (functions/prospects.sql)
ITERATIVE = ("relaxed_order",)  # add strict_order with --iterative
BUILDS = ((24, 400),)  # (m, ef_construction): db/prospects.sql's index; compare others with --builds
CHUNK = 10_000  # generated vectors per INSERT (bounded memory for the set-based sum)
DATA_SEED, QUERY_SEED = 0.7, 0.3  # the table, then the held-out queries (the same with a kept cluster)
SHARED_BUFFERS = "4GB"  # the 200,000 index (1.5 GB float4) and the heap's hot pages stay in shared buffers
FUNCTIONS = Path(__file__).parents[2] / "functions" / "prospects.sql"
MAINTENANCE_WORK_MEM = "8GB"  # the whole graph in memory (200k x 1536 float4, m 24: 8 GB measured; m 16 fitted 3 GB)
GENERATOR = (Path(__file__).parent / "vectors.sql").read_text()
INDEX = "prospect_candidates_embedding_idx"  # db/prospects.sql's: halfvec, what match_prospects' HNSW path reads
FLOAT_INDEX = "prospect_candidates_embedding_float4_idx"  # the float4 one it replaced (--float4): the "before"
# The shipped halfvec expression index (the column stays vector(1536)) and the float4 index beside it.
HALF_DDL = ("create index {name} on public.prospect_candidates using hnsw "
            "((embedding::extensions.halfvec(1536)) extensions.halfvec_cosine_ops) "
            "with (m = {m}, ef_construction = {efc})")
FLOAT_DDL = ("create index {name} on public.prospect_candidates "
             "using hnsw (embedding extensions.vector_cosine_ops) with (m = {m}, ef_construction = {efc})")
MATCH = "select public.match_prospects(%s::extensions.vector, 10, %s::jsonb) as r"
EXACT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
         "order by (embedding operator(extensions.<=>) %s::extensions.vector) + 0 limit 10")
# The direct HNSW scans (what match_prospects runs on its HNSW path), settings as match_prospects has them.
FORCE_HNSW = ("set enable_seqscan = off", "set enable_sort = off", "set hnsw.iterative_scan = relaxed_order",
              "set hnsw.max_scan_tuples = 20000")
RESET = ("enable_seqscan", "enable_sort", "hnsw.iterative_scan", "hnsw.max_scan_tuples", "hnsw.ef_search")
# halfvec order, the 10 nearest by 16-bit distance (no re-ranking: recall against the float4 truth).
HALF = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
        "order by embedding::extensions.halfvec(1536) operator(extensions.<=>) %s::extensions.halfvec(1536) "
        "limit 10")
FLOAT = ("select id::text from public.prospect_candidates where embedding is not null and ({}) "
         "order by embedding operator(extensions.<=>) %s::extensions.vector limit 10")
# The indexes of single values present (functions/prospects.sql states which are ours).
FILTER_INDEXES = "select index_name as name from private.prospect_filter_indexes() order by 1"
# (label, index, its direct query) for each index the run builds.
DIRECT = {INDEX: ("halfvec", HALF), FLOAT_INDEX: ("float4", FLOAT)}
# (label, match_prospects filters, the same as SQL): unfiltered; 10 % (an industry, a language) and
# 1 % selective, independent of the vectors (the hard case for a filtered scan).
CASES = (("unfiltered", "{}", "true"),
         ("10 % industry filter", '{"industry": "Tenth"}', "industry = 'Tenth'"),
         ("10 % language filter", '{"language": "fr"}', "language = 'fr'"),
         ("1 % filter", '{"region": "Hundredth"}', "region = 'Hundredth'"))
AIM_RECALL, AIM_RATIO = 0.98, 10.0


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


def fill(conn, n: int, queries: int) -> tuple[float | None, list[tuple[str, int]]]:
    """N generated prospects (every tenth in the industry 'Tenth', another tenth in the language
    'fr', every hundredth in the region 'Hundredth', all independent of the vectors; the generator's
    topic in metadata) and held-out
    queries from the same generator. A kept cluster that already holds the same N is reused
    (seconds None): the generator is seeded, so the set is the same."""
    started = time.perf_counter()
    conn.execute(f"select setseed({DATA_SEED})")
    conn.execute("drop table if exists pg_temp.bench_basis, pg_temp.bench_weight cascade")
    conn.execute("drop function if exists pg_temp.bench_pieces, pg_temp.bench_vectors")
    conn.execute(GENERATOR)
    have, generated = conn.execute("select count(*), count(*) filter (where metadata ? 'bench_topic' "
                                   "and language is not null) from public.prospect_candidates").fetchone()
    seconds = None
    if not (have == generated == n):
        for name in DIRECT:
            conn.execute(f"drop index if exists public.{name}")
        conn.execute("truncate public.prospect_candidates cascade")
        refresh_filter_indexes(conn)  # an empty table wants none: each insert would feed their graphs
        for first in range(1, n + 1, CHUNK):
            conn.execute(
                "insert into public.prospect_candidates "
                "       (business_name, website, industry, region, language, metadata, embedding) "
                "select 'Bench ' || v.i, 'bench-' || v.i || '.test', "
                "       case when v.i %% 10 = 0 then 'Tenth' else 'Other' end, "
                "       case when v.i %% 100 = 5 then 'Hundredth' else 'Elsewhere' end, "
                "       case when v.i %% 10 = 3 then 'fr' else 'en' end, "
                "       jsonb_build_object('bench_topic', v.topic), v.embedding "
                "  from pg_temp.bench_vectors(%s, %s) v", [first, min(n, first + CHUNK - 1)])
        conn.execute("analyze public.prospect_candidates")
        seconds = time.perf_counter() - started
    conn.execute(f"select setseed({QUERY_SEED})")
    qs = [(r[0], r[1]) for r in conn.execute(
        "select v.embedding::text, v.topic from pg_temp.bench_vectors(%s, %s) v order by v.i", [n + 1, n + queries])]
    return seconds, qs


def build(conn, name: str, ddl: str, m: int, efc: int) -> tuple[float, str]:
    """Build the index (or reuse it from a kept cluster: its build time is in its comment).
    Returns the build seconds and a note: reused or not, in memory or not, the index's size."""
    wanted = (f"m='{m}', ef_construction='{efc}'", re.search(r"extensions\.(\w+_ops)", ddl).group(1))
    row = conn.execute("select pg_get_indexdef(i.indexrelid), obj_description(i.indexrelid, 'pg_class') "
                       "from pg_index i where i.indexrelid = to_regclass(%s)", [f"public.{name}"]).fetchone()
    if row and all(w in row[0] for w in wanted) and row[1]:
        seconds, note = float(row[1].split()[0]), f"reused from a kept cluster; {row[1].split(' ', 1)[1]}"
    else:
        conn.execute(f"drop index if exists public.{name}")
        conn.execute(f"set maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        notices: list[str] = []

        def notice(diagnostic) -> None:
            notices.append(diagnostic.message_primary)

        conn.add_notice_handler(notice)
        started = time.perf_counter()
        conn.execute(ddl.format(name=name, m=m, efc=efc))
        seconds = time.perf_counter() - started
        conn.remove_notice_handler(notice)
        workers = conn.execute("show max_parallel_maintenance_workers").fetchone()[0]
        memory = ("; ".join(notices) if any("maintenance_work_mem" in x for x in notices)
                  else f"graph in memory (maintenance_work_mem {MAINTENANCE_WORK_MEM})")
        note = f"{memory}, max_parallel_maintenance_workers {workers}"
        conn.execute(sql.SQL("comment on index public.{} is {}").format(sql.Identifier(name),
                                                                         sql.Literal(f"{seconds:.1f} {note}")))
    size = conn.execute("select pg_size_pretty(pg_relation_size(%s::regclass))", [f"public.{name}"]).fetchone()[0]
    return seconds, f"index {size}; {note}"


def timed(fn, items, batches: int = BATCHES):
    """Results of fn over items, the median QPS of `batches` consecutive batches of them, and the
    slowest and fastest batch."""
    (results, qps, spread_, _), = interleaved([fn], items, batches)
    return results, qps, spread_


def interleaved(fns, items, batches: int = BATCHES):
    """timed() for several fns at once, batch by batch in turn (each batch led by another fn), so
    that the load of the shared machine weighs on each alike; also each fn's per-batch rates."""
    size = max(1, len(items) // batches)
    results: list[list] = [[] for _ in fns]
    rates: list[list[float]] = [[] for _ in fns]
    for turn, b in enumerate(range(0, len(items), size)):
        batch = items[b:b + size]
        for f in [(turn + i) % len(fns) for i in range(len(fns))]:
            started = time.perf_counter()
            results[f] += [fns[f](i) for i in batch]
            rates[f].append(len(batch) / (time.perf_counter() - started))
    return [(r, statistics.median(x), (min(x), max(x)), x) for r, x in zip(results, rates, strict=True)]


def recalls(got_ids, truth) -> list[float]:
    return [len(set(g) & t) / 10 for g, t in zip(got_ids, truth, strict=True)]


def spread(per_query: list[float], topics: list[int]) -> str:
    """Per-query recall: the mean hides whether a few queries fail or all lose a little."""
    low = sorted((r, t) for r, t in zip(per_query, topics, strict=True) if r < 0.9)
    text = (f"per query min {min(per_query):.1f}, {sum(r == 1 for r in per_query)}/{len(per_query)} at 1.0, "
            f"{len(low)} below 0.9")
    if low:
        text += " (topic:recall " + " ".join(f"{t}:{r:.1f}" for r, t in low[:6]) + ")"
    return text


class Bench:
    """One set of N prospects: the exact scan (truth and the limit), then HNSW measurements
    against it; every line printed as measured; the comparison lines kept for the summary."""

    def __init__(self, conn, lock: Lock, n: int, queries: int):
        self.conn, self.lock, self.n, self.nq = conn, lock, n, queries
        self.truth: dict[str, list[set[str]]] = {}
        self.exact: dict[str, float] = {}
        self.summary: list[str] = []

    def prepare(self) -> Iterator[str]:
        with self.lock(f"{self.n:,}: generate, exact scans"):
            seconds, qs = fill(self.conn, self.n, self.nq)
            self.qs, self.topics = [q for q, _ in qs], [t for _, t in qs]
            what = (f"generate {self.n:,} vectors" if seconds is not None
                    else f"{self.n:,} generated vectors reused from a kept cluster")
            yield f"| {self.n:,} | {what} + {self.nq} held-out queries | {seconds or 0:.1f} s | | |"
            for label, _, where in CASES:
                self.truth[label], self.exact[label], (lo, hi) = timed(
                    lambda q, w=where: {r[0] for r in self.conn.execute(EXACT.format(w), [q])}, self.qs)
                yield (f"| {self.n:,} | exact scan, {label} | {self.exact[label]:.1f} QPS "
                       f"(batches {lo:.1f}-{hi:.1f}) | recall 1.000 | k rows always |")

    def line(self, what: str, label: str, got_ids, rates, note: str, summarise: bool = False,
             paired: list[float] | None = None, exact_path: bool = False) -> str:
        """One measured line; `paired`: the ratios of its batches to the exact scan's run beside them
        (interleaved), whose median then is the line's ratio instead of the one to the exact scan
        measured once at the start; `exact_path`: match_prospects scanned exactly itself."""
        qps, (lo, hi) = rates
        per_query = recalls(got_ids, self.truth[label])
        mean = statistics.fmean(per_query)
        ratio = statistics.median(paired) if paired else qps / self.exact[label]
        how = (f"paired: median of the batch ratios to the exact scan run beside it, {min(paired):.1f}-"
               f"{max(paired):.1f}x" if paired else "to the exact scan at the start")
        short = sum(1 for g in got_ids if len(g) < 10)
        if summarise:
            aim = "met" if mean >= AIM_RECALL and ratio >= AIM_RATIO and not short else "not met"
            if exact_path:  # under 1,500 rows: no index to weigh against the exact scan
                aim = "n/a: the exact scan's own path" if mean == 1 and not short else "not met"
            self.summary.append(f"| {self.n:,} | {label} | {qps / ratio:.1f} | {what} | {qps:.1f} "
                                f"| {ratio:.1f}x | {mean:.3f} (min {min(per_query):.1f}) | {short} | {aim} |")
        return (f"| {self.n:,} | {what}, {label} | {qps:.1f} QPS ({ratio:.1f}x {how}; batches {lo:.1f}-{hi:.1f}) "
                f"| recall {mean:.3f}; {spread(per_query, self.topics)} | {short} short of k{note} |")

    def settings(self, *settings: str) -> None:
        for setting in settings:
            self.conn.execute(setting)

    def reset(self) -> None:
        for setting in RESET:
            self.conn.execute(f"reset {setting}")

    def match(self, m: int, efc: int, ef_search, iterative, indexes) -> Iterator[str]:
        """match_prospects (the shipped path), then the direct HNSW iterative scan of each index
        built (the halfvec one match_prospects reads, the float4 one with --float4) under each filter."""
        # Warm each index first (not measured): the first line would read it cold. match_prospects
        # under each filter: the industries' own indexes too.
        self.settings(*FORCE_HNSW)
        for q in self.qs:
            for _, filters, _ in CASES:
                self.conn.execute(MATCH, [q, filters])
            for name in indexes:
                self.conn.execute(DIRECT[name][1].format("true"), [q]).fetchall()
        self.reset()
        for label, filters, where in CASES:
            runs = [(None, None)] + [(ef, mode) for mode in iterative for ef in ef_search]
            for ef, mode in runs:
                self.reset()
                if ef is not None:
                    self.settings(f"set hnsw.ef_search = {ef}", f"set hnsw.iterative_scan = {mode}")

                def call(q, f=filters):
                    return self.conn.execute(MATCH, [q, f]).fetchone()[0]

                def exact(q, w=where):
                    return {r[0] for r in self.conn.execute(EXACT.format(w), [q])}

                paired = None
                if ef is None:  # the default line: the exact scan beside it, batch by batch (its ratio)
                    (got, *rates, mine), (_, _, _, theirs) = interleaved([call, exact], self.qs)
                    paired = [a / b for a, b in zip(mine, theirs, strict=True)]
                else:
                    got, *rates = timed(call, self.qs)
                methods = "/".join(sorted({g["method"] for g in got}))
                what = (f"m {m}/{efc}, match_prospects default" if ef is None
                        else f"m {m}/{efc}, match_prospects ef_search {ef} {mode.split('_')[0]}")
                if ef == PGVECTOR_EF_SEARCH:
                    what += " (pgvector's default: match_prospects reads it as unset and uses its own)"

                yield self.line(what, label, [[r["id"] for r in g["rows"]] for g in got], rates, f", {methods}",
                                summarise=ef is None, paired=paired, exact_path=methods == "exact")
            # The bare iterative scan, also for a filter match_prospects sends to the exact scan (1 %).
            # Each index's scans at one ef_search interleaved batch by batch (a fair comparison).
            for ef in ef_search:
                self.settings(*FORCE_HNSW, f"set hnsw.ef_search = {ef}")
                scans = [lambda q, w=where, s=DIRECT[name][1]: [r[0] for r in self.conn.execute(s.format(w), [q])]
                         for name in indexes]
                for name, (got, qps, spread_, _) in zip(indexes, interleaved(scans, self.qs), strict=True):
                    kind, query = DIRECT[name]
                    plan = "\n".join(r[0] for r in self.conn.execute(
                        "explain " + query.format(where).replace("%s", "'[" + ",".join(["1"] * 1536) + "]'")))
                    yield self.line(f"m {m}/{efc}, direct {kind} HNSW iterative scan, ef_search {ef}", label, got,
                                    (qps, spread_), "" if name in plan else f", {name} NOT USED")
                self.reset()
        self.reset()


def filter_index_builds(conn, n: int, build: bool) -> Iterator[str]:
    """`avenir prospects index` (its graphs in memory like the table's): the indexes of single
    values, which match_prospects reads under a filter on one value (the 10 % ones here)."""
    if not build:
        for (name,) in conn.execute(FILTER_INDEXES).fetchall():
            conn.execute(sql.SQL("drop index public.{}").format(sql.Identifier(name)))
        yield f"| {n:,} | filter HNSW indexes | dropped (--no-filter-indexes) | | |"
        return
    conn.execute(f"set maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
    steps = refresh_filter_indexes(conn)
    conn.execute("reset maintenance_work_mem")
    rows = conn.execute(f"select name, pg_size_pretty(pg_relation_size(('public.' || name)::regclass)) "
                        f"from ({FILTER_INDEXES}) i").fetchall()
    built = ", ".join(f"{s['filter']} {s['value']} ({s['prospects']:,} prospects) {s['seconds']} s" for s in steps
                      if s["action"] == "create") or "none to build (in step, e.g. a kept cluster)"
    sizes = ", ".join(f"{r[0]} {r[1]}" for r in rows) or "none"
    yield (f"| {n:,} | filter HNSW indexes (avenir prospects index) | {sum(s['seconds'] for s in steps):.1f} s "
           f"| | built: {built}; present: {sizes} |")


def vector_bench(conn, lock: Lock, n: int, queries: int, builds, ef_search, iterative,
                 float4: bool, summary: list[str], filter_indexes: bool = True) -> Iterator[str]:
    """The table's lines, each as soon as it is measured (a 200,000 build takes long); the lock
    is held per phase: generate + exact scans, each build, each build's queries."""
    bench = Bench(conn, lock, n, queries)
    yield from bench.prepare()
    indexes = [(INDEX, "halfvec", HALF_DDL)] + ([(FLOAT_INDEX, "float4", FLOAT_DDL)] if float4 else [])
    for m, efc in builds:
        for name, kind, ddl in indexes:
            with lock(f"{n:,}: {kind} build m {m}/{efc}"):
                seconds, note = build(conn, name, ddl, m, efc)
                yield f"| {n:,} | {kind} HNSW build m {m}, ef_construction {efc} | {seconds:.1f} s | | {note} |"
        with lock(f"{n:,}: filter index builds"):
            yield from filter_index_builds(conn, n, filter_indexes)
        with lock(f"{n:,}: queries m {m}/{efc}"):
            yield from bench.match(m, efc, ef_search, iterative, [name for name, _, _ in indexes])
    summary += bench.summary


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
        summaries, peak_kb = {}, {label: 0 for label in timings}
        out = Path(tmp) / "out.txt"
        for _ in range(runs):
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute("truncate public.prospect_candidates cascade")
            for label in timings:
                started = time.perf_counter()
                with out.open("w") as stdout:
                    child = subprocess.Popen([sys.executable, "-m", "avenir.cli", "prospects", "import", str(path),
                                              "--quiet"], env=env, stdout=stdout)
                    # This child's own peak RSS (not the cluster tools' run before it).
                    _, status, usage = os.wait4(child.pid, 0)
                timings[label].append(time.perf_counter() - started)
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"import failed: {out.read_text()}")
                peak_kb[label] = max(peak_kb[label], usage.ru_maxrss)
                summaries[label] = out.read_text().strip().split(": ", 1)[1]
        lines = ["| set | what | speed | memory | result |", "| --- | --- | --- | --- | --- |"]
        for label, seconds in timings.items():
            median = statistics.median(seconds)
            spread = ", ".join(f"{s:.1f}" for s in seconds)
            lines.append(f"| {rows:,} rows | import, {label}, median of {runs} | {rows / median:,.0f} rows/s "
                         f"({median:.1f} s; runs {spread} s) | CLI peak RSS {peak_kb[label] / 1024:.0f} MB "
                         f"| {summaries[label]} |")
        return lines


def pairs(text: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in p.split(":")) for p in text.split(",") if p]


def main() -> None:
    global MAINTENANCE_WORK_MEM
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="35000,200000",
                        help="comma-separated prospect counts (e.g. 35000,200000; empty: import only)")
    parser.add_argument("--queries", type=int, default=QUERIES, help="held-out queries per set")
    parser.add_argument("--builds", default=",".join(f"{m}:{e}" for m, e in BUILDS),
                        help="HNSW builds to compare, m:ef_construction,... (default %(default)s)")
    parser.add_argument("--ef-search", default=",".join(map(str, EF_SEARCH)), help="hnsw.ef_search values")
    parser.add_argument("--iterative", default=",".join(ITERATIVE),
                        help="hnsw.iterative_scan modes (relaxed_order,strict_order)")
    parser.add_argument("--float4", action="store_true",
                        help="also build the float4 index match_prospects read before the halfvec one (the before: "
                             "its direct scan, and match_prospects of --functions FILE of that time)")
    parser.add_argument("--no-filter-indexes", action="store_true",
                        help="drop the HNSW indexes of single values (avenir prospects index): match_prospects "
                             "then reads the table's index under the 10 %% filters too (the before)")
    parser.add_argument("--functions", default=str(FUNCTIONS),
                        help="the prospect functions to measure, loaded into the cluster (default the worktree's; "
                             "e.g. an older functions/prospects.sql from git for a before/after on a kept cluster)")
    parser.add_argument("--lock", default="",
                        help="take this flock (e.g. /tmp/bench.lock) per phase, released between phases")
    parser.add_argument("--keep", default="",
                        help="a cluster directory kept after the run and reused by the next one with the same "
                             "--keep (one size per directory): the generated set and its indexes are not rebuilt")
    parser.add_argument("--maintenance-work-mem", default=MAINTENANCE_WORK_MEM,
                        help="for the index builds (default %(default)s: the 200,000 graph in memory)")
    parser.add_argument("--shared-buffers", default=SHARED_BUFFERS,
                        help="the bench cluster's shared_buffers (default %(default)s: the 200,000 index fits)")
    parser.add_argument("--import-rows", type=int, default=100_000, help="0: no import bench")
    parser.add_argument("--import-runs", type=int, default=5)
    args = parser.parse_args()
    MAINTENANCE_WORK_MEM = args.maintenance_work_mem
    ef_search = [int(x) for x in args.ef_search.split(",") if x]
    iterative = [x for x in args.iterative.split(",") if x]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.keep and len(sizes) > 1:
        parser.error("--keep holds one size")
    lock = Lock(args.lock or None)
    print(f"load average at start: {load()}", flush=True)
    summary: list[str] = []
    if sizes:
        with cluster_at(args.keep, args.shared_buffers, Path(args.functions)) as cluster:
            print("| set | what | speed | quality | note |")
            print("| --- | --- | --- | --- | --- |")
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                for n in sizes:
                    for line in vector_bench(conn, lock, n, args.queries, pairs(args.builds), ef_search, iterative,
                                             args.float4, summary, not args.no_filter_indexes):
                        print(line, flush=True)
        print()
        print(f"Side by side (aim: recall@10 >= {AIM_RECALL} at >= {AIM_RATIO:.0f}x the exact scan's QPS, "
              f"k rows always; QPS medians of {BATCHES} batches of the {args.queries} queries):")
        print()
        print("| set | filter | exact scan QPS (the limit) | index path | QPS | x exact | recall@10 (worst query) "
              "| short of k | aim |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for line in summary:
            print(line, flush=True)
    if args.import_rows:
        print()
        with lock("import"), cluster_at("") as cluster:
            for line in import_bench(cluster, args.import_rows, args.import_runs):
                print(line, flush=True)
    print(f"load average at end: {load()}", flush=True)


@contextlib.contextmanager
def cluster_at(keep: str, shared_buffers: str = "256MB", functions: Path = FUNCTIONS) -> Iterator[Cluster]:
    """The bench's own cluster (fsync off), migrated: a throwaway one, or the kept one at `keep`
    (restarted with this shared_buffers); `functions` loaded again (functions/prospects.sql's are all
    `create or replace`), so a kept cluster measures the worktree's match_prospects, or another's."""
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="avenir-bench-prospects-"))
    port_file = root / "bench-port"
    port = int(port_file.read_text()) if port_file.exists() else free_port()
    cluster = Cluster(root=root, port=port, durable=False, shared_buffers=shared_buffers)
    try:
        fresh = not cluster.is_initialized()
        cluster.init()
        port_file.write_text(str(port))
        cluster.start()
        if fresh:
            cluster.ensure_database()
            migrations.deploy(cluster)
        if not fresh or functions != FUNCTIONS:
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(functions)],
                           env={**os.environ, **cluster.libpq_env()}, check=True)
        yield cluster
    finally:
        if keep:
            cluster.stop()
        else:
            cluster.destroy()


if __name__ == "__main__":
    main()
