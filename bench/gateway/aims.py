"""The gateway's aims (issue 11 §2), each a ratio to a limit measured in the same run.

1. `POST /rpc/submit_lead` through the API at 64 connections vs pgbench calling submit_lead at 64;
2. a tenant's dashboard list (JWT, RLS, 100 k leads in the tenant) through the API at 16 connections
   vs pgbench running the same SQL with the same role and claims at 16 (p99 too);
3. `GET /t?id=eq.N` at 16 connections vs pgbench's bare statement at 16;
4. the gateway's RSS at the start and the end of a 60 s load.

Standalone (`.venv/bin/python bench/gateway/aims.py`): a throwaway cluster, the migrations, the bench
schema, the gateway. BENCH_SECONDS (5) per run, BENCH_RUNS (5) runs, medians; BENCH_RSS_SECONDS (60).
GATEWAY_CONFIG_EXTRA lines are appended to the gateway's config (to compare settings); GATEWAY_SOURCE
is a folder holding another avenir_gateway package to run instead (e.g. main's, for a before/after);
GATEWAY_PROFILE=file runs the gateway under cProfile."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import jwt
import psycopg
import psycopg.sql

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "sidecar"), str(ROOT / "gateway"), str(HERE)]

from run import PGBENCH, ROWS, percentile, run_wrk  # noqa: E402

from avenir.local import configure, migrations  # noqa: E402
from avenir.local.cluster import Cluster, free_port  # noqa: E402

DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
RSS_SECONDS = int(os.environ.get("BENCH_RSS_SECONDS", "60"))
POOL = 20
LEADS = 100_000
DASHBOARD_SELECT = "id,name,email,intent,urgency,created_at"
DASHBOARD_PATH = f"/lead_memory?select={DASHBOARD_SELECT}&order=created_at.desc&limit=20"

SUBMIT_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local n = math.random(1, 1000000000)
  return wrk.format(nil, "/rpc/submit_lead", nil, '{"api_key":"%s","name":"Bench Visitor","email":"visitor' .. n ..
    '@bench.test","message":"Bench message ' .. n .. ': we would like a quote for 20 seats.","language":"en"}')
end
"""
T_LUA = f"""
wrk.headers["Accept-Profile"] = "bench"
request = function()
  return wrk.format("GET", "/t?id=eq." .. math.random(1, {ROWS}))
end
"""
DASHBOARD_LUA = """
wrk.headers["Authorization"] = "Bearer %s"
request = function()
  return wrk.format("GET", "%s")
end
"""


