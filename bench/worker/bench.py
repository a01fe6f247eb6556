"""Queue and worker benchmark (not a test): `bench/worker/run.sh`.

On a throwaway durable cluster of its own (synchronous_commit on):
1. claim + complete of no-op jobs by the real worker process (`avenir worker`), one at a time and
   in batches, against pgbench running the bare SKIP LOCKED statements on the same table;
2. enqueue -> start latency on an idle worker (NOTIFY path);
3. enqueue throughput at 16 clients: enqueue_job (conditional NOTIFY) vs insert + NOTIFY every
   time vs a bare insert;
4. offline enrichment: provider time per lead, and lead_enrichment jobs per second end to end.
Every figure is the median of 3 runs.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from avenir.local import configure, migrations
from avenir.local.cluster import PG_BIN, Cluster, free_port
from avenir.local.paths import project_root
from python_udfs.lead_analysis import analyse

HERE = Path(__file__).resolve().parent
RUNS = 3
JOBS = int(os.environ.get("BENCH_JOBS", "6000"))


def median_of(fn, runs=RUNS):
    values = [fn() for _ in range(runs)]
    return statistics.median(values), values


def reset(conn):
    conn.execute("truncate public.queue_jobs")
    conn.execute("vacuum analyze public.queue_jobs")


def fill(conn, n):
    conn.execute("insert into public.queue_jobs (job_type, payload) "
                 "select 'form_test', jsonb_build_object('n', g) from generate_series(1, %s) g", [n])
    conn.execute("vacuum analyze public.queue_jobs")


def worker_rate(cluster, conn, n, **env) -> float:
    """Jobs/s of one `avenir worker` process from the first claim to the last completion."""
    reset(conn)
    fill(conn, n)
    full_env = {**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_DB_ROLE": "service_role",
                "AVENIR_WORKER_EXTRA_HANDLERS": "bench_handlers:HANDLERS", "AVENIR_WORKER_JOB_TYPES": "form_test",
                "PYTHONPATH": str(HERE), **{k: str(v) for k, v in env.items()}}
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=full_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while conn.execute("select count(*) from public.queue_jobs where status <> 'completed'").fetchone()[0]:
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not finish in 300 s")
            time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    span = conn.execute("select extract(epoch from max(completed_at) - min(started_at)) "
                        "from public.queue_jobs").fetchone()[0]
    return n / float(span)


def pgbench(cluster, script, clients, transactions=None, seconds=None,
            first_job="00000000-0000-4000-8000-000000000000") -> float:
    args = [str(PG_BIN / "pgbench"), "-n", "-f", str(HERE / script), "-c", str(clients), "-j", str(min(clients, 2)),
            "-D", f"job_id='{first_job}'"]
    args += ["-t", str(transactions)] if transactions else ["-T", str(seconds)]
    out = subprocess.run(args, env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True, check=True)
    return float(re.search(r"tps = ([\d.]+)", out.stdout).group(1))


def pgbench_claim_rate(cluster, conn, script, clients, per_txn) -> float:
    per_client = JOBS // clients // per_txn
    reset(conn)
    fill(conn, per_client * clients * per_txn + 100)
    # The piggyback scripts complete the previous job first: hand them one claimed job to start with.
    first = conn.execute("select id from public.claim_jobs('pgbench', null, 1)").fetchone()[0]
    return pgbench(cluster, script, clients, transactions=per_client, first_job=first) * per_txn


def enqueue_rate(cluster, conn, script) -> float:
    reset(conn)
    return pgbench(cluster, script, 16, seconds=5)


def idle_latency(cluster, conn, samples=40) -> tuple[float, float]:
    """Enqueue one job at a time into an idle queue; started_at - created_at (database clock), p50 and max ms."""
    reset(conn)
    full_env = {**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_DB_ROLE": "service_role",
                "AVENIR_WORKER_EXTRA_HANDLERS": "bench_handlers:HANDLERS", "PYTHONPATH": str(HERE)}
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=full_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(2)
        for _ in range(samples):
            conn.execute("set role service_role")
            job_id = conn.execute("select public.enqueue_job('form_test', '{}')").fetchone()[0]
            conn.execute("reset role")
            while conn.execute("select status from public.queue_jobs where id = %s", [job_id]).fetchone()[0] \
                    != "completed":
                time.sleep(0.005)
            time.sleep(0.3)  # let the worker go idle again
        ms = [float(r[0]) for r in conn.execute(
            "select extract(epoch from started_at - created_at) * 1000 from public.queue_jobs").fetchall()]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return statistics.median(ms), max(ms)


def enrichment_rate(cluster, conn, n=1000) -> float:
    conn.execute("delete from public.clients where email = 'bench@bench.localhost'")
    client = conn.execute(
        "insert into public.clients (business_name, email, password_hash, api_key_hash, api_key_prefix, is_test) "
        "values ('Bench', 'bench@bench.localhost', extensions.crypt('pw', extensions.gen_salt('bf', 4)), "
        "encode(extensions.digest('avk_bench', 'sha256'), 'hex'), 'avk_bench', true) returning client_id").fetchone()[0]
    messages = [json.loads(line)["message"] for line in
                (project_root() / "python_udfs" / "data" / "lead_messages.jsonl").read_text().splitlines()]
    reset(conn)
    conn.execute("insert into public.lead_memory (client_id, name, email, message) "
                 "select %s, 'Lead ' || g, 'l@bench.localhost', (%s::text[])[1 + g %% %s] "
                 "from generate_series(1, %s) g", [client, messages, len(messages), n])
    conn.execute("insert into public.queue_jobs (job_type, payload) "
                 "select 'lead_enrichment', jsonb_build_object('lead_id', id) from public.lead_memory "
                 "where client_id = %s", [client])
    full_env = {**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_DB_ROLE": "service_role",
                "AVENIR_WORKER_CONCURRENCY": "8", "AVENIR_WORKER_BATCH": "8"}
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=full_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while conn.execute("select count(*) from public.queue_jobs where status <> 'completed'").fetchone()[0]:
            time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    span = conn.execute("select extract(epoch from max(completed_at) - min(started_at)) "
                        "from public.queue_jobs").fetchone()[0]
    conn.execute("delete from public.clients where client_id = %s", [client])
    return n / float(span)


def provider_ms_per_lead(models: dict | None = None, passes: int = 3) -> float:
    """models=None: the shipped classifier (rules + trained weights); {}: the rules alone."""
    data = project_root() / "python_udfs" / "data" / "lead_messages.jsonl"
    rows = [json.loads(line) for line in data.read_text().splitlines()]
    analyse("warm up", models=models)
    started = time.perf_counter()
    for _ in range(passes):
        for row in rows:
            analyse(row["message"], row["name"], models=models)
    return (time.perf_counter() - started) * 1000 / (passes * len(rows))


def weights_load_s(root: Path | None = None) -> float:
    """Seconds a fresh interpreter takes to read the shipped weights (lead_model.default_models):
    what every PL/Python backend and worker process pays once. root: where python_udfs is
    imported from (an older checkout, to compare)."""
    code = ("import time; t = time.perf_counter(); from python_udfs.lead_model import default_models; "
            "default_models(); print(time.perf_counter() - t)")
    env = {**os.environ, "PYTHONPATH": str(root or project_root())}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=env["PYTHONPATH"], capture_output=True, text=True,
                         check=True)
    return float(out.stdout)


def main() -> None:
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-worker-")), port=free_port(), durable=True)
    results = []

    def report(label, value, unit, runs=None):
        line = f"{label:<62} {value:>10.1f} {unit}"
        if runs:
            line += "   runs: " + ", ".join(f"{v:.1f}" for v in runs)
        print(line, flush=True)
        results.append(line)

    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            print(f"jobs per run: {JOBS}; median of {RUNS}; 2 shared cores (other engineers' work runs too)\n")
            m, runs = median_of(lambda: worker_rate(cluster, conn, JOBS, AVENIR_WORKER_CONCURRENCY=1,
                                                    AVENIR_WORKER_BATCH=1))
            report("worker, one at a time (concurrency 1, batch 1)", m, "jobs/s", runs)
            m, runs = median_of(lambda: pgbench_claim_rate(cluster, conn, "claim_one.sql", 1, 1))
            report("pgbench SKIP LOCKED, 1 connection, one at a time", m, "jobs/s", runs)
            m, runs = median_of(lambda: pgbench_claim_rate(cluster, conn, "claim_one_piggyback.sql", 1, 1))
            report("pgbench SKIP LOCKED, 1 connection, complete + claim in one", m, "jobs/s", runs)
            m, runs = median_of(lambda: pgbench_claim_rate(cluster, conn, "claim_fn_piggyback.sql", 1, 1))
            report("pgbench, the worker's statement (queue functions), 1 at a time", m, "jobs/s", runs)
            m, runs = median_of(lambda: worker_rate(cluster, conn, JOBS, AVENIR_WORKER_CONCURRENCY=50,
                                                    AVENIR_WORKER_BATCH=50))
            report("worker, batches (concurrency 50, batch 50)", m, "jobs/s", runs)
            m, runs = median_of(lambda: pgbench_claim_rate(cluster, conn, "claim_ten.sql", 1, 10))
            report("pgbench SKIP LOCKED, 1 connection, 10 at a time", m, "jobs/s", runs)
            m, runs = median_of(lambda: pgbench_claim_rate(cluster, conn, "claim_one.sql", 16, 1))
            report("pgbench SKIP LOCKED, 16 connections, one at a time", m, "jobs/s", runs)

            p50, worst = idle_latency(cluster, conn)
            report("enqueue -> start on an idle worker, p50", p50, "ms")
            report("enqueue -> start on an idle worker, max of 40", worst, "ms")

            for script, label in (("enqueue_fn.sql", "enqueue_job (NOTIFY only when the queue was empty)"),
                                  ("enqueue_notify.sql", "insert + NOTIFY every time"),
                                  ("enqueue_plain.sql", "bare insert, no NOTIFY")):
                m, runs = median_of(lambda script=script: enqueue_rate(cluster, conn, script))
                report(f"enqueue, 16 clients: {label}", m, "jobs/s", runs)

            m, runs = median_of(weights_load_s)
            report("offline provider weights load, per process", m, "s", runs)
            m, runs = median_of(provider_ms_per_lead)
            report("offline provider analyse_lead, per lead", m, "ms", runs)
            m, runs = median_of(lambda: provider_ms_per_lead({}))
            report("  the same, lexicon rules alone (no trained weights)", m, "ms", runs)
            m, runs = median_of(lambda: enrichment_rate(cluster, conn))
            report("lead_enrichment jobs end to end (worker, concurrency 8)", m, "leads/s", runs)
    finally:
        cluster.destroy()
    (HERE / "last_run.txt").write_text("\n".join(results) + "\n")


if __name__ == "__main__":
    main()
