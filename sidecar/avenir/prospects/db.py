"""The connection of the prospect commands: AVENIR_DB_URL (and AVENIR_DB_ROLE), else the local cluster."""

from __future__ import annotations

import os

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from ..errors import AvenirError


def connect() -> psycopg.Connection:
    url = os.environ.get("AVENIR_DB_URL") or os.environ.get("DATABASE_URL")
    if not url:
        from ..local import local_cluster

        cluster = local_cluster()
        if not cluster.is_running():
            raise AvenirError("the local cluster is not running; start it with `make up` or set AVENIR_DB_URL")
        url = cluster.url()
    try:
        conn = psycopg.connect(url, row_factory=dict_row)
    except psycopg.OperationalError as e:
        raise AvenirError(f"cannot connect to the database: {e}".strip()) from None
    role = os.environ.get("AVENIR_DB_ROLE")
    if role:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(role)))
    return conn
