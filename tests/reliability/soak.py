"""`make soak`: sustained load on a throwaway cluster with the real gateway and worker.

1. Measures the lead-capture capacity (leads/s at full speed for AVENIR_SOAK_PROBE_SECONDS, 15).
2. Runs AVENIR_SOAK_SECONDS (600) at 80 % of it, paced, plus one dashboard read (a tenant's latest
   leads, with its JWT) for every four leads.
3. Prints per minute: requests, errors, p50 and p99; and the gateway's and worker's RSS at start and end.
Exits 1 on any error, on a last-minute p99 above twice the first minute's (+ 5 ms), or on an RSS that
grew by more than half. Traffic goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The checkout too: the cluster loads the python_udfs package from it (tests/python_udfs alone is
# only a namespace of tests).
sys.path += [str(HERE), str(HERE.parent), str(HERE.parents[1])]

import httpx  # noqa: E402
from processes import own_gateway  # noqa: E402
from worker_process import WorkerProcess  # noqa: E402

from avenir.local import configure, migrations  # noqa: E402
from avenir.local.cluster import Cluster, free_port  # noqa: E402

THREADS = int(os.environ.get("AVENIR_SOAK_THREADS", "8"))


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else 0.0)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[tuple[float, float, int, str]] = []  # (start, seconds, status, kind)

    def add(self, start: float, seconds: float, status: int, kind: str) -> None:
        with self.lock:
            self.samples.append((start, seconds, status, kind))


def drive(base: str, anon_key: str, api_key: str, auth: dict, rate: float | None, seconds: float,
          rec: Recorder, with_reads: bool) -> None:
    """THREADS threads; `rate` requests/s in all (paced), or as fast as they go when None."""
    stop_at = time.monotonic() + seconds

    def run(n: int) -> None:
        interval = THREADS / rate if rate else 0.0
        next_at = time.monotonic() + (interval * n / THREADS)
        i = 0
        with httpx.Client(base_url=base + "/rest/v1", headers={"apikey": anon_key}, timeout=30) as c:
            while time.monotonic() < stop_at:
                if interval:
                    delay = next_at - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    next_at += interval
                i += 1
                start = time.monotonic()
                try:
                    if with_reads and i % 5 == 0:
                        status = c.get("/lead_memory?select=id,name,created_at&order=created_at.desc&limit=20",
                                       headers=auth).status_code
                        kind = "read"
                    else:
                        status = c.post("/rpc/submit_lead", json={
                            "api_key": api_key, "name": "Soak", "email": "soak@lead.test",
                            "message": f"soak {n} {i} {uuid.uuid4().hex}"}).status_code
                        kind = "lead"
                except httpx.TransportError:
                    status, kind = 0, "lead"
                rec.add(start, time.monotonic() - start, status, kind)

    workers = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def main() -> int:
    seconds = float(os.environ.get("AVENIR_SOAK_SECONDS", "600"))
    probe = float(os.environ.get("AVENIR_SOAK_PROBE_SECONDS", "15"))
    root = Path(tempfile.mkdtemp(prefix="avenir-soak-"))
    cluster = Cluster(root=root, port=free_port(), durable=False)
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        anon, service = configure.api_key(cluster, "anon"), configure.api_key(cluster, "service_role")
        with own_gateway(cluster, pool=8, name="soak") as gw:
            worker = WorkerProcess(cluster, root)
            worker.wait_started()
            try:
                with httpx.Client(base_url=gw.url + "/rest/v1", timeout=30,
                                  headers={"apikey": service, "Authorization": f"Bearer {service}"}) as s:
                    email = f"soak-{uuid.uuid4().hex[:8]}@tenant.test"
                    key = s.post("/rpc/create_client", json={"business_name": "Soak", "email": email,
                                                             "password": "correct horse battery staple",
                                                             "language": "en"}).json()["api_key"]
                    token = s.post("/rpc/login", json={"email": email, "password": "correct horse battery staple"},
                                   headers={"apikey": anon}).json()["access_token"]
                auth = {"Authorization": f"Bearer {token}"}
                measured = Recorder()
                drive(gw.url, anon, key, auth, None, probe, measured, with_reads=False)
                ok = [s for s in measured.samples if s[2] == 200]
                capacity = len(ok) / probe
                rate = 0.8 * capacity
                print(f"capacity: {capacity:.0f} leads/s at full speed ({THREADS} threads, {probe:.0f} s); "
                      f"soak at {rate:.0f} requests/s for {seconds:.0f} s (1 dashboard read per 4 leads)")
                rss_start = {"gateway": rss_kb(gw.process.pid), "worker": rss_kb(worker.proc.pid)}
                rec = Recorder()
                t0 = time.monotonic()
                drive(gw.url, anon, key, auth, rate, seconds, rec, with_reads=True)
                rss_end = {"gateway": rss_kb(gw.process.pid), "worker": rss_kb(worker.proc.pid)}
            finally:
                worker.stop()
        windows: dict[int, list] = {}
        for start, secs, status, kind in rec.samples:
            windows.setdefault(int((start - t0) // 60), []).append((secs, status, kind))
        p99s = []
        for minute in sorted(windows):
            lat = [w[0] * 1000 for w in windows[minute]]
            errors = sum(1 for w in windows[minute] if w[1] != 200)
            p99s.append(percentile(lat, 99))
            print(f"minute {minute + 1}: {len(lat)} requests, {errors} errors, "
                  f"p50 {percentile(lat, 50):.1f} ms, p99 {p99s[-1]:.1f} ms")
        errors = sum(1 for s in rec.samples if s[2] != 200)
        print(f"RSS start: gateway {rss_start['gateway'] / 1024:.1f} MB, worker {rss_start['worker'] / 1024:.1f} MB")
        print(f"RSS end:   gateway {rss_end['gateway'] / 1024:.1f} MB, worker {rss_end['worker'] / 1024:.1f} MB")
        print(f"total: {len(rec.samples)} requests, {errors} errors")
        failed = errors > 0 or (len(p99s) > 1 and p99s[-1] > 2 * p99s[0] + 5) or any(
            rss_end[k] > 1.5 * rss_start[k] for k in rss_end)
        print("soak: FAILED" if failed else "soak: ok (zero errors, p99 stable, RSS flat)")
        return 1 if failed else 0
    finally:
        cluster.destroy()


if __name__ == "__main__":
    sys.exit(main())
