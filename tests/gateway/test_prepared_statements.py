"""Main statements prepared per connection (db-prepared-statements, on by default): the answers are
those of unprepared statements -- untyped values still fail as the client's 400, a table changed
under a prepared statement answers with its new columns, and more distinct statements than a
connection keeps are served too (the oldest are deallocated)."""

from __future__ import annotations

import time

import psycopg

POOL_ROUNDS = 30  # more requests than pooled connections, so every connection prepares and reuses


def test_untyped_value_is_still_a_400_once_prepared(client):
    for _ in range(POOL_ROUNDS):
        assert client.get("/books?select=id&id=eq.1").json() == [{"id": 1}]
        r = client.get("/books?select=id&id=eq.abc")
        assert r.status_code == 400 and r.json()["code"] == "22P02"


def test_changed_table_answers_with_its_new_columns(client, db_url):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("create table gw.reshaped (id integer primary key, a text)")
        conn.execute("insert into gw.reshaped values (1, 'x')")
        conn.execute("grant select on gw.reshaped to anon")
        conn.execute("notify pgrst, 'reload schema'")
        try:
            deadline = time.monotonic() + 20
            while client.get("/reshaped").status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
            for _ in range(POOL_ROUNDS):
                assert client.get("/reshaped").json() == [{"id": 1, "a": "x"}]
            conn.execute("alter table gw.reshaped add column b integer default 7")
            for _ in range(POOL_ROUNDS):
                assert client.get("/reshaped").json() == [{"id": 1, "a": "x", "b": 7}]
        finally:
            conn.execute("drop table gw.reshaped")
            conn.execute("notify pgrst, 'reload schema'")


def test_more_distinct_statements_than_a_connection_keeps(client):
    # The offset is part of the statement's text: 1,100 distinct statements over the test pool's 4
    # connections exceed the 256 each keeps, so the oldest are deallocated along the way.
    assert client.get("/books?select=id&order=id&offset=0&limit=1").json() == [{"id": 1}]
    for offset in range(1, 1100):
        r = client.get(f"/books?select=id&order=id&offset={offset}")
        assert r.status_code == 200 and isinstance(r.json(), list), r.text
    assert client.get("/books?select=id&order=id&offset=0&limit=1").json() == [{"id": 1}]
    assert client.get("/books?select=id&order=id&offset=1&limit=1").json() == [{"id": 2}]
