"""Gateway benchmark: GET /t?id=eq.N and POST /rpc/f at 16 and 64 connections.

Runs standalone (`.venv/bin/python bench/gateway/run.py`): a throwaway cluster, the migrations, the
bench schema, the gateway; then wrk against the gateway, psycopg running the gateway's own
transaction directly, and pgbench running the bare statement. Median of 3 runs, markdown on stdout.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "sidecar"), str(ROOT / "gateway")]

from avenir.local import configure, migrations  # noqa: E402
from avenir.local.cluster import Cluster, free_port  # noqa: E402

HERE = Path(__file__).resolve().parent
PGBENCH = "/usr/lib/postgresql/15/bin/pgbench"
DURATION = int(os.environ.get("BENCH_SECONDS", "8"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CONNECTIONS = (16, 64)
POOL = 20
ROWS = 10000

GET_LUA = f"""
request = function()
  return wrk.format("GET", "/t?id=eq." .. math.random(1, {ROWS}))
end
"""
POST_LUA = f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, "/rpc/f", nil, '{{"n":' .. math.random(1, {ROWS}) .. '}}')
end
"""

# The gateway's transaction for each case, as it sends it (see avenir_gateway.transaction).
GUCS = "select " + ", ".join(["set_config(%s, %s, true)"] * 8)
GET_SQL = ("with pgrst_source as (select \"bench\".\"t\".* from \"bench\".\"t\" where \"bench\".\"t\".\"id\" = %s)"
           " select null::bigint as total_result_set, pg_catalog.count(*) as page_total,"
           " coalesce(json_agg(_postgrest_t), '[]')::text as body from (select * from pgrst_source) _postgrest_t")
POST_SQL = ("with pgrst_source as (select _pgrst_call.pgrst_scalar from json_to_record(%s::json) as _pgrst_args(n"
            " integer), lateral (select \"bench\".\"f\"(\"n\" := _pgrst_args.n) as pgrst_scalar) _pgrst_call)"
            " select null::bigint, pg_catalog.count(*), coalesce((json_agg(_postgrest_t.pgrst_scalar)->0)::text,"
            " 'null') from (select * from pgrst_source) _postgrest_t")


def gucs(method: str, path: str) -> list[str]:
    return ["search_path", '"bench", "public"', "role", "anon", "request.jwt.claims", '{"role":"anon"}',
            "request.method", method, "request.path", path, "request.headers", "{}", "request.cookies", "{}",
            "transaction_read_only", "on" if method == "GET" else "off"]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# -- load generators -------------------------------------------------------------------

def run_wrk(url: str, lua: str, connections: int, workdir: Path) -> dict:
    script = workdir / "wrk.lua"
    script.write_text(lua)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{DURATION}s", "--latency", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses:|connect|read|write|timeout) (\d+)", out))
    return {"rps": rps, "p50": to_ms(lat["50"]), "p99": to_ms(lat["99"]), "errors": errors}


def to_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_psycopg(dsn: str, case: str, connections: int) -> dict:
    return asyncio.run(_psycopg(dsn, case, connections))


async def _psycopg(dsn: str, case: str, connections: int) -> dict:
    from psycopg_pool import AsyncConnectionPool

    latencies: list[float] = []
    errors = 0
    kwargs = {"autocommit": True, "prepare_threshold": None}
    async with AsyncConnectionPool(dsn, min_size=POOL, max_size=POOL, kwargs=kwargs) as pool:
        await pool.wait()
        deadline = time.perf_counter() + DURATION

        async def worker():
            nonlocal errors
            while time.perf_counter() < deadline:
                n = random.randint(1, ROWS)
                started = time.perf_counter()
                try:
                    # One implicit transaction up to the pipeline's Sync, as the gateway sends it.
                    async with pool.connection() as conn, conn.pipeline() as p:
                        ro = case == "get"
                        await conn.execute(GUCS, gucs("GET" if ro else "POST", "/t" if ro else "/rpc/f"))
                        cur = await conn.execute(GET_SQL if ro else POST_SQL, [str(n) if ro else f'{{"n":{n}}}'])
                        await p.sync()
                        await cur.fetchone()
                except psycopg.Error:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    return {"rps": len(latencies) / elapsed, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "errors": errors}


