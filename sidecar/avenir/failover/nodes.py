"""Who is who in the pair: the primary, the failover, and the state file that remembers them.

A node is a superuser URL, plus the embedded cluster when avenir runs it (the failover that
`avenir failover init` starts lives under <state>/failover/). The state file holds URLs with
passwords, so it is written 0600 beside the cluster's other secrets.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from ..errors import AvenirError
from ..local.cluster import Cluster
from ..local.paths import migrations_dir

SUBSCRIPTION = "avenir_failover"  # also the publication, the slot and the walsender's application_name
REPLICATOR_ROLE = "avenir_replicator"
DEFAULT_FAILOVER_PORT = 54323
MODES = ("async", "sync")


@dataclass(frozen=True)
class Node:
    url: str
    cluster_root: str | None = None  # set when the node is an embedded cluster avenir starts and stops
    cluster_port: int | None = None

    @property
    def cluster(self) -> Cluster | None:
        if self.cluster_root is None:
            return None
        return Cluster(root=Path(self.cluster_root), port=self.cluster_port or DEFAULT_FAILOVER_PORT)

    @property
    def params(self) -> dict[str, str]:
        return {k: str(v) for k, v in conninfo_to_dict(self.url).items()}

    @property
    def address(self) -> str:
        p = self.params
        return f"{p.get('host', 'localhost')}:{p.get('port', '5432')}"

    def conninfo_for(self, user: str, password: str) -> str:
        """A libpq key/value string to reach this node as another user (for CREATE SUBSCRIPTION)."""
        p = self.params
        parts = {"host": p.get("host", "localhost"), "port": p.get("port", "5432"),
                 "dbname": p.get("dbname", "avenir"), "user": user, "password": password}
        return " ".join(f"{k}='{_escape(v)}'" for k, v in parts.items())


def embedded_node(cluster: Cluster) -> Node:
    return Node(cluster.url(), str(cluster.root), cluster.port)


@dataclass
class PairState:
    primary: Node
    failover: Node
    mode: str = "async"
    replicator_password: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def swapped(self) -> PairState:
        return replace(self, primary=self.failover, failover=self.primary)


def state_file(state_dir: Path) -> Path:
    return state_dir / "secrets" / "failover.json"


def save(state: PairState, state_dir: Path) -> None:
    path = state_file(state_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(asdict(state), f, indent=2)
    tmp.replace(path)


def load(state_dir: Path) -> PairState:
    path = state_file(state_dir)
    if not path.exists():
        raise AvenirError("no failover pair is set up here; run `avenir failover init` first")
    raw = json.loads(path.read_text())
    return PairState(primary=Node(**raw["primary"]), failover=Node(**raw["failover"]), mode=raw["mode"],
                     replicator_password=raw["replicator_password"])


def start_embedded(node: Node) -> None:
    cluster = node.cluster
    if cluster is not None:
        cluster.init()
        cluster.start()
        cluster.ensure_database()


def deploy_migrations(node: Node) -> str:
    """`sqitch deploy --verify` against the node, password through PGPASSWORD (never on a command line)."""
    p = node.params
    target = f"db:pg://{p.get('user', 'postgres')}@{p.get('host', 'localhost')}:{p.get('port', '5432')}/" \
             f"{p.get('dbname', 'avenir')}"
    env = {**os.environ, "PGPASSWORD": p.get("password", ""),
           "SQITCH_USER_NAME": "avenir", "SQITCH_USER_EMAIL": "avenir@localhost"}
    result = subprocess.run(["sqitch", "deploy", "--verify", target], cwd=migrations_dir(), env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AvenirError(f"sqitch deploy on {node.address} failed:\n{result.stdout}{result.stderr}".rstrip())
    return result.stdout


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
