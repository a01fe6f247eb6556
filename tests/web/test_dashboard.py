"""The client dashboard in Chromium (supabase-js served locally): login, the lead list of its own
client only, a hostile lead name shown as text, tagging converted, the reason the database asks for,
notes (add, expand, edit) in the journal, new leads without a reload, the JWT kept out of cookies,
and the growth charts drawn from the growth brain in the client's language."""

from __future__ import annotations

import struct
import time
import zlib

import httpx
from conftest import PASSWORD, _make_client, screenshot

XSS = "<img src=x onerror=alert(1)>"


def submit(web, client, name: str, email: str, message: str) -> str:
    """A lead from the client's site, as the browser form sends it (form key and the site's Origin)."""
    answer = httpx.post(web.api_url + "/rest/v1/rpc/submit_lead", headers={"Origin": web.site_url},
                        json={"api_key": client.form_key, "name": name, "email": email, "message": message})
    assert answer.status_code == 200, answer.text
    return answer.json()["lead_id"]


def log_in(page, web, client) -> None:
    page.goto(web.web_url + "/dashboard/")
    page.fill("#login-email", client.email)
    page.fill("#login-password", PASSWORD)
    page.press("#login-password", "Enter")
    page.wait_for_selector("#app-view:not([hidden])")


def wait_until(page, expression: str, timeout: float = 20) -> None:
    """Poll a page expression until it is truthy (page.wait_for_function would eval a string, which the
    dashboard's CSP rightly forbids); a bound, not a timing check."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


def png_is_drawn(png: bytes) -> bool:
    """True when the image has more than a handful of distinct byte values (not a blank area)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            data += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(data))) > 20


def test_login_list_tag_converted_notes_and_journal(web, open_browser, db):
    a, _ = web.clients
    hostile = submit(web, a, XSS, "xss@dashboard.test", "Hello <script>alert(2)</script>")
    page = open_browser("en-US")
    log_in(page, web, a)
    row = page.wait_for_selector(f"tr[data-lead-id='{hostile}']")
    assert row.query_selector("td button").text_content() == XSS  # shown as text
    assert page.query_selector("#leads-table img") is None and page.dialogs == []
    assert page.context.cookies() == []  # the JWT is no cookie: nothing the API would take without the page
    assert page.evaluate("sessionStorage.getItem('avenir.session')").count(".") == 2

    row.query_selector("td button").click()
    page.wait_for_selector(f"#lead-detail[data-lead-id='{hostile}']")
    assert page.text_content("#detail-message") == "Hello <script>alert(2)</script>"
    assert page.query_selector("#journal li[data-action=created]") is not None

    page.click("#d-convert")
    page.wait_for_selector("#journal li[data-action=tagged]")
    lead = db.execute("select current_tag from lead_memory where id = %s", [hostile]).fetchone()
    assert lead["current_tag"] == "Converted"
    assert db.execute("select conversion_outcome from lead_actions where lead_id = %s and action_type = 'tagged'",
                      [hostile]).fetchone()["conversion_outcome"] is True

    # Re-tagging a converted lead: the database asks for a reason; the page asks the user for it.
    page.select_option("#d-tag", "Hot Lead")
    page.click("#d-tag-apply")
    page.wait_for_selector("#reason-row:not([hidden])")
    assert "reversion_reason" in page.text_content("#detail-error")
    page.fill("#d-reason", "The customer cancelled the order")
    page.click("#d-tag-apply")
    page.wait_for_selector("#journal li:has-text('The customer cancelled the order')")
    lead = db.execute("select current_tag from lead_memory where id = %s", [hostile]).fetchone()
    assert lead["current_tag"] == "Hot Lead"

    note = "Called back on Monday.\nWants <b>two</b> quotes."
    page.fill("#note-text", note)
    page.click("#note-form button")
    box = page.wait_for_selector("#journal details.note")
    assert not box.query_selector(".note-text").is_visible()  # collapsed until expanded
    box.query_selector("summary").click()
    assert box.query_selector(".note-text").text_content() == note
    box.query_selector(".note-edit").click()
    page.fill(".note-editor", "Quote sent.")
    page.click(".note-save")
    page.wait_for_selector("#journal details.note summary:has-text('Quote sent.')")
    notes = db.execute("select note from lead_notes where lead_id = %s", [hostile]).fetchall()
    assert [r["note"] for r in notes] == ["Quote sent."]
    actions = [r["action_type"] for r in db.execute(
        "select action_type from lead_actions where lead_id = %s order by timestamp", [hostile])]
    assert actions == ["created", "tagged", "tagged", "note_added", "note_updated"]

    # A new lead from the site appears without a reload (the page polls for leads newer than its newest).
    fresh = submit(web, a, "Fresh Lead", "fresh@dashboard.test", "Just arrived")
    page.wait_for_selector(f"tr[data-lead-id='{fresh}']", timeout=20000)
    screenshot(page, "dashboard.png")


