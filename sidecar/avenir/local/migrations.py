"""Migrations: the real sqitch, run against a cluster's database."""

from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import AvenirError
from .cluster import Cluster
from .paths import migrations_dir


def sqitch(cluster: Cluster, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run `sqitch <args> <target>` in migrations/; the password goes through PGPASSWORD."""
    if shutil.which("sqitch") is None:
        raise AvenirError("sqitch is not installed; run `make up` (it installs the toolchain)")
    target = f"db:pg://postgres@{cluster.host}:{cluster.port}/{cluster.dbname}"
    env = {**os.environ, **cluster.libpq_env(),
           "SQITCH_USER_NAME": "avenir", "SQITCH_USER_EMAIL": "avenir@localhost"}
    result = subprocess.run(["sqitch", *args, target], cwd=migrations_dir(), env=env,
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AvenirError(f"sqitch {' '.join(args)} failed:\n{result.stdout}{result.stderr}".rstrip())
    return result


def deploy(cluster: Cluster) -> str:
    return sqitch(cluster, "deploy", "--verify").stdout


def verify(cluster: Cluster) -> str:
    return sqitch(cluster, "verify").stdout


def revert_all(cluster: Cluster) -> str:
    return sqitch(cluster, "revert", "-y").stdout
