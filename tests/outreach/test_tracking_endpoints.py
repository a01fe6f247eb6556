"""What a mail client does with a sent outreach e-mail, over real HTTP against `avenir tracking` and a
real database: it fetches the pixel, follows a link, and posts the RFC 8058 one-click unsubscribe.
The URLs are the ones the database wrote into the message (begin_outreach_send with the service's base)."""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool
from worker_process import wait_for

from avenir.tracking.app import APPLICATION_NAME, Tracking


def sent(c, base: str) -> tuple[dict, dict]:
    """One e-mail approved and sent with the tracking service as AVENIR_TRACKING_URL: (e-mail, pieces)."""
    c.queue()
    c.approve_all()
    email = c.emails()[0]
    with c.db.transaction():
        c.db.execute("set local role service_role")
        piece = c.db.execute("select public.begin_outreach_send(%s, 'smtp', 'avenir.localhost', %s) as p",
                             [email["id"], base]).fetchone()["p"]
        c.db.execute("select public.finish_outreach_send(%s, 'sent', '{}')", [email["id"]])
    return email, piece


def links(piece: dict) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', piece["html"])]


def pixel(piece: dict) -> str:
    return html.unescape(re.search(r'<img src="([^"]+)"', piece["html"])[1])


def events(c, action: str) -> list[dict]:
    return c.db.execute("select * from public.outreach_tracking where campaign_id = %s and action = %s",
                        [c.id, action]).fetchall()


@pytest.fixture
def http():
    with httpx.Client(timeout=30, follow_redirects=False) as client:
        yield client


def forge(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def test_the_pixel_answers_an_uncached_gif_and_records_one_open(campaign, tracking, http):
    c = campaign(1)
    email, piece = sent(c, tracking.url)
    url = pixel(piece)
    assert url == f"{tracking.url}/rpc/track_open?t={piece['token']}"
    r = http.get(url, headers={"User-Agent": "Thunderbird/115.0"})
    assert r.status_code == 200 and r.headers["content-type"] == "image/gif"
    assert r.content.startswith(b"GIF89a") and r.content.endswith(b";") and len(r.content) == 43
    assert "no-store" in r.headers["cache-control"]
    (opened,) = events(c, "opened")
    assert opened["email_id"] == email["id"] and opened["metadata"]["user_agent"] == "Thunderbird/115.0"
    assert opened["metadata"]["source"] == "pixel"
    proxy = http.get(url, headers={"User-Agent": "Mozilla/5.0 (via ggpht.com GoogleImageProxy)"})
    assert proxy.status_code == 200
    # (the first open came within 2 s of the send, so either may be a machine open; this one is by its agent)
    assert "google_image_proxy" in {e["metadata"].get("machine_reason") for e in events(c, "opened")}


def test_a_click_redirects_only_to_a_link_of_the_sent_email(campaign, tracking, http):
    c = campaign(1)
    email, piece = sent(c, tracking.url)
    tracked = links(piece)
    assert tracked == [f"{tracking.url}/rpc/track_click?t={piece['token']}&l={n}" for n in (1, 2)]
    r = http.get(tracked[1])
    assert r.status_code == 302 and r.headers["location"] == "https://cal.avenir.localhost/book"
    assert "no-store" in r.headers["cache-control"]
    first = http.get(tracked[0])
    assert first.status_code == 302 and first.headers["location"] == "https://avenir.localhost/demo?x=1&y=2"
    # Nothing from the request is ever a redirect target.
    for bad in (f"?t={piece['token']}&l=3", f"?t={piece['token']}&l=0", f"?t={piece['token']}&l=-1",
                f"?t={piece['token']}&l=1&l=2", f"?t={piece['token']}&l=1&url=https://evil.localhost/",
                f"?t={piece['token']}", f"?t={piece['token']}&l=1" + "&x=1" * 10):
        answer = http.get(f"{tracking.url}/rpc/track_click{bad}")
        if "url=" in bad:  # an extra parameter is ignored, the target is still link 1
            assert answer.headers["location"] == "https://avenir.localhost/demo?x=1&y=2"
        else:
            assert answer.status_code == 404 and "location" not in answer.headers, bad
    assert sorted(e["metadata"]["url"] for e in events(c, "clicked")) == [
        "https://avenir.localhost/demo?x=1&y=2", "https://avenir.localhost/demo?x=1&y=2",
        "https://cal.avenir.localhost/book"]
    assert c.emails()[0]["status"] == "opened"


def test_forged_or_malformed_tokens_are_404_and_write_nothing(campaign, tracking, http, db):
    c = campaign(1)
    _, piece = sent(c, tracking.url)
    before = db.execute("select count(*) as n from public.outreach_tracking").fetchone()["n"]
    for token in (forge(piece["token"]), "../../etc/passwd", "x" * 33, "", "%00" * 32, "A" * 5000):
        base = f"{tracking.url}/rpc"
        answers = [http.get(f"{base}/track_open", params={"t": token}),
                   http.get(f"{base}/track_click", params={"t": token, "l": "1"}),
                   http.post(f"{base}/unsubscribe_outreach", params={"t": token},
                             content=b"List-Unsubscribe=One-Click",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})]
        assert [a.status_code for a in answers] == [404, 404, 404], token[:40]
        assert all("location" not in a.headers and a.headers["content-type"].startswith("text/plain")
                   for a in answers)
    assert db.execute("select count(*) as n from public.outreach_tracking").fetchone()["n"] == before
    assert c.emails()[0]["status"] == "sent"
    assert http.get(f"{tracking.url}/rpc/record_tracking_event").status_code == 404
    assert http.post(f"{tracking.url}/rpc/track_open", params={"t": piece["token"]}).status_code == 405


