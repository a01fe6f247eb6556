"""public.translate over a 10,000-row verified glossary: exact (folded index) and fuzzy (pg_trgm
GIN index) lookups, median ms per call, and the plans. Standalone: its own throwaway cluster.
Target (issue 12): < 2 ms each.

Two glossaries, one after the other: `varied` (terms of 1 to 4 real words, from the 1,700 words of
the classifier's labelled messages, as a real glossary is) and `dense` (three words of a 20-word
list plus a number: every term shares most of its trigrams with hundreds of others, the worst case
for pg_trgm). Each call is timed whole (lookup, usage count, the performance_metrics row); the
lookup statement alone and the metric insert alone are timed beside it, so that the parts show."""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import psycopg

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port
from python_udfs.lead_analysis import fold
from python_udfs.lead_model import load_rows

ROWS, CALLS, ROUNDS = 10_000, 200, 3
DENSE_WORDS = ("lead", "growth", "report", "campaign", "invoice", "dashboard", "pipeline", "meeting", "customer",
               "survey", "account", "billing", "support", "partner", "quote", "renewal", "contract", "webinar",
               "budget", "forecast")

CALL = "select public.translate(%s, 'en', 'fr', 'ui_text')"
EXACT_LOOKUP = ("select d.id from public.translation_dictionary d where d.source_language = 'en' and "
                "d.target_language = 'fr' and private.fold_text(d.source_text) = private.fold_text(%s) and d.verified "
                "limit 1")
FUZZY_LOOKUP = ("select d.id, extensions.similarity(d.source_text, %(t)s) from public.translation_dictionary d "
                "where d.source_text operator(extensions.%%) %(t)s and d.source_language = 'en' and "
                "d.target_language = 'fr' and d.verified and char_length(d.source_text) between "
                "char_length(%(t)s) * 0.7 and char_length(%(t)s) / 0.7 "
                "order by extensions.similarity(d.source_text, %(t)s) desc limit 1")
METRIC = ("insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, "
          "source_component, metadata) values ('translation', 'success_rate', 1, 'count', 'translation_service', "
          "jsonb_build_object('origin', %s::text))")


def dense_terms(rng: random.Random) -> list[str]:
    return [" ".join(rng.sample(DENSE_WORDS, 3)) + f" {i}" for i in range(ROWS)]


def varied_terms(rng: random.Random) -> list[str]:
    """Terms of 1 to 4 real words (English and French, accent-folded) from the classifier's labelled
    form messages: the spread of trigrams a glossary of real terms has."""
    vocabulary = sorted({w for row in load_rows() for w in re.findall(r"[a-z]{3,}", fold(row["message"]))})
    terms: dict[str, None] = {}
    while len(terms) < ROWS:
        terms[" ".join(rng.sample(vocabulary, rng.randint(1, 4)))] = None
    return list(terms)


def timed(conn, sql: str, values: list) -> float:
    started = time.perf_counter()
    for v in values:
        conn.execute(sql, v if isinstance(v, dict) else [v])
    return (time.perf_counter() - started) * 1000 / len(values)


def measure(conn, terms: list[str], rng: random.Random) -> dict:
    conn.execute("delete from public.translation_dictionary where context = 'bench'")
    with conn.cursor() as cur:
        cur.executemany("insert into public.translation_dictionary (source_text, source_language, target_language, "
                        "translated_text, context, verified) values (%s, 'en', 'fr', %s, 'bench', true)",
                        [(t, "fr " + t) for t in terms])
    conn.execute("analyze public.translation_dictionary")  # no vacuum: measured as right after an import
    exact = [t.upper() for t in rng.sample(terms, CALLS)]
    fuzzy = [t[:-2] + "x" + t[-2:] for t in rng.sample(terms, CALLS)]  # one letter added
    cases = {"translate exact": (CALL, exact), "translate fuzzy": (CALL, fuzzy),
             "lookup exact": (EXACT_LOOKUP, exact), "lookup fuzzy": (FUZZY_LOOKUP, [{"t": t} for t in fuzzy]),
             "metric insert": (METRIC, exact)}
    conn.execute("set role service_role")
    conn.execute("set pg_trgm.similarity_threshold = 0.75")
    timed(conn, CALL, fuzzy[:20])  # warm the index and the function's plans
    rounds = {name: [timed(conn, sql, values) for _ in range(ROUNDS)] for name, (sql, values) in cases.items()}
    answer = conn.execute(CALL, [fuzzy[0]]).fetchone()[0]
    conn.execute("reset role")
    plans = {"exact": conn.execute("explain " + EXACT_LOOKUP, [exact[0]]).fetchall(),
             "fuzzy": conn.execute("explain " + FUZZY_LOOKUP, {"t": fuzzy[0]}).fetchall()}
    return {"rounds": rounds, "answer": answer, "plans": plans}


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="avenir-bench-translation-"))
    cluster = Cluster(root=root, port=free_port(), durable=False)
    rng = random.Random(12)
    results = {}
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            for name, make in (("varied", varied_terms), ("dense", dense_terms)):
                results[name] = measure(conn, make(rng), rng)
    finally:
        cluster.destroy()
    print(f"public.translate over {ROWS} verified glossary rows, {CALLS} calls x {ROUNDS} rounds (one connection)")
    for name, r in results.items():
        print(f"glossary {name}:")
        for case, values in r["rounds"].items():
            print(f"  {case:<16} median {statistics.median(values):.3f} ms per call (rounds: "
                  f"{', '.join(f'{v:.3f}' for v in values)})")
        print(f"  a fuzzy call answers: {r['answer']}")
        for kind, rows in r["plans"].items():
            print(f"  plan ({kind}):")
            for (line,) in rows:
                print(f"    {line}")


if __name__ == "__main__":
    main()
