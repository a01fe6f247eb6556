"""Helpers of the failover tests: clusters cloned from a deployed template, a SIGKILL, waits."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from avenir.failover import nodes
from avenir.failover.attach import REPLICATED_PRIVATE_TABLES, REPLICATED_TABLE_COUNT
from avenir.failover.nodes import PairState
from avenir.local import configure
from avenir.local.cluster import Cluster, free_port
from avenir.local.paths import project_root

PUBLISHED = REPLICATED_TABLE_COUNT + len(REPLICATED_PRIVATE_TABLES)  # the spec's 26 and the private records


@dataclass
class Pair:
    state: PairState
    primary: Cluster
    failover: Cluster
    home: Path  # an AVENIR_HOME whose state file names this pair (for the CLI)

    def api_db_url(self) -> str:
        """The gateway's multi-host URL: the authenticator, on whichever node accepts writes."""
        hosts = f"{self.state.primary.address},{self.state.failover.address}"
        return (f"postgresql://authenticator:{configure.authenticator_password(self.primary)}@{hosts}/avenir"
                f"?target_session_attrs=read-write")

    def destroy(self) -> None:
        for c in (self.primary, self.failover):
            try:
                c.destroy()
            except Exception:  # a killed cluster may refuse a clean stop: remove it anyway
                shutil.rmtree(c.root, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)


def clone(template: Cluster) -> Cluster:
    """A new cluster on a free port from the template's stopped data directory and secrets."""
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


def build_pair(template: Cluster, mode: str) -> Pair:
    clusters: list[Cluster] = []
    try:
        clusters.append(clone(template))
        clusters.append(clone(template))
        home = Path(tempfile.mkdtemp(prefix="avenir-fo-home-"))
        # The real command: it deploys the migrations on the failover (nothing left to do on a clone),
        # publishes, subscribes and waits for the initial copy.
        init = subprocess.run([sys.executable, "-m", "avenir.cli", "failover", "init",
                               "--primary-url", clusters[0].url(), "--url", clusters[1].url(),
                               *(["--sync"] if mode == "sync" else [])],
                              cwd=project_root(), env={**os.environ, "AVENIR_HOME": str(home)},
                              capture_output=True, text=True)
        assert init.returncode == 0, init.stderr
        assert f"{PUBLISHED} tables copied" in init.stdout and f"{mode} replication" in init.stdout
        state = nodes.load(home)
        return Pair(state, clusters[0], clusters[1], home)
    except BaseException:
        for c in clusters:
            c.destroy()
        raise


def kill_cluster(c: Cluster) -> None:
    """SIGKILL the postmaster and every backend at once (pg_ctl starts it as its own process group)."""
    pid = int((c.datadir / "postmaster.pid").read_text().splitlines()[0])
    assert os.getpgid(pid) == pid, "the postmaster leads its own process group"
    os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"the cluster on port {c.port} survived SIGKILL")


def create_client(url: str) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("select public.create_client('Failover Co', 'owner-' || gen_random_uuid() || "
                            "'@failover.test', 'failover passphrase', 'en') as r").fetchone()[0]


def wait_replicated(primary_url: str, failover_url: str, query: str, timeout: float = 60) -> None:
    """Synchronisation, not a timing assertion: until `query` answers the same on both sides."""
    with psycopg.connect(primary_url) as p, psycopg.connect(failover_url, autocommit=True) as f:
        expected = p.execute(query).fetchall()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if f.execute(query).fetchall() == expected:
                return
            time.sleep(0.05)
    raise AssertionError(f"the failover never caught up on: {query}")