def pgbench(cluster: Cluster, script: str, connections: int, workdir: Path) -> dict:
    path = workdir / "aim.pgbench"
    path.write_text(script)
    for old in workdir.glob("pgbench_log*"):
        old.unlink()
    env = {**os.environ, **cluster.libpq_env()}
    out = subprocess.run([PGBENCH, "-n", "-c", str(connections), "-j", "2", "-T", str(DURATION), "-f", str(path),
                          "-l", "--log-prefix", str(workdir / "pgbench_log")],
                         capture_output=True, text=True, env=env, cwd=workdir, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", out)
    latencies = [int(line.split()[2]) / 1000 for log in workdir.glob("pgbench_log*")
                 for line in log.read_text().splitlines()]
    return {"rps": tps, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "errors": int(failed.group(1)) if failed else 0}


def median_of(fn, *args) -> dict:
    runs = [fn(*args) for _ in range(RUNS)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def rss_kb(pid: int) -> int:
    """Resident memory of the gateway and its worker processes."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    total = 0
    for p in [pid, *(int(c) for c in (children.read_text().split() if children.exists() else []))]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the gateway and its worker processes (server-workers): its cost,
    less sensitive to a shared machine than its rate."""
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for p in [pid, *(int(c) for c in (children.read_text().split() if children.exists() else []))]:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def with_cpu(pid: int, fn):
    def run() -> dict:
        before = cpu_seconds(pid)
        result = fn()
        result["cpu_ms"] = (cpu_seconds(pid) - before) * 1000 / max(result["rps"] * DURATION, 1)
        return result
    return run


def start_gateway(cluster: Cluster, workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    conf = workdir / "aims.conf"
    secret = workdir / "jwt_secret"
    secret.write_text(configure.jwt_secret(cluster))
    secret.chmod(0o600)
    extra = os.environ.get("GATEWAY_CONFIG_EXTRA", "").replace("\\n", "\n")
    conf.write_text(f'db-uri = "{configure.authenticator_url(cluster)}"\ndb-schemas = "public, bench"\n'
                    f'db-anon-role = "anon"\ndb-pool = {POOL}\njwt-secret = "@{secret}"\nserver-host = "127.0.0.1"\n'
                    f'server-port = {port}\nlog-level = "error"\n{extra}\n')
    log = (workdir / "gateway.log").open("ab")
    env = dict(os.environ)
    if os.environ.get("GATEWAY_SOURCE"):  # another version of avenir_gateway, e.g. main's, to compare
        env["PYTHONPATH"] = os.environ["GATEWAY_SOURCE"]
    profile = ["-m", "cProfile", "-o", os.environ["GATEWAY_PROFILE"]] if os.environ.get("GATEWAY_PROFILE") else []
    proc = subprocess.Popen([sys.executable, *profile, "-m", "avenir.cli", "gateway", "--config", str(conf)], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/t?id=eq.1", headers={"Accept-Profile": "bench"}).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the gateway did not start:\n" + (workdir / "gateway.log").read_text()[-2000:])


def seed(cluster: Cluster) -> dict:
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        created = conn.execute("select public.create_client('Bench', 'bench@bench.test', 'bench passphrase', 'en')"
                               ).fetchone()[0]
        # Until the product's migration adds it (helper house-sql): the dashboard's index.
        conn.execute("create index if not exists lead_memory_client_created_idx"
                     " on public.lead_memory (client_id, created_at desc)")
        conn.execute("insert into public.lead_memory (client_id, name, email, message, created_at)"
                     " select %s, 'Lead ' || i, 'lead' || i || '@bench.test', 'Message ' || i,"
                     " now() - i * interval '1 minute' from generate_series(1, %s) i",
                     (created["client_id"], LEADS))
        conn.execute("analyze public.lead_memory")
    return created


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="avenir-aims-"))
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
        created = seed(cluster)
        claims = {"role": "authenticated", "client_id": str(created["client_id"]), "sub": str(uuid.uuid4()),
                  "exp": int(time.time()) + 3600}
        token = jwt.encode(claims, configure.jwt_secret(cluster), algorithm="HS256")
        proc, url = start_gateway(cluster, workdir)
        assert httpx.get(url + DASHBOARD_PATH, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        claims_sql = psycopg.sql.Literal(json.dumps(claims)).as_string(None)
        cases = [
            ("POST /rpc/submit_lead", 64,
             lambda: run_wrk(url, SUBMIT_LUA % created["api_key"], 64, workdir),
             lambda: pgbench(cluster, (ROOT / "bench/leads/submit_lead.pgbench").read_text().replace(
                 ":api_key", f"'{created['api_key']}'"), 64, workdir), 0.85),
            ("dashboard list (JWT, RLS, 100 k leads)", 16,
             lambda: run_wrk(url, DASHBOARD_LUA % (token, DASHBOARD_PATH), 16, workdir),
             lambda: pgbench(cluster, "begin;\nselect set_config('role', 'authenticated', true),"
                             f" set_config('request.jwt.claims', {claims_sql}, true);\n"
                             f"select {DASHBOARD_SELECT} from public.lead_memory order by created_at desc limit 20;\n"
                             "commit;\n", 16, workdir), 0.40),
            ("GET /t?id=eq.N", 16,
             lambda: run_wrk(url, T_LUA, 16, workdir),
             lambda: pgbench(cluster, f"\\set id random(1, {ROWS})\n"
                             "select id, name, value from bench.t where id = :id;\n", 16, workdir), 0.10),
        ]
        print(f"# gateway aims ({DURATION} s per run, median of {RUNS}; pool {POOL}; {os.cpu_count()} cores; "
              f"load average before: {os.getloadavg()[0]:.1f})\n")
        print("| case | conns | API req/s | API p50 / p99 ms | gateway CPU ms/req | limit req/s | limit p99 ms "
              "| errors API/limit | ratio | aim |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        only = os.environ.get("BENCH_ONLY", "")  # run only the cases whose name contains this text
        for name, conns, api, limit, aim in cases:
            if only not in name:
                continue
            a, b = median_of(with_cpu(proc.pid, api)), median_of(limit)
            print(f"| {name} | {conns} | {a['rps']:.0f} | {a['p50']:.1f} / {a['p99']:.1f} | {a['cpu_ms']:.2f} |"
                  f" {b['rps']:.0f} |"
                  f" {b['p99']:.1f} | {a['errors']:.0f}/{b['errors']:.0f} | {a['rps'] / b['rps']:.2f} |"
                  f" {aim:.2f} |", flush=True)
        extra, source = os.environ.get("GATEWAY_CONFIG_EXTRA"), os.environ.get("GATEWAY_SOURCE") or "this tree"
        print(f"\nload average after: {os.getloadavg()[0]:.1f}; gateway: {source}"
              + (f"; config: {extra}" if extra else ""))
        if RSS_SECONDS:
            before = rss_kb(proc.pid)
            lua = SUBMIT_LUA % created["api_key"]
            script = workdir / "rss.lua"
            script.write_text(lua)
            subprocess.run(["wrk", "-t2", "-c64", f"-d{RSS_SECONDS}s", "-s", str(script), url],
                           capture_output=True, check=True)
            after = rss_kb(proc.pid)
            print(f"\ngateway RSS over {RSS_SECONDS} s of POST /rpc/submit_lead at 64 connections:"
                  f" start {before / 1024:.1f} MB, end {after / 1024:.1f} MB")
    finally:
        if proc:
            # SIGINT: uvicorn re-raises it after its shutdown, as KeyboardInterrupt, so cProfile still writes.
            proc.send_signal(signal.SIGINT)
            proc.wait()
        cluster.destroy()
        shutil.rmtree(workdir, ignore_errors=True)  # holds the bench cluster's secrets


if __name__ == "__main__":
    main()
