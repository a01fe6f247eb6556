"""Outreach tests: committed rows (a real worker process reads them), each test with its own
internal client, campaign and prospects, deleted after the test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from mail_stubs import SmtpServer
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from worker_process import WorkerProcess, started_workers

from avenir.local import configure
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as c:
        yield c


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    with SmtpServer(tmp_path) as server:
        yield server


@pytest.fixture
def start_worker(cluster: Cluster, tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    yield from started_workers(lambda **env: WorkerProcess(cluster, tmp_path, **env))


class Campaign:
    """An internal client with one campaign, its template and n prospects (committed)."""

    def __init__(self, db: psycopg.Connection, n: int, **limits: object) -> None:
        self.db = db
        self.client_id = str(uuid.uuid4())
        tag = self.client_id[:8]
        self.tag = tag
        db.execute(
            "insert into public.clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, "
            "is_internal, is_test) values (%s, 'Avenir & Co', %s, "
            "extensions.crypt('pw', extensions.gen_salt('bf', 4)), "
            "encode(extensions.digest(%s, 'sha256'), 'hex'), %s, true, true)",
            [self.client_id, f"ops-{tag}@avenir.localhost", f"avk_{self.client_id}", f"avk_o{tag}"])
        self.template_id = db.execute(
            "insert into public.email_templates (name, subject, html_content, plain_content, variables) values "
            "(%s, 'Idea for {{company_name}}', %s, %s, '[\"company_name\", \"first_name\"]') returning id",
            [f"first_touch_{tag}",
             '<p>Hi {{first_name|there}},</p><p>{{company_name}}: <a href="https://avenir.localhost/demo?x=1&amp;y=2">'
             'see the demo</a> or <a href="https://cal.avenir.localhost/book">book a call</a>.</p>',
             "Hi {{first_name|there}},\n{{company_name}}: see https://avenir.localhost/demo\n"]).fetchone()["id"]
        self.id = db.execute(
            "insert into public.outreach_campaigns (client_id, name, email_template_id, status, send_per_second, "
            "send_per_hour, send_concurrency) values (%s, %s, %s, 'active', %s, %s, %s) returning id",
            [self.client_id, f"Campaign {tag}", self.template_id, limits.get("per_second"), limits.get("per_hour"),
             limits.get("concurrency")]).fetchone()["id"]
        self.prospects = [
            {"id": str(uuid.uuid4()), "business_name": f"Biz {i} <{tag}>", "website": f"biz{i}-{tag}.test",
             "contact_email": f"owner{i}@biz{i}-{tag}.test", "industry": "Dental", "language": "en", "rank": i + 1}
            for i in range(n)]
        for p in self.prospects:
            db.execute("insert into public.prospect_candidates (id, business_name, website, contact_email, industry) "
                       "values (%s, %s, %s, %s, %s)",
                       [p["id"], p["business_name"], p["website"], p["contact_email"], p["industry"]])

    def queue(self) -> dict:
        """The daily queue's handoff, as the job calls it (service_role)."""
        with self.db.transaction():
            self.db.execute("set local role service_role")
            return self.db.execute("select public.queue_outreach_emails(%s, %s) as r",
                                   [self.id, Jsonb(self.prospects)]).fetchone()["r"]

    def approve_all(self) -> None:
        """The campaign's client approves every pending e-mail through its RPC."""
        for e in self.emails("pending"):
            with self.db.transaction():
                self.db.execute("select set_config('request.jwt.claims', %s, true)",
                                [f'{{"client_id": "{self.client_id}", "role": "authenticated"}}'])
                self.db.execute("set local role authenticated")
                self.db.execute("select public.approve_outreach_email(%s)", [e["id"]])

    def emails(self, status: str | None = None) -> list[dict]:
        return self.db.execute("select * from public.outreach_emails where campaign_id = %s and "
                               "(%s::text is null or status = %s) order by created_at, id",
                               [self.id, status, status]).fetchall()

    def sends(self) -> list[dict]:
        return self.db.execute("select * from private.outreach_sends where campaign_id = %s order by started_at",
                               [self.id]).fetchall()

    def jobs(self) -> list[dict]:
        return self.db.execute("select * from public.queue_jobs where job_type = 'bulk_email' and "
                               "payload ->> 'campaign_id' = %s order by created_at", [str(self.id)]).fetchall()

    def delete(self) -> None:
        self.db.execute("delete from public.queue_jobs where job_type = 'bulk_email' and "
                        "payload ->> 'campaign_id' = %s", [str(self.id)])
        self.db.execute("delete from public.clients where client_id = %s", [self.client_id])
        self.db.execute("delete from public.prospect_candidates where id = any(%s::uuid[])",
                        [[p["id"] for p in self.prospects]])
        self.db.execute("delete from public.email_templates where id = %s", [self.template_id])


@pytest.fixture
def campaign(db: psycopg.Connection) -> Iterator[Callable[..., Campaign]]:
    made: list[Campaign] = []

    def make(n: int = 3, **limits: object) -> Campaign:
        c = Campaign(db, n, **limits)
        made.append(c)
        return c

    yield make
    for c in made:
        c.delete()


@dataclass
class TrackingService:
    url: str
    process: subprocess.Popen


@pytest.fixture
def tracking(cluster: Cluster, tmp_path: Path) -> Iterator[TrackingService]:
    """`avenir tracking` as `avenir up` starts it: its own process on a free port, the authenticator's URL."""
    port = free_port()
    log = (tmp_path / "tracking.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "tracking"], cwd=project_root(), stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env={**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster),
                                 "AVENIR_TRACKING_PORT": str(port)})
    service = TrackingService(f"http://127.0.0.1:{port}", proc)
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, (tmp_path / "tracking.log").read_text(errors="replace")
        try:
            httpx.get(service.url + "/", timeout=2)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the tracking service did not start"
            time.sleep(0.1)
    yield service
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
