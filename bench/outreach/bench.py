"""Outreach benchmark on a throwaway cluster of its own (not a test), every figure the median of
ROUNDS runs in the same sitting:

- sending: N approved e-mails of one unthrottled campaign, a fresh worker process per round, a local
  SMTP server (aiosmtpd, no TLS): messages/s (first send begun -> last send finished, from
  private.outreach_sends) and the worker's peak RSS (VmHWM);
- tracking: EVENTS opens recorded per round by the direct-SQL limit (record_tracking_event in a loop
  on one connection) and through the API (the open pixel of `avenir tracking`, GET /rpc/track_open,
  which runs track_open -> record_tracking_event) with 1 and with 8 keep-alive HTTP clients. Each
  request comes from its own address (X-Forwarded-For) so the per-address tracking budget, which
  every request still takes, never refuses one: the bench measures readers, not one stranger;
- the state trigger: the cost of private.tg__outreach_email_state per status update (K updates with
  the trigger, K without, in a transaction rolled back).

    bench/outreach/run.sh [N] [ROUNDS]   (10000 and 5 by default)
The figures go to bench/outreach/RESULTS.md by hand."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg
from aiosmtpd.controller import Controller

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
# Each round's tracking part uses 3 x EVENTS sent e-mails (direct, 1 client, many clients): never
# more than the rounds sent, so a small N still measures every path.
EVENTS = min(int(os.environ.get("AVENIR_BENCH_EVENTS", 2_000)), N // 3)
TRIGGER_UPDATES = EVENTS
HTTP_CLIENTS = 8
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Thunderbird/115.0"


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def make_client(conn: psycopg.Connection) -> tuple[str, str]:
    client = str(uuid.uuid4())
    conn.execute("insert into public.clients (client_id, business_name, email, password_hash, api_key_hash, "
                 "api_key_prefix, is_internal) values (%s, 'Bench', 'bench@avenir.localhost', "
                 "extensions.crypt('pw', extensions.gen_salt('bf', 4)), repeat('b', 64), 'avk_bench', true)", [client])
    template = conn.execute(
        "insert into public.email_templates (name, subject, html_content, variables) values ('bench', "
        "'Idea for {{company_name}}', "
        "'<p>Hi {{company_name}}, <a href=\"https://avenir.localhost/demo\">demo</a></p>', "
        "'[\"company_name\"]') returning id").fetchone()[0]
    return client, str(template)


def make_campaign(conn: psycopg.Connection, client: str, template: str, n: int, round_no: int) -> str:
    campaign = conn.execute("insert into public.outreach_campaigns (client_id, name, email_template_id) values "
                            "(%s, %s, %s) returning id", [client, f"bench {round_no}", template]).fetchone()[0]
    conn.execute("insert into public.outreach_emails (client_id, campaign_id, prospect_email, subject, content, "
                 "template_id) select %s, %s, 'p' || n || '.' || %s || '@bench.localhost', 'Idea for P' || n, "
                 "'<p>Hi P' || n || ', <a href=\"https://avenir.localhost/demo\">demo</a></p>', %s "
                 "from generate_series(1, %s) n", [client, campaign, round_no, template, n])
    conn.execute("update public.outreach_emails set status = 'approved' where campaign_id = %s", [campaign])
    return str(campaign)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def send_round(conn: psycopg.Connection, cluster: Cluster, campaign: str, smtp_port: int) -> tuple[float, float]:
    """(messages/s, worker peak RSS MB) of one campaign sent by a fresh worker."""
    env = {**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_DB_ROLE": "service_role",
           "AVENIR_MAIL_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off",
           "AVENIR_MAIL_FROM": "hello@avenir.localhost", "AVENIR_TRACKING_URL": "http://127.0.0.1:9"}
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)  # the worker's start is not the campaign's
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
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    first, last, sent = conn.execute(
        "select min(started_at), max(finished_at), count(*) from private.outreach_sends "
        "where campaign_id = %s and status = 'sent'", [campaign]).fetchone()
    assert sent == N, (sent, N)
    return sent / (last - first).total_seconds(), peak


def direct_sql(conn: psycopg.Connection, email_ids: list) -> float:
    conn.execute("set role service_role")
    started = time.perf_counter()
    for email_id in email_ids:  # one statement, one transaction per event, as a webhook's call
        conn.execute("select public.record_tracking_event(%s, 'opened', null, jsonb_build_object("
                     "'user_agent', %s::text, 'source', 'bench'))", [email_id, AGENT])
    rate = len(email_ids) / (time.perf_counter() - started)
    conn.execute("reset role")
    return rate


def address(i: int) -> str:
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


async def through_http(base: str, tokens: list[str], clients: int, first_address: int) -> float:
    """Opens per second through the pixel endpoint with `clients` concurrent keep-alive connections."""
    queue = list(enumerate(tokens))
    statuses: list[int] = []

    async def one_client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30, limits=httpx.Limits(max_connections=1)) as http:
            while queue:
                i, token = queue.pop()
                r = await http.get("/rpc/track_open", params={"t": token},
                                   headers={"User-Agent": AGENT, "X-Forwarded-For": address(first_address + i)})
                statuses.append(r.status_code)

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    rate = len(tokens) / (time.perf_counter() - started)
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    return rate


def start_tracking(cluster: Cluster) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "tracking"], cwd=project_root(),
                            env={**os.environ, "AVENIR_DB_URL": configure.authenticator_url(cluster),
                                 "AVENIR_TRACKING_PORT": str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/", timeout=2)
            return proc, base
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("the tracking service did not start") from None
            time.sleep(0.1)


def trigger_cost_ms(conn: psycopg.Connection, email_ids: list) -> float:
    """Milliseconds the state trigger adds to one status update (opened -> replied), rolled back."""
    timings = []
    for with_trigger in (True, False):
        with conn.transaction(force_rollback=True):
            if not with_trigger:
                conn.execute("alter table public.outreach_emails disable trigger outreach_emails_state")
            started = time.perf_counter()
            for email_id in email_ids:
                conn.execute("update public.outreach_emails set status = 'replied' where id = %s", [email_id])
            timings.append(time.perf_counter() - started)
    return (timings[0] - timings[1]) / len(email_ids) * 1000


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} (min {min(values):.0f}, max {max(values):.0f})"


def main() -> None:
    sink = Sink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-outreach-")), port=free_port(), durable=True)
    tracking = None
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            client, template = make_client(conn)
            rates, peaks = [], []
            for r in range(ROUNDS):
                campaign = make_campaign(conn, client, template, N, r)
                rate, peak = send_round(conn, cluster, campaign, smtp_port)
                rates.append(rate)
                peaks.append(peak)
            assert sink.count == N * ROUNDS, sink.count
            print(f"sending {N} e-mails x{ROUNDS} rounds (throttling off, a fresh worker per round, concurrency 4, "
                  f"SMTP to aiosmtpd): median {median(rates)} msgs/s; worker peak RSS median "
                  f"{statistics.median(peaks):.1f} MB (max {max(peaks):.1f})")

            rows = conn.execute("select s.email_id, s.token from private.outreach_sends s where s.status = 'sent' "
                                "order by s.email_id limit %s", [EVENTS * ROUNDS * 3]).fetchall()
            tracking, base = start_tracking(cluster)
            direct, one, many = [], [], []
            for r in range(ROUNDS):  # interleaved, so the load of the machine weighs on each alike
                chunk = rows[r * EVENTS * 3:(r + 1) * EVENTS * 3]
                direct.append(direct_sql(conn, [e for e, _ in chunk[:EVENTS]]))
                one.append(asyncio.run(through_http(base, [t for _, t in chunk[EVENTS:2 * EVENTS]], 1, r * 3 * EVENTS)))
                many.append(asyncio.run(through_http(base, [t for _, t in chunk[2 * EVENTS:]], HTTP_CLIENTS,
                                                     (r * 3 + 1) * EVENTS)))
            d, o, m = (statistics.median(v) for v in (direct, one, many))
            print(f"tracking events, {EVENTS} opens x{ROUNDS} rounds: direct SQL (record_tracking_event in a loop, "
                  f"1 connection) median {median(direct)} events/s; through the API (avenir tracking, "
                  f"GET /rpc/track_open, pool 4) 1 client median {median(one)} events/s ({o / d:.2f}x the limit), "
                  f"{HTTP_CLIENTS} clients median {median(many)} events/s ({m / d:.2f}x the limit)")

            opened = [e for (e,) in conn.execute("select id from public.outreach_emails where status = 'opened' "
                                                 "limit %s", [TRIGGER_UPDATES]).fetchall()]
            costs = [trigger_cost_ms(conn, opened) for _ in range(ROUNDS)]
            print(f"state trigger (tg__outreach_email_state): median {statistics.median(costs):.3f} ms per status "
                  f"update (min {min(costs):.3f}, max {max(costs):.3f}; {len(opened)} updates with and without it "
                  f"x{ROUNDS})")
    finally:
        if tracking is not None:
            tracking.terminate()
            tracking.wait(timeout=30)
        controller.stop()
        cluster.destroy()


if __name__ == "__main__":
    main()
