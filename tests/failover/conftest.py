"""Two real clusters on loopback per pair. Migrations are deployed once into a template cluster
whose data directory is copied for each node (a copy is seconds, a deploy is not); the failover
code then runs `sqitch deploy` on the failover as `avenir failover init` does (nothing left to do).
Every cluster a test starts is stopped and removed in a finally."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from avenir import configure, migrate
from avenir.cluster import Cluster, free_port
from avenir.failover import nodes
from avenir.failover.attach import attach
from avenir.failover.nodes import PairState


@pytest.fixture(scope="session")
def template_cluster() -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="avenir-fo-template-"))
    c = Cluster(root=root, port=free_port(), durable=False)
    try:
        c.init()
        c.start()
        c.ensure_database()
        migrate.deploy(c)
        configure.configure_database(c)
        c.stop()
        yield c
    finally:
        c.destroy()


def clone(template: Cluster) -> Cluster:
    root = Path(tempfile.mkdtemp(prefix="avenir-fo-node-"))
    root.chmod(0o755)
    for part in ("pgdata", "secrets"):
        subprocess.run(["cp", "-a", str(template.root / part), str(root / part)], check=True)
    run = root / "run"
    run.mkdir(mode=0o700)
    shutil.chown(run, "postgres", "postgres")
    c = Cluster(root=root, port=free_port(), durable=False)
    c.start()
    return c


def kill_cluster(c: Cluster) -> None:
    """SIGKILL the postmaster and every backend at once: pg_ctl starts it as its own process group."""
    pid = int((c.datadir / "postmaster.pid").read_text().splitlines()[0])
    os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"cluster on port {c.port} survived SIGKILL")


class Pair:
    def __init__(self, state: PairState, primary: Cluster, failover: Cluster, home: Path):
        self.state, self.primary, self.failover, self.home = state, primary, failover, home


@pytest.fixture
def make_pair(template_cluster: Cluster) -> Iterator[Callable[[str], Pair]]:
    made: list[Cluster] = []
    homes: list[Path] = []

    def make(mode: str = "async") -> Pair:
        primary = clone(template_cluster)
        made.append(primary)
        failover = clone(template_cluster)
        made.append(failover)
        state = PairState(nodes.embedded_node(primary), nodes.embedded_node(failover), mode)
        nodes.deploy_migrations(state.failover)
        attach(state.primary, state.failover, mode, state.replicator_password)
        home = Path(tempfile.mkdtemp(prefix="avenir-fo-home-"))
        homes.append(home)
        nodes.save(state, home)
        return Pair(state, primary, failover, home)

    try:
        yield make
    finally:
        for c in made:
            try:
                c.destroy()
            except Exception:  # a killed cluster may refuse a clean stop; remove it anyway
                shutil.rmtree(c.root, ignore_errors=True)
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)


def create_client(url: str) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("select public.create_client('Failover Co', 'owner-' || gen_random_uuid() || "
                            "'@failover.test', 'failover passphrase', 'en') as r").fetchone()[0]


def wait_replicated(primary_url: str, failover_url: str, query: str, timeout: float = 30) -> None:
    """Synchronisation, not a timing assertion: until `query` answers the same on both sides."""
    with psycopg.connect(primary_url) as p, psycopg.connect(failover_url, autocommit=True) as f:
        expected = p.execute(query).fetchall()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f.execute(query).fetchall() == expected:
                return
            time.sleep(0.05)
    raise AssertionError(f"the failover never caught up on: {query}")
