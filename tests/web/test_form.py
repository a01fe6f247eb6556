"""The embeddable form on a client's site (another origin than the script and the API), in Chromium:
it submits, shows the API's errors next to their field in the visitor's language, retries with the
same body after a 5xx, a lost answer or an offline spell without making a second lead, enhances a
site's own form, and is refused from a site the client did not allow."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from conftest import screenshot


def leads_of(db, client_id: str, email: str) -> list[dict]:
    return db.execute("select name, email, message, language from public.lead_memory "
                      "where client_id = %s and email = %s", [client_id, email]).fetchall()


def fill(page, name: str, email: str, message: str) -> None:
    # By label and keyboard, as a visitor would: every field has a label, the button is reached by Tab.
    page.get_by_label(page.evaluate("document.querySelector('.avenir-form label').textContent")).fill(name)
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(message)
    page.keyboard.press("Tab")


def test_the_form_on_another_origin_submits_a_lead_for_its_client_only(web, open_browser, db):
    a, b = web.clients
    assert web.site_url.split(":")[-1] not in (web.web_url.split(":")[-1], web.api_url.split(":")[-1])
    page = open_browser("en-US")
    page.goto(web.site_url + "/")
    page.wait_for_selector("form[data-avenir-form]")
    fill(page, "Grace Hopper", "grace@site.test", "We need lighting for two shops.")
    page.keyboard.press("Enter")  # the focused Send button
    page.wait_for_selector(".avenir-form-status[data-state=sent]")
    assert page.text_content(".avenir-form-status") == (
        "Thank you, your message has been sent. We will get back to you soon.")
    screenshot(page, "form.png")
    assert leads_of(db, a.client_id, "grace@site.test") == [
        {"name": "Grace Hopper", "email": "grace@site.test", "message": "We need lighting for two shops.",
         "language": "en"}]
    assert leads_of(db, b.client_id, "grace@site.test") == []
    # The browser could only post because the API answers the CORS preflight for the site's origin.
    preflight = httpx.options(web.api_url + "/rest/v1/rpc/submit_lead", headers={
        "Origin": web.site_url, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", web.site_url)
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_a_validation_error_shows_next_to_its_field_in_french(web, open_browser, db):
    a, _ = web.clients
    page = open_browser("fr-FR")
    page.goto(web.site_url + "/")
    page.wait_for_selector("form[data-avenir-form]")
    assert page.text_content(".avenir-form legend") == "Contactez-nous"
    fill(page, "Jean Dupont", "jean@exemple", "Bonjour, un devis pour notre boutique ?")
    page.click(".avenir-form-send")
    error = page.wait_for_selector("[data-field-error=email]:not(:empty)")
    assert error.text_content().startswith("l'adresse e-mail n'est pas valide")
    email_input = page.locator("input[name=email]")
    assert email_input.get_attribute("aria-invalid") == "true"
    assert email_input.get_attribute("aria-describedby") == error.get_attribute("id")
    assert page.evaluate("document.activeElement.name") == "email"  # focus moved to the field at fault
    assert page.text_content("[data-field-error=name]") == ""
    assert error.get_attribute("aria-live") == "assertive"
    assert leads_of(db, a.client_id, "jean@exemple") == []


def test_a_5xx_and_a_lost_answer_are_retried_with_the_same_body_and_make_one_lead(web, open_browser, db):
    a, _ = web.clients
    page = open_browser("en-US")
    bodies: list[str] = []
    answers = iter(["503", "lost", "pass"])

    def handle(route):
        if route.request.method != "POST":
            return route.continue_()
        bodies.append(route.request.post_data)
        what = next(answers, "pass")
        if what == "503":
            return route.fulfill(status=503, content_type="application/json",
                                 body='{"code": "PGRST003", "message": "busy", "details": null, "hint": null}')
        if what == "lost":
            route.fetch()  # the API stores the lead, then the answer never reaches the page
            return route.abort("connectionreset")
        return route.continue_()

    page.route("**/rest/v1/rpc/submit_lead", handle)
    page.goto(web.site_url + "/")
    page.wait_for_selector("form[data-avenir-form]")
    fill(page, "Ada", "ada@retry.test", "Please call me back.")
    page.click(".avenir-form-send")
    page.wait_for_selector(".avenir-form-status[data-state=sent]", timeout=20000)
    assert len(bodies) == 3 and len(set(bodies)) == 1
    assert json.loads(bodies[0])["api_key"] == a.form_key
    assert len(leads_of(db, a.client_id, "ada@retry.test")) == 1


def test_offline_the_visitor_is_told_and_the_text_is_sent_when_back_online(web, open_browser, db):
    a, _ = web.clients
    page = open_browser("en-US")
    page.goto(web.site_url + "/")
    page.wait_for_selector("form[data-avenir-form]")
    fill(page, "Linus", "linus@offline.test", "Offline first.")
    page.context.set_offline(True)
    page.click(".avenir-form-send")
    page.wait_for_selector(".avenir-form-status[data-state=lost]", timeout=20000)
    assert "could not be sent yet" in page.text_content(".avenir-form-status")
    assert page.input_value("textarea[name=message]") == "Offline first."  # nothing lost
    assert leads_of(db, a.client_id, "linus@offline.test") == []
    page.context.set_offline(False)
    page.wait_for_selector(".avenir-form-status[data-state=sent]", timeout=20000)
    assert len(leads_of(db, a.client_id, "linus@offline.test")) == 1


def test_the_script_enhances_the_sites_own_form(web, open_browser, db):
    a, _ = web.clients
    page = open_browser("fr-FR")  # data-lang="en" on that page wins over the browser's language
    page.goto(web.site_url + "/existing.html")
    page.wait_for_selector("form#contact[data-avenir-form]")
    page.fill("#full_name", "Hedy Lamarr")
    page.fill("#mail", "hedy@own-form.test")
    page.fill("#body", "Frequency hopping lamps?")
    page.click("#contact button")
    page.wait_for_selector(".avenir-form-status[data-state=sent]")
    assert leads_of(db, a.client_id, "hedy@own-form.test") == [
        {"name": "Hedy Lamarr", "email": "hedy@own-form.test", "message": "Frequency hopping lamps?",
         "language": "en"}]


class _CopiedPage(BaseHTTPRequestHandler):
    html = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.html)))
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args):
        pass


def test_a_site_the_client_did_not_allow_is_refused(web, open_browser, db):
    a, _ = web.clients
    page = open_browser("en-US")
    # A page on a third loopback origin copies the client's script tag (the key is public): refused.
    handler = type("Copied", (_CopiedPage,), {"html": (
        f'<!doctype html><html><body><script src="{web.web_url}/form.js" data-api="{web.api_url}" '
        f'data-key="{a.form_key}"></script></body></html>').encode()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        refused_on_copy(page)
    finally:
        server.shutdown()
        server.server_close()
    assert leads_of(db, a.client_id, "mallory@copy.test") == []


def refused_on_copy(page) -> None:
    page.wait_for_selector("form[data-avenir-form]")
    fill(page, "Mallory", "mallory@copy.test", "Copied key")
    page.click(".avenir-form-send")
    page.wait_for_selector(".avenir-form-status[data-state=refused]")
    assert "this site may not send leads with this form key" in page.text_content(".avenir-form-status")


def test_the_pages_carry_a_content_security_policy(web):
    site = httpx.get(web.site_url + "/")
    assert f"script-src {web.web_url}" in site.headers["content-security-policy"]
    assert f"connect-src {web.api_url}" in site.headers["content-security-policy"]
    dashboard = httpx.get(web.web_url + "/dashboard/")
    csp = dashboard.headers["content-security-policy"]
    assert "script-src 'self'" in csp and f"connect-src 'self' {web.api_url}" in csp and "'unsafe-inline'" not in csp
    assert httpx.get(web.web_url + "/dashboard/../conftest.py").status_code == 404