def test_one_click_unsubscribe_suppresses_the_address_once(campaign, tracking, http, db):
    c = campaign(1)
    email, piece = sent(c, tracking.url)
    url = piece["unsubscribe_url"]
    assert url == f"{tracking.url}/rpc/unsubscribe_outreach?t={piece['token']}"
    # A GET (a link scanner, a person's browser) shows the button and changes nothing.
    page = http.get(url)
    assert page.status_code == 200 and 'value="One-Click"' in page.text and events(c, "unsubscribed") == []
    # Not the RFC 8058 body: refused, nothing written.
    wrong = http.post(url, content=b"List-Unsubscribe=Yes",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong.status_code == 400 and events(c, "unsubscribed") == []
    many = http.post(url, content=b"&".join([b"a=1"] * 20) + b"&List-Unsubscribe=One-Click",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert many.status_code == 400 and events(c, "unsubscribed") == []
    big = http.post(url, content=b"List-Unsubscribe=One-Click&" + b"x" * 4096,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert big.status_code == 413 and events(c, "unsubscribed") == []
    # What a mail provider posts, twice (retries happen): one event, the address suppressed.
    for _ in range(2):
        r = http.post(url, content=b"List-Unsubscribe=One-Click",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 200 and "no more e-mails" in r.text and "Vous ne recevrez plus" in r.text
    multipart = http.post(url, files={"List-Unsubscribe": (None, "One-Click")})
    assert multipart.status_code == 200
    assert len(events(c, "unsubscribed")) == 1
    row = db.execute("select reason from private.outreach_suppressions where client_id = %s and address = %s",
                     [c.client_id, email["prospect_email"]]).fetchone()
    assert row["reason"] == "unsubscribed"


def test_each_address_has_a_tracking_budget_then_429_with_retry_after(campaign, tracking, http, db):
    c = campaign(1)
    _, piece = sent(c, tracking.url)
    per_minute = db.execute("select per_window from private.address_budget_limit('tracking')").fetchone()["per_window"]
    stranger = {"X-Forwarded-For": "203.0.113.77"}
    # Guessing tokens from one address: each guess is counted (a 404 is not rolled back) ...
    guesses = [http.get(f"{tracking.url}/rpc/track_open", params={"t": forge(piece["token"])}, headers=stranger)
               for _ in range(per_minute)]
    assert {g.status_code for g in guesses} == {404}
    # ... so the next call of that minute is refused, whatever it names, with nothing written.
    before = len(events(c, "clicked"))
    refused = [http.get(links(piece)[0], headers=stranger), http.get(pixel(piece), headers=stranger),
               http.post(piece["unsubscribe_url"], content=b"List-Unsubscribe=One-Click", headers={
                   **stranger, "Content-Type": "application/x-www-form-urlencoded"})]
    assert [r.status_code for r in refused] == [429, 429, 429]
    assert all(1 <= int(r.headers["retry-after"]) <= 60 and "location" not in r.headers for r in refused)
    assert "trop de demandes" in refused[0].text
    assert len(events(c, "clicked")) == before and events(c, "unsubscribed") == []
    assert db.execute("select used, refused from private.address_budgets where scope = 'tracking' and "
                      "client_address = '203.0.113.77'").fetchone() == {"used": per_minute, "refused": 3}
    # Another address (the peer's own when no proxy header is sent) is not affected.
    assert http.get(links(piece)[0]).status_code == 302
    assert http.get(links(piece)[0], headers={"X-Forwarded-For": "203.0.113.78"}).status_code == 302


def _traced_check(db_url: str, check, terminate=None) -> tuple[str, bool]:
    """What `check` sends to the server on an idle connection (libpq's trace of it) and whether it left the
    connection closed; `terminate(pid)` first ends the connection's backend from the server's side."""
    async def run() -> tuple[str, bool]:
        conn = await psycopg.AsyncConnection.connect(db_url, autocommit=True)
        try:
            if terminate is not None:
                terminate(conn.info.backend_pid)
            with tempfile.TemporaryDirectory() as d:
                trace = Path(d) / "trace"
                with trace.open("w") as f:
                    conn.pgconn.trace(f.fileno())
                    try:
                        await check(conn)
                    except psycopg.OperationalError:
                        pass
                    if not conn.closed:
                        conn.pgconn.untrace()
                return trace.read_text(), conn.closed
        finally:
            await conn.close()
    return asyncio.run(run())


def test_the_pool_check_costs_no_round_trip_and_drops_a_connection_the_server_closed(db_url, db):
    # The pool's own check sent an empty query before every request: one more round trip in each pixel's path.
    sent_by_pool_check, _ = _traced_check(db_url, AsyncConnectionPool.check_connection)
    assert "Query" in sent_by_pool_check  # the trace sees a round trip when there is one
    assert _traced_check(db_url, Tracking.check_connection) == ("", False)

    def terminate(pid: int) -> None:
        db.execute("select pg_terminate_backend(%s)", [pid])
        wait_for(lambda: db.execute("select count(*) as n from pg_stat_activity where pid = %s",
                                    [pid]).fetchone()["n"] == 0, what="the backend to end")

    sent, closed = _traced_check(db_url, Tracking.check_connection, terminate)
    assert "Query" not in sent and closed  # closed (a Terminate only), so the pool drops it and opens another


def test_the_pixel_still_answers_after_the_server_closed_the_services_connections(campaign, tracking, http, db):
    c = campaign(1)
    _, piece = sent(c, tracking.url)
    assert http.get(pixel(piece)).status_code == 200
    backends = [r["pid"] for r in db.execute("select pid from pg_stat_activity where application_name = %s",
                                             [APPLICATION_NAME]).fetchall()]
    assert backends
    db.execute("select pg_terminate_backend(pid) from unnest(%s::int[]) pid", [backends])
    wait_for(lambda: db.execute("select count(*) as n from pg_stat_activity where pid = any(%s)",
                                [backends]).fetchone()["n"] == 0, what="the backends to end")
    assert [http.get(pixel(piece)).status_code for _ in range(3)] == [200, 200, 200]
    assert len(events(c, "opened")) == 4
