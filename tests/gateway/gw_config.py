"""The gateway test configuration: the fixture schemas of the test cluster, every feature switched on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
from gateway_process import start_gateway

from avenir.local import configure
from avenir.local.cluster import Cluster, free_port


def gateway_config(cluster: Cluster, port: int, secret_file: Path, **overrides: str | None) -> str:
    values = {
        "db-uri": f'"{configure.authenticator_url(cluster)}"',
        "db-schemas": '"gw, gw_other"',
        "db-anon-role": '"anon"',
        "db-extra-search-path": '"public, extensions"',
        "db-pre-request": '"gw.pre_request"',
        "db-max-rows": "50",
        "db-tx-end": '"commit-allow-override"',
        "db-pool": "4",
        "db-aggregates-enabled": "true",
        "db-plan-enabled": "true",
        "server-trace-header": "\"X-Request-Id\"",
        "jwt-secret": f'"@{secret_file}"',
        "server-host": '"127.0.0.1"',
        "server-port": str(port),
        "log-level": '"error"',
        "app.settings.greeting": '"hello from $(GW_TEST_GREETING)"',
    }
    values.update(overrides)  # an override of None leaves the setting out
    return "# gateway test config\n" + "".join(f"{k} = {v}\n" for k, v in values.items() if v is not None)


def variant_client(cluster: Cluster, workdir: Path, secret_file: Path, name: str,
                   **overrides: str | None) -> Iterator[httpx.Client]:
    """A gateway of its own with these config overrides, and a client of it (a fixture's body: yield from)."""
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, secret_file, **overrides), workdir, port, name=name)
    try:
        with httpx.Client(base_url=gw.url, timeout=30) as c:
            yield c
    finally:
        gw.stop()
