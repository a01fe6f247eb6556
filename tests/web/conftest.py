"""The pages in a real browser: Debian's chromium driven by Playwright, against the real gateway and
database of the test run and the real `avenir web` server. Three loopback origins: the API, the web
origin (form script, dashboard) and the client's site (another port), as on a client's real site.

Tenants are committed (the browser's requests are real transactions), so each is deleted afterwards.
Screenshots go to tests/screenshots/ (git-ignored); the README shows two of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS
from psycopg.rows import dict_row

from avenir.local.cluster import free_port
from avenir.local.paths import project_root

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
PASSWORD = "correct horse battery staple"


@dataclass
class Client:
    client_id: str
    email: str
    api_key: str
    form_key: str


@dataclass
class Web:
    web_url: str
    site_url: str
    api_url: str
    clients: tuple[Client, Client]  # a: its form key is on the site; b: another tenant
    process: subprocess.Popen


def _make_client(db_url: str, name: str, language: str, origins: list[str]) -> Client:
    email = f"owner-{uuid.uuid4().hex[:12]}@web.test"
    with psycopg.connect(db_url, row_factory=dict_row, autocommit=True) as conn:
        conn.execute("select tests.authenticate_as('service_role')")
        made = conn.execute("select create_client(%s, %s, %s, %s) as r",
                            [name, email, PASSWORD, language]).fetchone()["r"]
        conn.execute("select tests.clear_authentication()")
        # As the client would from its dashboard's settings, done here once for the fixture.
        key = conn.execute("update public.clients set form_key = private.new_form_key(), form_origins = %s "
                           "where client_id = %s returning form_key", [origins, made["client_id"]]).fetchone()
    return Client(made["client_id"], email, made["api_key"], key["form_key"])


@pytest.fixture(scope="session")
def web(api, db_url: str) -> Iterator[Web]:
    web_port, site_port = free_port(), free_port()
    site_origin = f"http://127.0.0.1:{site_port}"
    a = _make_client(db_url, "Atelier Lumen", "en", [site_origin])
    b = _make_client(db_url, "Other Tenant", "fr", ["http://127.0.0.1:9"])
    env = {**os.environ, "AVENIR_API_URL": api.url, "AVENIR_ANON_KEY": api.anon_key,
           "AVENIR_WEB_PORT": str(web_port), "AVENIR_SITE_PORT": str(site_port), "AVENIR_SITE_FORM_KEY": a.form_key}
    log = open(Path(tempfile.mkdtemp(prefix="avenir-web-")) / "web.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen([sys.executable, "-m", "avenir.cli", "web"], cwd=project_root(), env=env,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    web_url = f"http://127.0.0.1:{web_port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(web_url + "/form.js", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"avenir web did not start: {Path(log.name).read_text()[-2000:]}")
        time.sleep(0.1)
    yield Web(web_url, site_origin, api.url, (a, b), process)
    process.terminate()
    process.wait(timeout=15)
    log.close()
    with psycopg.connect(db_url, autocommit=True) as conn:
        for c in (a, b):
            conn.execute("delete from public.clients where client_id = %s", [c.client_id])
            conn.execute("delete from private.login_attempts where email = %s", [c.email])
        conn.execute("delete from public.integration_logs where client_id is null")


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def open_browser(playwright_driver, tmp_path: Path) -> Iterator[Callable[..., object]]:
    """open_browser(locale) -> a page of a fresh browser (its own --user-data-dir); page.dialogs lists
    every alert/confirm the page opened (an XSS would open one)."""
    contexts = []

    def open_(locale: str = "en-US"):
        profile = tmp_path / f"profile-{len(contexts)}"
        context = playwright_driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, locale=locale,
            viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.pages[0] if context.pages else context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        # Shown by pytest when a test fails: what the page said.
        page.on("console", lambda m: print(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: print(f"page error: {e}"))
        return page

    yield open_
    for context in contexts:
        context.close()


def screenshot(page_or_element, name: str) -> bytes:
    SCREENSHOTS.mkdir(exist_ok=True)
    return page_or_element.screenshot(path=str(SCREENSHOTS / name))


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(db_url, row_factory=dict_row, autocommit=True) as conn:
        yield conn
