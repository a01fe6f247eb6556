"""Tracking over real HTTP through the gateway (issue 15, item 4): the click redirect, the open
pixel's call, the one-click unsubscribe and duplicated provider webhooks, all by RPC."""

from __future__ import annotations

import httpx
import pytest


def sent(c) -> tuple[dict, str]:
    """One e-mail of the campaign, approved and sent (begin + finish as the worker would)."""
    c.queue()
    c.approve_all()
    email = c.emails()[0]
    with c.db.transaction():
        c.db.execute("set local role service_role")
        c.db.execute("select public.begin_outreach_send(%s, 'smtp', 'avenir.localhost', 'http://127.0.0.1:1')",
                     [email["id"]])
        c.db.execute("select public.finish_outreach_send(%s, 'sent', '{}')", [email["id"]])
    return email, c.sends()[0]["token"]


@pytest.fixture
def client(api):
    with httpx.Client(base_url=api.url + "/rest/v1", headers={"apikey": api.anon_key}, timeout=30) as http:
        yield http


def events(c, action: str) -> list[dict]:
    return c.db.execute("select * from public.outreach_tracking where campaign_id = %s and action = %s",
                        [c.id, action]).fetchall()


def test_a_click_redirects_only_to_a_link_of_the_sent_email(campaign, client):
    c = campaign(1)
    email, token = sent(c)
    r = client.post("/rpc/track_click", json={"t": token, "l": 2}, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "https://cal.avenir.localhost/book"
    assert client.post("/rpc/track_click", json={"t": token, "l": 3}).status_code == 404
    forged = client.post("/rpc/track_click", json={"t": token[:-1] + ("A" if token[-1] != "A" else "B"), "l": 1})
    assert forged.status_code == 404 and forged.json()["code"] == "PT404"
    assert client.post("/rpc/track_click", json={"t": "../../etc", "l": 1}).status_code == 404
    (click,) = events(c, "clicked")
    assert click["metadata"]["url"] == "https://cal.avenir.localhost/book" and click["email_id"] == email["id"]
    assert c.emails()[0]["status"] == "opened"  # a click proves the e-mail was opened


def test_the_open_pixel_tells_proxy_opens_apart(campaign, client):
    c = campaign(1)
    _, token = sent(c)
    proxy = client.post("/rpc/track_open", json={"t": token},
                        headers={"User-Agent": "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
                                               "(via ggpht.com GoogleImageProxy)"})
    assert proxy.status_code == 200 and proxy.json()["machine_open"] is True
    assert c.emails()[0]["status"] == "delivered"
    human = client.post("/rpc/track_open", json={"t": token}, headers={"User-Agent": "Thunderbird/115.0"})
    # within 2 s of the send this would also count as a machine open; the send was begun just now
    assert human.status_code == 200
    assert len(events(c, "opened")) == 2


def test_one_click_unsubscribe_takes_effect_at_once_and_is_idempotent(campaign, client, db):
    c = campaign(2)
    email, token = sent(c)
    for _ in range(2):
        r = client.post("/rpc/unsubscribe_outreach", json={"t": token})
        assert r.status_code == 200 and r.json()["unsubscribed"] is True
    assert len(events(c, "unsubscribed")) == 1
    row = db.execute("select reason from private.outreach_suppressions where client_id = %s and address = %s",
                     [c.client_id, email["prospect_email"]]).fetchone()
    assert row["reason"] == "unsubscribed"
    # The next send to that address is skipped.
    with db.transaction():
        db.execute("set local role service_role")
        db.execute("insert into public.outreach_emails (client_id, campaign_id, prospect_email, follow_up_sequence, "
                   "subject, content, status) values (%s, %s, %s, 2, 's', 'c', 'pending')",
                   [c.client_id, c.id, email["prospect_email"]])
    c.approve_all()
    follow_up = next(e for e in c.emails("approved") if e["prospect_email"] == email["prospect_email"])
    with db.transaction():
        db.execute("set local role service_role")
        begun = db.execute("select public.begin_outreach_send(%s, 'smtp', 'avenir.localhost') as b",
                           [follow_up["id"]]).fetchone()["b"]
    assert begun == {"action": "skip", "reason": "suppressed"}


def test_duplicated_provider_webhooks_are_one_event(campaign, api, db):
    c = campaign(1)
    email, _ = sent(c)
    with httpx.Client(base_url=api.url + "/rest/v1", timeout=30,
                      headers={"apikey": api.service_key, "Authorization": f"Bearer {api.service_key}"}) as svc:
        body = {"email_id": str(email["id"]), "action": "delivered", "metadata": {"event_id": "wh-123"}}
        answers = [svc.post("/rpc/record_tracking_event", json=body) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json()["recorded"] for a in answers] == [True, False, False]
    assert len(events(c, "delivered")) == 1 and c.emails()[0]["status"] == "delivered"
    anon = httpx.post(api.url + "/rest/v1/rpc/record_tracking_event", json=body, headers={"apikey": api.anon_key})
    assert anon.status_code in (401, 403, 404)


def test_the_tracking_budget_of_an_address_holds_through_the_gateway_too(campaign, client, db):
    c = campaign(1)
    _, token = sent(c)
    per_minute = db.execute("select per_window from private.address_budget_limit('tracking')").fetchone()["per_window"]
    stranger = {"X-Forwarded-For": "203.0.113.90"}
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert {client.post("/rpc/track_open", json={"t": forged}, headers=stranger).status_code
            for _ in range(per_minute)} == {404}
    refused = client.post("/rpc/track_click", json={"t": token, "l": 1}, headers=stranger, follow_redirects=False)
    assert refused.status_code == 429 and refused.json()["code"] == "PT429"
    assert 1 <= int(refused.headers["retry-after"]) <= 60 and "location" not in refused.headers
    assert events(c, "clicked") == []
    other = client.post("/rpc/track_click", json={"t": token, "l": 1}, headers={"X-Forwarded-For": "203.0.113.91"},
                        follow_redirects=False)
    assert other.status_code == 302
