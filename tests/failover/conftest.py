"""Two real clusters on loopback per pair. Migrations are deployed once into a template cluster
whose data directory is copied for each node (a copy takes a second, a deploy does not); the
failover code still runs `sqitch deploy` on the failover, as `avenir failover init` does.
Every cluster a test starts is stopped and removed in a finally."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from failover_pairs import Pair, build_pair

from avenir.local import configure, migrations
from avenir.local.cluster import Cluster, free_port


@pytest.fixture(scope="session")
def template_cluster() -> Iterator[Cluster]:
    c = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-fo-template-")), port=free_port(), durable=False)
    try:
        c.init()
        c.start()
        c.ensure_database()
        migrations.deploy(c)
        configure.configure_database(c)
        c.stop()
        yield c
    finally:
        c.destroy()


@pytest.fixture
def make_pair(template_cluster: Cluster) -> Iterator[Callable[[str], Pair]]:
    made: list[Pair] = []

    def make(mode: str = "async") -> Pair:
        made.append(build_pair(template_cluster, mode))
        return made[-1]

    try:
        yield make
    finally:
        for pair in made:
            pair.destroy()
