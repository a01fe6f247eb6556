"""How the browser tests and the dashboard benchmark launch Chromium: Debian's /usr/bin/chromium
(installed by scripts/install-web.sh; Playwright downloads no browser), with these switches and a
fresh --user-data-dir per launch (Playwright's launch_persistent_context(profile_dir, ...))."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