def test_a_client_sees_only_its_own_leads(web, open_browser):
    a, b = web.clients
    mine = submit(web, a, "Lead of A", "lead-a@tenancy.test", "For A")
    page = open_browser("fr-FR")
    log_in(page, web, b)
    page.wait_for_selector("#leads-body tr")
    assert page.query_selector(f"tr[data-lead-id='{mine}']") is None
    assert page.evaluate("window.avenirDashboard.model.leads.length") == 0
    assert page.text_content("h1") == "Tableau de bord Avenir"  # client b's language


SEED = """
insert into public.lead_memory (client_id, name, email, message, intent, tone, urgency, confidence_score,
                                language, created_at)
select %(client)s, 'Lead ' || i, 'lead' || i || '@growth.test', 'message ' || i,
       (array['Pricing Inquiry', 'Demo Request', 'Support Request'])[1 + i %% 3],
       (array['Professional', 'Friendly'])[1 + i %% 2],
       (array['High', 'Medium', 'Low', 'Low'])[1 + i %% 4], 0.8,
       case when i %% 5 = 0 then 'en' else 'fr' end, now() - (i || ' hours')::interval * 9
  from generate_series(1, 30) i
"""


def test_growth_charts_render_from_the_growth_brain_in_french(web, open_browser, db, db_url):
    c = _make_client(db_url, "Croissance", "fr", [web.site_url])
    try:
        # The leads as the enrichment leaves them (intent, tone, urgency, language), over 12 days.
        db.execute(SEED, {"client": c.client_id})
        page = open_browser("fr-FR")
        log_in(page, web, c)
        page.click("[data-tab=growth]")
        page.click("#refresh-growth")
        page.wait_for_selector("#chart-urgency svg[data-chart-bars='3']")
        brain = db.execute("select * from growth_brain where client_id = %s", [c.client_id]).fetchone()
        model = page.evaluate("window.avenirDashboard.model.growth")
        assert brain["total_leads"] == 30 == model["total_leads"]
        ud = brain["urgency_distribution"]
        assert [(u["label"], u["value"]) for u in model["urgency"]] == [
            ("Élevée", ud["high"]), ("Moyenne", ud["medium"]), ("Faible", ud["low"])]
        assert (ud["high"], ud["medium"], ud["low"]) == (7, 8, 15)
        assert [(i["key"], i["label"], i["value"]) for i in model["intents"]] == [
            (i["intent"], i["intent_fr"], i["count"]) for i in brain["top_intents"]]
        assert {i["label"] for i in model["intents"]} == {"Demande de tarifs", "Demande de démo", "Demande de support"}
        assert {t["label"] for t in model["tones"]} == {"Professionnel", "Amical"}
        assert sum(w["value"] for w in model["weeks"]) == 30
        assert [x["value"] for x in model["languages"]] == [20.0, 80.0]
        drawn = page.eval_on_selector_all("#chart-urgency svg g", "gs => gs.map(g => Number(g.dataset.value))")
        assert drawn == [ud["high"], ud["medium"], ud["low"]]
        assert page.text_content("#insights .summary") == brain["predictive_insights"]["fr"]["summary"]
        assert png_is_drawn(screenshot(page.locator(".charts"), "growth-charts.png"))
        assert not png_is_drawn(page.locator("#notice").screenshot())  # the check can fail: an empty line is blank
    finally:
        db.execute("delete from public.clients where client_id = %s", [c.client_id])


