"""`avenir web`: the static pages, served from the checkout's web/ folder on two loopback origins.

- the web origin (AVENIR_WEB_PORT, 54323): the embeddable form script (/form.js), the client
  dashboard (/dashboard/) and its browser dependencies from npm (/vendor/supabase.js, installed in
  web/node_modules by `make setup`; nothing comes from a CDN);
- the demo site origin (AVENIR_SITE_PORT, 54324): a stand-in for a client's own website that
  embeds the form with one script tag, on another origin than both the script and the API.

The pages only call the API (AVENIR_API_URL); every HTML answer carries a Content-Security-Policy
that lets scripts come from the web origin only and connections go to the API only.
"""

from __future__ import annotations

import html
import json
import os
import signal
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import AvenirError
from .paths import project_root

TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml"}
DEFAULT_WEB_PORT = 54323
DEFAULT_SITE_PORT = 54324
SUPABASE_UMD = Path("node_modules/@supabase/supabase-js/dist/umd/supabase.js")


@dataclass(frozen=True)
class WebConfig:
    web_dir: Path
    api_url: str
    anon_key: str
    web_port: int = DEFAULT_WEB_PORT
    site_port: int = DEFAULT_SITE_PORT
    site_form_key: str = ""
    host: str = "127.0.0.1"

    @classmethod
    def from_env(cls) -> WebConfig:
        return cls(web_dir=Path(os.environ.get("AVENIR_WEB_DIR") or project_root() / "web"),
                   api_url=os.environ.get("AVENIR_API_URL", "http://127.0.0.1:54321").rstrip("/"),
                   anon_key=os.environ.get("AVENIR_ANON_KEY", ""),
                   web_port=int(os.environ.get("AVENIR_WEB_PORT", DEFAULT_WEB_PORT)),
                   site_port=int(os.environ.get("AVENIR_SITE_PORT", DEFAULT_SITE_PORT)),
                   site_form_key=os.environ.get("AVENIR_SITE_FORM_KEY", ""))

    @property
    def web_origin(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def site_origin(self) -> str:
        return f"http://{self.host}:{self.site_port}"

    @property
    def api_origin(self) -> str:
        parts = urlsplit(self.api_url)
        return f"{parts.scheme}://{parts.netloc}"


def dashboard_csp(cfg: WebConfig) -> str:
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {cfg.api_origin}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def site_csp(cfg: WebConfig) -> str:
    # What a client's site needs to allow for the form: the script's origin and the API.
    return (f"default-src 'none'; script-src {cfg.web_origin}; style-src 'self'; "
            f"connect-src {cfg.api_origin}; base-uri 'none'; form-action 'none'")


def _handler(cfg: WebConfig, site: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "avenir-web"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
            pass  # no access log: the pages carry no secret, but a URL might

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            found = self._site(path) if site else self._web(path)
            if found is None:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", {}, head)
                return
            body, ctype, headers = found
            self._send(HTTPStatus.FOUND if "Location" in headers else HTTPStatus.OK, body, ctype, headers, head)

        def _web(self, path: str) -> tuple[bytes, str, dict[str, str]] | None:
            if path == "/form.js":
                # Loaded by <script> from any client's site.
                return (_read(cfg.web_dir / "form" / "avenir-form.js"), TYPES[".js"],
                        {"Cross-Origin-Resource-Policy": "cross-origin", "Cache-Control": "no-cache"})
            if path == "/vendor/supabase.js":
                return _read(cfg.web_dir / SUPABASE_UMD), TYPES[".js"], {}
            if path in ("/", "/dashboard"):
                return b"", "text/plain", {"Location": "/dashboard/"}
            if path == "/dashboard/config.json":
                body = json.dumps({"apiUrl": cfg.api_url, "anonKey": cfg.anon_key}).encode()
                return body, TYPES[".json"], {"Cache-Control": "no-store"}
            if path.startswith("/dashboard/"):
                name = path.removeprefix("/dashboard/") or "index.html"
                file = _safe(cfg.web_dir / "dashboard", name)
                if file is None:
                    return None
                headers = {"Content-Security-Policy": dashboard_csp(cfg)} if file.suffix == ".html" else {}
                return file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"), headers
            return None

        def _site(self, path: str) -> tuple[bytes, str, dict[str, str]] | None:
            name = path.lstrip("/") or "index.html"
            file = _safe(cfg.web_dir / "demo-site", name)
            if file is None:
                return None
            if file.suffix != ".html":
                return file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"), {}
            text = file.read_text()
            for key, value in (("WEB_URL", cfg.web_origin), ("API_URL", cfg.api_url),
                               ("FORM_KEY", cfg.site_form_key)):
                text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
            return text.encode(), TYPES[".html"], {"Content-Security-Policy": site_csp(cfg)}

        def _send(self, code: HTTPStatus, body: bytes, ctype: str, headers: dict[str, str], head: bool) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _safe(root: Path, name: str) -> Path | None:
    """The file `name` under root, or None: no dot segment, no escape from root."""
    if any(part in ("", ".", "..") or part.startswith(".") for part in name.split("/")):
        return None
    file = (root / name).resolve()
    if not file.is_relative_to(root.resolve()) or not file.is_file():
        return None
    return file


def serve(cfg: WebConfig) -> None:
    """Serve both origins until SIGTERM/SIGINT."""
    if not (cfg.web_dir / SUPABASE_UMD).is_file():
        raise AvenirError(f"{cfg.web_dir / SUPABASE_UMD} is missing: run `make setup` (npm ci in web/)")
    servers = []
    for port, site in ((cfg.web_port, False), (cfg.site_port, True)):
        try:
            servers.append(ThreadingHTTPServer((cfg.host, port), _handler(cfg, site=site)))
        except OSError as e:
            for s in servers:
                s.server_close()
            raise AvenirError(f"cannot listen on {cfg.host}:{port} ({e.strerror}); set AVENIR_WEB_PORT / "
                              f"AVENIR_SITE_PORT to free ports") from e
    for s in servers:
        s.daemon_threads = True
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    print(f"avenir web: dashboard {cfg.web_origin}/dashboard/, form script {cfg.web_origin}/form.js, "
          f"demo site {cfg.site_origin}/", flush=True)
    stop.wait()
    for s in servers:
        s.shutdown()
        s.server_close()
