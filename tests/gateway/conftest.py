"""A gateway serving the fixture schemas `gw` and `gw_other` of the test cluster, over real HTTP."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from gateway_process import GatewayProcess, run_psql_file, start_gateway
from gw_config import gateway_config

from avenir.local import configure
from avenir.local.cluster import Cluster, free_port

HERE = Path(__file__).resolve().parent


def load_fixture_schema(cluster: Cluster) -> None:
    run_psql_file(cluster, HERE / "fixture_schema.sql")
    run_psql_file(cluster, HERE / "fixture_v13.sql")


@pytest.fixture(scope="session")
def gw_workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="avenir-gw-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def jwt_secret_file(cluster: Cluster, gw_workdir: Path) -> Path:
    path = gw_workdir / "jwt_secret"
    path.write_text(configure.jwt_secret(cluster) + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def fixture_schema(cluster: Cluster) -> None:
    load_fixture_schema(cluster)


@pytest.fixture(scope="session")
def gateway(cluster: Cluster, gw_workdir: Path, jwt_secret_file: Path, fixture_schema) -> Iterator[GatewayProcess]:
    port = free_port()
    gw = start_gateway(gateway_config(cluster, port, jwt_secret_file), gw_workdir, port,
                       env={"GW_TEST_GREETING": "the environment"})
    try:
        yield gw
    finally:
        gw.stop()


@pytest.fixture(scope="session")
def secret(cluster: Cluster) -> str:
    return configure.jwt_secret(cluster)


@pytest.fixture(scope="session")
def token(secret: str):
    """token(role="authenticated", **claims) -> a signed HS256 JWT valid for an hour."""
    def make(role: str | None = "authenticated", **claims) -> str:
        body = {"exp": int(time.time()) + 3600, **claims}
        if role is not None:
            body["role"] = role
        return jwt.encode(body, secret, algorithm="HS256")
    return make


@pytest.fixture
def client(gateway: GatewayProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gateway.url, timeout=30) as c:
        yield c
