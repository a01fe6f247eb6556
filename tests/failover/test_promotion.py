"""Killing the primary: what the promotion keeps, what it loses in each mode, and the way back.

Synchronous mode: leads go through the real gateway (on a libpq multi-host URL) while the primary
is SIGKILLed; every lead whose submit_lead returned 200 must be on the promoted failover, and the
same gateway and worker then serve from it without a restart. Asynchronous mode: the replication check
names the rows that a crash at that moment loses, and the crash loses exactly those.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid

import httpx
import psycopg
import pytest
from failover_pairs import create_client, kill_cluster, wait_replicated
from gateway_process import start_gateway
from worker_process import WorkerProcess, wait_for

from avenir.failover import nodes
from avenir.failover.check import check
from avenir.failover.promote import promote, reseed
from avenir.local import configure
from avenir.local.paths import project_root

SUBMITTERS = 4
BEFORE_KILL = 40  # acknowledged leads before the kill
SUBMIT_TIMEOUT = 10


class Submitters:
    """Form posts in a loop, each with a fresh e-mail, recording the lead ids the API acknowledged."""

    def __init__(self, url: str, anon_key: str, api_key: str):
        self.url, self.anon_key, self.api_key = url, anon_key, api_key
        self.acknowledged: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(SUBMITTERS)]

    def _loop(self) -> None:
        with httpx.Client(base_url=self.url + "/rest/v1", headers={"apikey": self.anon_key},
                          timeout=SUBMIT_TIMEOUT) as http:
            while not self.stop.is_set():
                body = {"api_key": self.api_key, "name": "Ann", "email": f"{uuid.uuid4().hex[:12]}@lead.test",
                        "message": "Please call me back"}
                try:
                    response = http.post("/rpc/submit_lead", json=body)
                except httpx.HTTPError:
                    time.sleep(0.05)
                    continue
                if response.status_code == 200:
                    with self.lock:
                        self.acknowledged.append((time.monotonic(), response.json()["lead_id"]))
                else:
                    time.sleep(0.05)  # 503 while no node accepts writes

    def wait_for(self, count: int, since: float = 0.0, timeout: float = 120) -> float:
        """Until `count` leads were acknowledged after `since`; returns when the first of them was."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                after = [at for at, _ in self.acknowledged if at > since]
            if len(after) >= count:
                return after[0]
            time.sleep(0.02)
        raise AssertionError(f"fewer than {count} leads acknowledged within {timeout} s")

    def __enter__(self) -> Submitters:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=SUBMIT_TIMEOUT * 2)


def gateway_config(pair, port: int, secret_file) -> str:
    return (f'db-uri = "{pair.api_db_url()}"\n'
            'db-schemas = "public"\n'
            'db-anon-role = "anon"\n'
            'db-extra-search-path = "public, extensions"\n'
            "db-pool = 4\n"
            f'jwt-secret = "@{secret_file}"\n'
            'server-host = "127.0.0.1"\n'
            f"server-port = {port}\n"
            'log-level = "error"\n')


def test_sync_failover_keeps_every_acknowledged_lead_and_the_gateway_follows(make_pair, tmp_path):
    from avenir.local.cluster import free_port

    pair = make_pair("async")
    switched = cli(pair, "failover", "mode", "sync")
    assert switched.returncode == 0, switched.stderr
    pair.state = nodes.load(pair.home)
    assert pair.state.mode == "sync"
    with psycopg.connect(pair.state.primary.url) as conn:
        assert conn.execute("select sync_state from pg_stat_replication").fetchone()[0] == "sync"
    with psycopg.connect(pair.state.failover.url) as conn:
        assert conn.execute("select subsynccommit from pg_subscription").fetchone()[0] == "on"
    client = create_client(pair.state.primary.url)
    secret_file = tmp_path / "jwt_secret"
    secret_file.write_text(configure.jwt_secret(pair.primary))
    port = free_port()
    gateway = start_gateway(gateway_config(pair, port, secret_file), tmp_path, port, name="failover-gateway")
    worker = WorkerProcess(pair.primary, tmp_path, AVENIR_DB_URL=pair.api_db_url())
    try:
        worker.wait_started()
        with Submitters(gateway.url, configure.api_key(pair.primary, "anon"), client["api_key"]) as submitters:
            submitters.wait_for(BEFORE_KILL)
            kill_cluster(pair.primary)
            killed_at = time.monotonic()
            promotion = promote(pair.state, pair.home)
            with psycopg.connect(pair.state.failover.url) as conn:
                promoted_at = conn.execute("select now()").fetchone()[0]
            first_after = submitters.wait_for(5, since=promotion_done(killed_at, promotion.seconds))
        acknowledged = [lead_id for _, lead_id in submitters.acknowledged]

        def jobs_after_promotion_done() -> bool:  # the worker, on the same URL, works on the new primary
            with psycopg.connect(pair.state.failover.url) as conn:
                total, done = conn.execute("select count(*), count(*) filter (where status = 'completed') "
                                           "from public.queue_jobs where created_at > %s", [promoted_at]).fetchone()
            return total > 0 and total == done

        wait_for(jobs_after_promotion_done, 120, "the worker to complete the jobs enqueued on the new primary")
    finally:
        worker.stop()
        gateway.stop()
    with psycopg.connect(pair.state.failover.url) as conn:
        present = {str(r[0]) for r in conn.execute("select id from public.lead_memory where id = any(%s::uuid[])",
                                                   [acknowledged])}
        scheduled = {r[0]: r[1] for r in conn.execute(
            "select jobname, active from cron.job where jobname like 'avenir-%'")}
        jobs = {name for name, active in scheduled.items() if active}
        writable = conn.execute("select rolconfig from pg_roles where rolname = 'authenticator'").fetchone()[0]
        leads = conn.execute("select count(*) from public.lead_memory").fetchone()[0]
    assert len(acknowledged) > BEFORE_KILL
    assert set(acknowledged) == present, f"{len(set(acknowledged) - present)} acknowledged leads lost"
    assert not promotion.planned
    assert jobs and jobs == set(scheduled), "every avenir-* pg_cron job runs on the promoted node"
    assert set(promotion.cron_jobs) == jobs
    assert "private.login_attempts_id_seq" in promotion.sequences
    assert writable is None
    print(f"\nsync failover: {len(acknowledged)} acknowledged leads kept; promotion {promotion.seconds:.2f} s; "
          f"kill -> first lead accepted on the new primary {first_after - killed_at:.2f} s")

    # The way back: the old primary restarts and follows the new one from a fresh copy.
    new_state = promotion.state
    pair.primary.start()  # crash recovery; the pair names it by URL, so avenir does not start it itself
    reseed(new_state, pair.home)
    report = check(new_state)
    assert report["ok"], report["findings"]
    # A lead committed as the primary died may have lost only its response: at least the acknowledged ones.
    assert report["tables"]["by_table"]["lead_memory"]["primary_rows"] == leads >= len(present)