def run_pgbench(cluster: Cluster, case: str, connections: int, workdir: Path) -> dict:
    script = workdir / "pgbench.sql"
    statement = "select id, name, value from bench.t where id = :id;" if case == "get" else "select bench.f(:id);"
    script.write_text(f"\\set id random(1, {ROWS})\n{statement}\n")
    for old in workdir.glob("pgbench_log*"):
        old.unlink()
    env = {**os.environ, **cluster.libpq_env()}
    out = subprocess.run([PGBENCH, "-n", "-M", "prepared", "-c", str(connections), "-j", "2", "-T", str(DURATION),
                          "-f", str(script), "-l", "--log-prefix", str(workdir / "pgbench_log")],
                         capture_output=True, text=True, env=env, cwd=workdir, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", out)
    latencies = []
    for log in workdir.glob("pgbench_log*"):
        for line in log.read_text().splitlines():
            latencies.append(int(line.split()[2]) / 1000)
    return {"rps": tps, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "errors": int(failed.group(1)) if failed else 0}


def median_run(fn, *args) -> dict:
    runs = [fn(*args) for _ in range(RUNS)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


# -- setup -----------------------------------------------------------------------------

def start_gateway(cluster: Cluster, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    conf = workdir / "bench.conf"
    secret = workdir / "jwt_secret"
    secret.write_text(configure.jwt_secret(cluster))
    secret.chmod(0o600)
    conf.write_text(f'db-uri = "{configure.authenticator_url(cluster)}"\ndb-schemas = "bench"\n'
                    f'db-anon-role = "anon"\ndb-pool = {POOL}\njwt-secret = "@{secret}"\nserver-host = "127.0.0.1"\n'
                    f'server-port = {port}\nlog-level = "error"\n')
    log = (workdir / "gateway.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "gateway", "--config", str(conf)], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/t?id=eq.1").status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the gateway did not start")


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="avenir-bench-"))
    workdir.chmod(0o755)  # the cluster below runs as the postgres OS user
    cluster = Cluster(root=workdir / "cluster", port=free_port(), durable=False)
    cluster.init()
    cluster.start()
    proc = None
    try:
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(HERE / "schema.sql")],
                       env={**os.environ, **cluster.libpq_env()}, check=True, capture_output=True)
        proc, url = start_gateway(cluster, workdir)
        dsn = configure.authenticator_url(cluster)
        print(f"# gateway benchmark ({DURATION} s per run, median of {RUNS}; pool {POOL}; {os.cpu_count()} cores)\n")
        print("| case | conns | tool | req/s | p50 ms | p99 ms | errors | gateway / tool |")
        print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for case, lua, path in (("get", GET_LUA, "GET /t?id=eq.N"), ("post", POST_LUA, "POST /rpc/f")):
            for conns in CONNECTIONS:
                gw = median_run(run_wrk, url, lua, conns, workdir)
                direct = median_run(run_psycopg, dsn, case, conns)
                bench = median_run(run_pgbench, cluster, case, conns, workdir)
                for tool, r in (("gateway (wrk)", gw), ("psycopg, same tx", direct), ("pgbench, bare stmt", bench)):
                    ratio = "" if tool.startswith("gateway") else f"{gw['rps'] / r['rps']:.2f}"
                    print(f"| {path} | {conns} | {tool} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} |"
                          f" {r['errors']:.0f} | {ratio} |", flush=True)
    finally:
        if proc:
            proc.terminate()
            proc.wait()
        cluster.destroy()
        shutil.rmtree(workdir, ignore_errors=True)  # holds the bench cluster's secrets


if __name__ == "__main__":
    main()
