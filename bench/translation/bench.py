"""public.translate over a 10,000-row verified glossary: exact (folded index) and fuzzy (pg_trgm
GIN index) lookups, median ms per call, and the plans. Standalone: its own throwaway cluster.
Target (issue 12): < 2 ms each."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

import psycopg

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port

HERE = Path(__file__).resolve().parent
ROWS, CALLS = 10_000, 300
WORDS = ("lead", "growth", "report", "campaign", "invoice", "dashboard", "pipeline", "meeting", "customer", "survey",
         "account", "billing", "support", "partner", "quote", "renewal", "contract", "webinar", "budget", "forecast")


def term(rng: random.Random, i: int) -> str:
    return " ".join(rng.sample(WORDS, 3)) + f" {i}"


def timed(conn, sql: str, values: list) -> float:
    started = time.perf_counter()
    for v in values:
        conn.execute(sql, [v])
    return (time.perf_counter() - started) * 1000 / len(values)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="avenir-bench-translation-"))
    cluster = Cluster(root=root, port=free_port(), durable=False)
    rng = random.Random(12)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            terms = [term(rng, i) for i in range(ROWS)]
            with conn.cursor() as cur:
                cur.executemany("insert into public.translation_dictionary (source_text, source_language, "
                                "target_language, translated_text, context, verified) values (%s, 'en', 'fr', %s, "
                                "'general', true)", [(t, "fr " + t) for t in terms])
            conn.execute("analyze public.translation_dictionary")
            conn.execute("set role service_role")
            exact = [t.upper() for t in rng.sample(terms, CALLS)]
            fuzzy = [t[:-1] + "x" + t[-1] for t in rng.sample(terms, CALLS)]  # one letter added
            call = "select public.translate(%s, 'en', 'fr', 'ui_text')"
            results = {"exact": [], "fuzzy": []}
            for _ in range(3):
                results["exact"].append(timed(conn, call, exact))
                results["fuzzy"].append(timed(conn, call, fuzzy))
            origin = conn.execute(call, [fuzzy[0]]).fetchone()[0]
            conn.execute("reset role")
            conn.execute("set pg_trgm.similarity_threshold = 0.75")
            plans = {
                "exact": conn.execute(
                    "explain select * from public.translation_dictionary d where d.source_language = 'en' and "
                    "d.target_language = 'fr' and private.fold_text(d.source_text) = private.fold_text(%s) and "
                    "d.verified", [exact[0]]).fetchall(),
                "fuzzy": conn.execute(
                    "explain select * from public.translation_dictionary d where d.source_text "
                    "operator(extensions.%%) %s and d.source_language = 'en' and d.target_language = 'fr' and "
                    "d.verified", [fuzzy[0]]).fetchall()}
    finally:
        cluster.destroy()
    print(f"public.translate over {ROWS} verified glossary rows, {CALLS} calls x 3 rounds (one connection)")
    for kind, values in results.items():
        print(f"  {kind:<6} median {statistics.median(values):.3f} ms per call (rounds: "
              f"{', '.join(f'{v:.3f}' for v in values)})")
    print(f"  a fuzzy call answers: {origin}")
    for kind, rows in plans.items():
        print(f"  plan ({kind}):")
        for (line,) in rows:
            print(f"    {line}")


if __name__ == "__main__":
    main()