def cli(pair, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "avenir.cli", *args], cwd=project_root(), capture_output=True,
                          text=True, env={**os.environ, "AVENIR_HOME": str(pair.home)})


def promotion_done(killed_at: float, seconds: float) -> float:
    return killed_at + seconds


def test_async_check_names_the_rows_a_crash_would_lose_and_the_crash_loses_them(make_pair):
    pair = make_pair("async")
    client = create_client(pair.state.primary.url)
    wait_replicated(pair.state.primary.url, pair.state.failover.url, "select count(*) from public.clients")
    with psycopg.connect(pair.state.failover.url, autocommit=True) as f:
        f.execute("alter subscription avenir_failover disable")  # the failover falls behind
    with psycopg.connect(pair.state.primary.url, autocommit=True) as p:
        behind = [r[0]["lead_id"] for r in p.execute(
            "select public.submit_lead(%s, 'Late ' || i, 'late' || i || '@lead.test', 'Not replicated yet') "
            "from generate_series(1, 25) i", [client["api_key"]])]
    report = check(pair.state)
    memory = report["tables"]["by_table"]["lead_memory"]
    assert not report["ok"]
    assert report["lag"]["bytes"] > 0
    assert sorted(memory["missing_on_failover"]) == sorted(behind)
    assert any("subscription avenir_failover is disabled" in f for f in report["findings"])
    lag_bytes = report["lag"]["bytes"]

    kill_cluster(pair.primary)
    promoted = cli(pair, "failover", "promote")
    assert promoted.returncode == 0, promoted.stderr
    assert f"promoted {pair.state.failover.address}" in promoted.stdout and "failover (primary gone)" in promoted.stdout
    assert f"DB_URL={pair.state.failover.url}" in promoted.stdout
    assert "API_DB_URL=postgresql://authenticator:" in promoted.stdout
    assert f"@{pair.state.failover.address},{pair.state.primary.address}/avenir?target_session_attrs=read-write" \
        in promoted.stdout
    assert nodes.load(pair.home).primary == pair.state.failover
    with psycopg.connect(pair.state.failover.url) as conn:
        kept = conn.execute("select count(*) from public.lead_memory where id = any(%s::uuid[])",
                            [behind]).fetchone()[0]
        total = conn.execute("select count(*) from public.lead_memory").fetchone()[0]
    assert kept == 0 and total == memory["primary_rows"] - len(behind)
    print(f"\nasync failover: the check reported {len(behind)} leads ({lag_bytes} bytes of WAL) behind; "
          f"the crash lost exactly those")


def test_planned_switchover_fences_the_old_primary_and_loses_nothing(make_pair):
    pair = make_pair("async")
    client = create_client(pair.state.primary.url)
    api_session = psycopg.connect(pair.api_db_url(), autocommit=True)  # a gateway's connection, on the primary
    try:
        assert api_session.info.port == pair.primary.port
        with psycopg.connect(pair.state.primary.url, autocommit=True) as p:
            p.execute("select public.submit_lead(%s, 'Ann ' || i, 'ann' || i || '@lead.test', 'Switchover') "
                      "from generate_series(1, 20) i", [client["api_key"]])
            on_primary = p.execute("select count(*) from public.lead_memory").fetchone()[0]
        promotion = promote(pair.state, pair.home)
        with pytest.raises(psycopg.OperationalError):
            api_session.execute("select 1")  # its session on the old primary was ended
    finally:
        api_session.close()
    assert promotion.planned
    with psycopg.connect(pair.state.failover.url) as conn:
        assert conn.execute("select count(*) from public.lead_memory").fetchone()[0] == on_primary
    with psycopg.connect(pair.state.primary.url) as old:
        fenced = old.execute("select count(*) from pg_db_role_setting s join pg_roles r on r.oid = s.setrole "
                             "where r.rolname = 'authenticator' "
                             "and s.setconfig @> array['default_transaction_read_only=on']").fetchone()[0]
        slots = old.execute("select count(*) from pg_replication_slots").fetchone()[0]
        jobs = old.execute("select count(*) from cron.job where active").fetchone()[0]
    assert (fenced, slots, jobs) == (1, 0, 0)
    with psycopg.connect(pair.api_db_url()) as conn:  # the same URL now lands on the promoted node
        assert conn.info.port == pair.failover.port
