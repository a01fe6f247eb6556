"""The schema cache reads pg_catalog only: an exposed schema on which the authenticator has no USAGE
(only the API roles have it) still loads, identity columns and their DEFAULT included."""

from __future__ import annotations

import asyncio

import psycopg

from avenir.local import configure
from avenir.local.cluster import Cluster
from avenir_gateway import schema_cache


def test_identity_defaults_load_without_usage_on_the_schema(cluster: Cluster):
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("drop schema if exists gw_nousage cascade")
        conn.execute("create schema gw_nousage")
        conn.execute("grant usage on schema gw_nousage to anon")
        conn.execute('create table gw_nousage."Events" (id bigint generated always as identity primary key,'
                     " n integer not null)")
        assert not conn.execute("select has_schema_privilege('authenticator', 'gw_nousage', 'usage')").fetchone()[0]

    async def load():
        async with await psycopg.AsyncConnection.connect(configure.authenticator_url(cluster)) as conn:
            return await schema_cache.load(conn, ["gw_nousage"])

    try:
        cache = asyncio.run(load())
        columns = cache.relations[("gw_nousage", "Events")].columns
        assert columns["id"].default == """nextval('gw_nousage."Events_id_seq"'::regclass)"""
        assert columns["n"].default is None
    finally:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("drop schema gw_nousage cascade")