def test_filters_pages_lifecycle_correction_and_settings(web, open_browser, db, db_url):
    c = _make_client(db_url, "Réglages", "en", [web.site_url])
    try:
        db.execute(SEED, {"client": c.client_id})
        page = open_browser("en-US")
        log_in(page, web, c)
        page.wait_for_selector("#leads-body tr[data-lead-id]")
        # Keyset pages of 25 on the newest-first index: 30 leads are 25 then 5, with no overlap.
        first = page.evaluate("window.avenirDashboard.model.leads.map(l => l.id)")
        page.click("#next-page")
        wait_until(page, "document.querySelector('#page-label').textContent === 'Page 2'")
        second = page.evaluate("window.avenirDashboard.model.leads.map(l => l.id)")
        assert (len(first), len(second), len(set(first) & set(second))) == (25, 5, 0)
        # Filters: urgency High (7 of the seed) and a search on the message.
        page.select_option("#f-urgency", "High")
        page.click("#filters button")
        wait_until(page, "window.avenirDashboard.model.leads.length === 7")
        assert {lead["urgency"] for lead in page.evaluate("window.avenirDashboard.model.leads")} == {"High"}
        page.select_option("#f-urgency", "")
        page.fill("#f-search", "message 12")
        page.click("#filters button")
        wait_until(page, "window.avenirDashboard.model.leads.length === 1")
        lead = page.evaluate("window.avenirDashboard.model.leads[0]")
        assert lead["name"] == "Lead 12"

        # Archive hides it from the active list; reactivate brings it back.
        page.click(f"tr[data-lead-id='{lead['id']}'] button")
        page.wait_for_selector(f"#lead-detail[data-lead-id='{lead['id']}']")
        page.click("#d-archive")
        wait_until(page, "window.avenirDashboard.model.leads.length === 0")
        page.check("#f-archived")
        page.click("#filters button")
        page.wait_for_selector(f"tr[data-lead-id='{lead['id']}'] td.tag:has-text('archived')")
        page.click("#d-reactivate")
        page.wait_for_selector("#journal li[data-action=reactivated]")
        archived = db.execute("select archived from lead_memory where id = %s", [lead["id"]]).fetchone()
        assert archived["archived"] is False

        # Correct the AI: the database stores the correction and audits it.
        page.click("#correct-box summary")
        page.select_option("#c-urgency", "Low")
        page.select_option("#c-intent", "Demo Request")
        page.click("#c-apply")
        page.wait_for_selector("#journal li[data-action=analysis_corrected]")
        row = db.execute("select urgency, intent from lead_memory where id = %s", [lead["id"]]).fetchone()
        assert (row["urgency"], row["intent"]) == ("Low", "Demo Request")

        # Settings: a bad site is refused with the database's message; a good one is saved; the API key
        # is rotated and shown once (the database keeps only its digest).
        page.click("[data-tab=settings]")
        page.fill("#form-origins", "https://www.example.com/contact")
        page.click("#save-origins")
        page.wait_for_selector("#settings-error:has-text('invalid site origin')")
        page.fill("#form-origins", "https://www.example.com\n" + web.site_url)
        page.click("#save-origins")
        wait_until(page, "document.querySelector('#notice').textContent === 'Saved.'")
        origins = db.execute("select form_origins from clients where client_id = %s", [c.client_id]).fetchone()
        assert sorted(origins["form_origins"]) == sorted(["https://www.example.com", web.site_url])
        page.click("#rotate-api-key")
        shown = page.wait_for_selector("#new-api-key:not([hidden])").text_content()
        new_key = shown.rsplit(" ", 1)[-1]
        assert new_key.startswith("avk_") and new_key != c.api_key
        digest = db.execute("select api_key_hash = private.api_key_digest(%s) as same from clients "
                            "where client_id = %s", [new_key, c.client_id]).fetchone()
        assert digest["same"] is True

        # The UI in French: the page's words and the database's vocabulary labels.
        page.select_option("#ui-lang", "fr")
        wait_until(page, "document.querySelector('h1').textContent === 'Tableau de bord Avenir'")
        assert "Élevée" in page.eval_on_selector_all("#f-urgency option", "os => os.map(o => o.textContent)")
    finally:
        db.execute("delete from public.clients where client_id = %s", [c.client_id])
