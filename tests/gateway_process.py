"""Start the real gateway as a subprocess (`python -m avenir.cli gateway --config F`) for HTTP tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from avenir.local import configure
from avenir.local.cluster import free_port
from avenir.local.paths import project_root


@dataclass
class GatewayProcess:
    url: str
    process: subprocess.Popen
    config_path: Path
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_gateway(config_text: str, workdir: Path, port: int, env: dict[str, str] | None = None,
                  name: str = "gateway") -> GatewayProcess:
    """Write the config, start the gateway, wait until its schema cache answers."""
    workdir.mkdir(parents=True, exist_ok=True)
    config_path = workdir / f"{name}.conf"
    config_path.write_text(config_text)
    log_path = workdir / f"{name}.log"
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PGRST_")}
    with log_path.open("ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "avenir.cli", "gateway", "--config", str(config_path)],
                                   cwd=project_root(), env={**clean_env, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    gw = GatewayProcess(f"http://127.0.0.1:{port}", process, config_path, log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway exited at start:\n{gw.log()[-3000:]}")
        try:
            # The root answers 404 (no OpenAPI yet) once the schema cache is loaded, 503 before.
            if httpx.get(gw.url + "/", timeout=2).status_code != 503:
                return gw
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    gw.stop()
    raise RuntimeError(f"the gateway did not become ready:\n{gw.log()[-3000:]}")


@contextmanager
def product_gateway(cluster, pool: int = 4, name: str = "api") -> Iterator[GatewayProcess]:
    """A gateway serving the product's `public` schema of `cluster` on a free port, in its own process."""
    workdir = Path(tempfile.mkdtemp(prefix=f"avenir-{name}-"))
    secret_file = workdir / "jwt_secret"
    secret_file.write_text(configure.jwt_secret(cluster))
    secret_file.chmod(0o600)
    port = free_port()
    conf = (f'db-uri = "{configure.authenticator_url(cluster)}"\n'
            'db-schemas = "public"\n'
            'db-anon-role = "anon"\n'
            'db-extra-search-path = "public, extensions"\n'
            "db-max-rows = 1000\n"
            'db-rejected-rpc-hook = "gateway_hooks.rejected_rpc"\n'
            f"db-pool = {pool}\n"
            f'jwt-secret = "@{secret_file}"\n'
            'server-host = "127.0.0.1"\n'
            f"server-port = {port}\n"
            'log-level = "error"\n')
    gw = start_gateway(conf, workdir, port, name=name)
    try:
        yield gw
    finally:
        gw.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def run_psql_file(cluster, path: Path) -> None:
    """Load an SQL file as the superuser (ON_ERROR_STOP)."""
    result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(path)],
                            env={**os.environ, **cluster.libpq_env()}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"psql -f {path} failed:\n{result.stderr}")
