"""The dashboard's benchmark: time to first render (navigation start to the first lead list drawn,
`window.avenirDashboard.firstRender`) in headless Chromium with a 100k-lead tenant, median of 5
fresh page loads, and how many API requests the first page and the next page cost. Standalone: its
own throwaway cluster, the real gateway and `avenir web`.

    bench/web/run.sh [--leads 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg
from psycopg.rows import dict_row

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root
from avenir_gateway.sql_files import NamedQueries

sys.path.insert(0, str(project_root() / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (how the browser tests launch Chromium)
from gateway_process import product_gateway  # noqa: E402 (the tests' one way to start the gateway)

QUERIES = NamedQueries("web", "queries.sql")
PASSWORD = "bench password, long enough"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()

    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-bench-web-")), port=free_port(), durable=False)
    web = None
    try:
        cluster.init()
        cluster.start()
        cluster.ensure_database()
        migrations.deploy(cluster)
        configure.configure_database(cluster)
        with psycopg.connect(cluster.url(), autocommit=True, row_factory=dict_row) as conn:
            made = conn.execute(QUERIES["new_client"], {"name": "Bench", "email": "bench@web.test",
                                                        "password": PASSWORD}).fetchone()["made"]
            conn.execute(QUERIES["add_leads"], {"client_id": made["client_id"], "n": opts.leads})
            conn.execute(QUERIES["analyse"])
        with product_gateway(cluster, pool=4, name="bench-web") as gw:
            web_port = free_port()
            web = subprocess.Popen([sys.executable, "-m", "avenir.cli", "web"], cwd=project_root(),
                                   env={**os.environ, "AVENIR_API_URL": gw.url,
                                        "AVENIR_ANON_KEY": configure.api_key(cluster, "anon"),
                                        "AVENIR_WEB_PORT": str(web_port), "AVENIR_SITE_PORT": str(free_port())},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            dashboard = f"http://127.0.0.1:{web_port}/dashboard/"
            for _ in range(100):
                try:
                    if httpx.get(dashboard, timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = httpx.post(gw.url + "/rest/v1/rpc/login",
                               json={"email": "bench@web.test", "password": PASSWORD}).json()["access_token"]
            measure(dashboard, gw.url, token, opts)
    finally:
        if web is not None:
            web.terminate()
            web.wait(timeout=15)
        cluster.stop()


def wait_until(page, expression: str, timeout: float = 60) -> None:
    """Poll a page expression (the dashboard's CSP forbids the eval that page.wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {expression}")
        time.sleep(0.01)


def measure(dashboard: str, api_url: str, token: str, opts: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    renders, first_calls, next_calls = [], [], []
    with sync_playwright() as p:
        for _ in range(opts.runs):
            profile = tempfile.mkdtemp(prefix="avenir-bench-chromium-")
            context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                           args=CHROMIUM_ARGS)
            # Logged in already (the session the login form would store): the measure is the dashboard's.
            context.add_init_script(f"sessionStorage.setItem('avenir.session', {token!r})")
            page = context.pages[0]
            calls: list[str] = []
            page.on("request", lambda r, calls=calls: calls.append(r.url) if r.url.startswith(api_url) else None)
            page.goto(dashboard)
            wait_until(page, "window.avenirDashboard && window.avenirDashboard.firstRender")
            renders.append(page.evaluate("window.avenirDashboard.firstRender") / 1000)
            first_calls.append(len(calls))
            calls.clear()
            page.click("#next-page")
            wait_until(page, "document.querySelector('#page-label').textContent.endsWith('2')")
            next_calls.append(len([c for c in calls if "/lead_memory" in c]))
            context.close()
    print(f"| dashboard, {opts.leads:,} leads | median of {opts.runs} | runs |")
    print("| --- | --- | --- |")
    print(f"| time to first render (navigation → lead list) | {statistics.median(renders):.3f} s | "
          f"{', '.join(f'{r:.3f}' for r in renders)} |")
    print(f"| API requests until the first render (clients row, vocabulary, leads) | "
          f"{statistics.median(first_calls):.0f} | {first_calls} |")
    print(f"| API requests for the next page of leads | {statistics.median(next_calls):.0f} | {next_calls} |")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
