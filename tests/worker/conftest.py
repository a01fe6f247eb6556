"""Real worker processes (`python -m avenir.cli worker`) against the test cluster.

Tests here commit rows (other processes must see them): each creates its own client or marks its
jobs with a unique marker, and deletes what it made.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row
from worker_helpers import WorkerProcess, worker_with_test_handlers
from worker_process import started_workers

from avenir.local.cluster import Cluster


@pytest.fixture
def start_worker(cluster: Cluster, tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    yield from started_workers(lambda **env: worker_with_test_handlers(cluster, tmp_path, **env))


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit superuser connection: what it writes, the worker sees."""
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as c:
        yield c


@pytest.fixture
def tenant(db: psycopg.Connection) -> Iterator[str]:
    """A committed client of its own, deleted (with its leads, jobs, metrics) after the test."""
    client_id = str(uuid.uuid4())
    tag = client_id[:8]
    db.execute(
        "insert into public.clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, "
        "is_test) values (%s, %s, %s, extensions.crypt('pw', extensions.gen_salt('bf', 4)), "
        "encode(extensions.digest(%s, 'sha256'), 'hex'), %s, true)",
        [client_id, f"Worker test {tag}", f"worker-{tag}@test.localhost", f"avk_{client_id}", f"avk_w{tag}"])
    yield client_id
    db.execute("delete from public.clients where client_id = %s", [client_id])


