"""Outreach sending: N approved e-mails, one campaign with no throttle, one real worker, a local
SMTP server (aiosmtpd, no TLS). Reports messages/s (first send begun -> last send finished, from
private.outreach_sends), the worker's peak RSS (VmHWM), and record_tracking_event calls per second
(one connection, one event per statement). The figures go to bench/outreach/RESULTS.md by hand."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def setup(conn: psycopg.Connection) -> str:
    client = str(uuid.uuid4())
    conn.execute("insert into public.clients (client_id, business_name, email, password_hash, api_key_hash, "
                 "api_key_prefix, is_internal) values (%s, 'Bench', 'bench@avenir.localhost', "
                 "extensions.crypt('pw', extensions.gen_salt('bf', 4)), repeat('b', 64), 'avk_bench', true)", [client])
    template = conn.execute(
        "insert into public.email_templates (name, subject, html_content, variables) values ('bench', "
        "'Idea for {{company_name}}', "
        "'<p>Hi {{company_name}}, <a href=\"https://avenir.localhost/demo\">demo</a></p>', "
        "'[\"company_name\"]') returning id").fetchone()[0]
    campaign = conn.execute("insert into public.outreach_campaigns (client_id, name, email_template_id) values "
                            "(%s, 'bench', %s) returning id", [client, template]).fetchone()[0]
    conn.execute("insert into public.outreach_emails (client_id, campaign_id, prospect_email, subject, content, "
                 "template_id) select %s, %s, 'p' || n || '@bench.localhost', 'Idea for P' || n, "
                 "'<p>Hi P' || n || ', <a href=\"https://avenir.localhost/demo\">demo</a></p>', %s "
                 "from generate_series(1, %s) n", [client, campaign, template, N])
    conn.execute("update public.outreach_emails set status = 'approved' where campaign_id = %s", [campaign])
    return str(campaign)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        smtp_port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-outreach-")), port=free_port(), durable=True)
    proc = None
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            campaign = setup(conn)
            env = {**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster),
                   "AVENIR_DB_ROLE": "service_role",
                   "AVENIR_MAIL_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off",
                   "AVENIR_MAIL_FROM": "hello@avenir.localhost", "AVENIR_TRACKING_URL": "http://127.0.0.1:9"}
            proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            conn.execute("update public.outreach_campaigns set status = 'active' where id = %s", [campaign])
            peak = 0.0
            deadline = time.monotonic() + 1800
            while time.monotonic() < deadline:
                peak = max(peak, peak_rss_mb(proc.pid))
                done = conn.execute("select count(*) from private.outreach_sends where campaign_id = %s and "
                                    "status = 'sent'", [campaign]).fetchone()[0]
                if done >= N:
                    break
                time.sleep(0.5)
            peak = max(peak, peak_rss_mb(proc.pid))
            first, last, sent = conn.execute(
                "select min(started_at), max(finished_at), count(*) from private.outreach_sends "
                "where campaign_id = %s and status = 'sent'", [campaign]).fetchone()
            rate = sent / (last - first).total_seconds()
            assert sink.count == sent == N, (sink.count, sent)
            print(f"{N} e-mails, throttling off, 1 worker (concurrency 4), SMTP to aiosmtpd: {rate:.0f} msgs/s; "
                  f"worker peak RSS {peak:.1f} MB")
            ids = [r[0] for r in conn.execute("select id from public.outreach_emails where campaign_id = %s "
                                              "limit 2000", [campaign])]
            started = time.perf_counter()
            with conn.transaction():
                conn.execute("set local role service_role")
                for i, email_id in enumerate(ids):
                    conn.execute("select public.record_tracking_event(%s, 'delivered', null, "
                                 "jsonb_build_object('event_id', %s::text))", [email_id, f"e{i}"])
            print(f"record_tracking_event, {len(ids)} events, one connection: "
                  f"{len(ids) / (time.perf_counter() - started):.0f} events/s")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        controller.stop()
        cluster.destroy()


if __name__ == "__main__":
    main()
