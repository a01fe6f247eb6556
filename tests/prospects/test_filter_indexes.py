"""The HNSW indexes of single industries, regions and languages: prospect_filter_index_plan,
`avenir prospects index`, and match_prospects reading a value's index under a filter on that value."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row
from vector_calls import exact_ids, match, nudged_queries, overrated_region

from avenir.errors import AvenirError
from avenir.prospects.indexes import refresh_filter_indexes

INDUSTRY_DATA = (Path(__file__).parent / "industry_data.sql").read_text()
DENTAL = "Dental"


def index_name(conn, value, filter="industry"):
    return conn.execute("select private.prospect_filter_index_name(%s, %s) as n", [filter, value]).fetchone()["n"]


def plan(conn):
    return conn.execute("select * from prospect_filter_index_plan()").fetchall()


@pytest.fixture(scope="module")
def industry_set(db_url):
    """The set committed once for the module, then Dental's index built by the runner."""
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as c:
        with c.transaction():
            c.execute(INDUSTRY_DATA)
        steps = refresh_filter_indexes(c)
        yield c, steps
        c.execute("delete from prospect_candidates where website like 'industry-%'")
        refresh_filter_indexes(c)


@pytest.fixture
def indexed(industry_set, conn):
    industry_set[0].execute("analyze prospect_candidates")
    return conn


def queries(conn, n=20):
    return nudged_queries(conn, "industry-", n)


def scans(conn, own=None):
    """Scans so far of a value's own index (Dental's unless named), the table's index, the table."""
    return conn.execute(
        "select pg_stat_get_xact_numscans(%s::regclass) as own, "
        "pg_stat_get_xact_numscans('prospect_candidates_embedding_idx'::regclass) as table_index, "
        "pg_stat_get_xact_numscans('prospect_candidates'::regclass) as seq",
        [f"public.{own or index_name(conn, DENTAL)}"]).fetchone()


def test_the_runner_built_one_index_for_the_one_industry_big_enough(industry_set, indexed):
    _, steps = industry_set
    assert [(s["action"], s["filter"], s["value"], s["prospects"]) for s in steps] == [
        ("create", "industry", DENTAL, 1600)]
    index = indexed.execute(
        "select pg_get_indexdef(i.indexrelid) as ddl, i.indisvalid, o.opcname, "
        "       (select reloptions from pg_class where oid = i.indexrelid) as options "
        "from pg_index i join pg_opclass o on o.oid = i.indclass[0] where i.indexrelid = %s::regclass",
        [f"public.{steps[0]['index_name']}"]).fetchone()
    assert index["indisvalid"] and index["opcname"] == "vector_cosine_ops"
    assert index["ddl"].endswith("WHERE (industry = 'Dental'::text)")
    # The graph options of the table's own index, stated there once.
    table_options = indexed.execute("select reloptions from pg_class where oid = "
                                    "'prospect_candidates_embedding_idx'::regclass").fetchone()["reloptions"]
    assert index["options"] == table_options
    assert plan(indexed) == []


def test_a_filter_on_that_industry_reads_its_index_alone_and_keeps_the_exact_neighbours(indexed):
    # This set's clusters are isotropic noise (neighbours nearly equidistant, harder than text
    # embeddings): recall is checked at the width test_vector_queries uses too; the default
    # width's recall on realistic vectors is the bench's (bench/prospects/RESULTS.md).
    indexed.execute("set local hnsw.ef_search = 100")
    recalls = []
    for q in queries(indexed):
        before = scans(indexed)
        result = match(indexed, q, 10, '{"industry": "Dental"}')
        after = scans(indexed)
        assert (result["method"], result["count"]) == ("industry_hnsw", 10)
        assert (after["own"] - before["own"], after["table_index"] - before["table_index"],
                after["seq"] - before["seq"]) == (1, 0, 0)
        assert {r["industry"] for r in result["rows"]} == {DENTAL}
        similarities = [r["similarity"] for r in result["rows"]]
        assert similarities == sorted(similarities, reverse=True)
        got = {r["id"] for r in result["rows"]}
        recalls.append(len(got & set(exact_ids(indexed, q, 10, "industry = 'Dental'"))) / 10)
    assert sum(recalls) / len(recalls) >= 0.95


def test_its_index_serves_further_filters_that_keep_enough_of_its_prospects(indexed):
    q = queries(indexed, 1)[0]
    result = match(indexed, q, 15, '{"industry": ["Dental"], "language": ["en", "fr"]}')
    assert (result["method"], result["count"]) == ("industry_hnsw", 15)
    assert all(r["industry"] == DENTAL and r["language"] in ("en", "fr") for r in result["rows"])
    # A third of Dental (estimated under 1,500): the exact scan of those rows, as for any small set.
    result = match(indexed, q, 15, '{"industry": "Dental", "language": "en", "not_contacted": true}')
    assert (result["method"], result["count"]) == ("exact", 15)
    assert [r["id"] for r in result["rows"]] == exact_ids(
        indexed, q, 15, "industry = 'Dental' and language = 'en' and not contacted")


def test_a_filter_its_index_cannot_satisfy_falls_back_to_the_exact_scan(indexed):
    # Statistics that say every Dental prospect is in the Yukon, when 3 are: the industry's index
    # (bounded) yields fewer than k, the exact scan then finds the three.
    overrated_region(indexed, "industry-", ["industry-2.test", "industry-4.test", "industry-6.test"])
    result = match(indexed, queries(indexed, 1)[0], 10, '{"industry": "Dental", "region": "Yukon"}')
    assert (result["method"], result["count"]) == ("industry_hnsw+exact", 3)


def test_other_filters_read_the_tables_index(indexed):
    q = queries(indexed, 1)[0]
    for filters in ('{"industry": ["Dental", "Legal"]}', '{"language": "fr"}', "{}"):
        before = scans(indexed)
        result = match(indexed, q, 10, filters)
        after = scans(indexed)
        assert (result["method"], result["count"]) == ("hnsw", 10), filters
        assert (after["own"] - before["own"], after["table_index"] - before["table_index"]) == (0, 1)
    # An industry too small for an index of its own: the exact scan, as before.
    assert match(indexed, q, 10, '{"industry": "Legal"}')["method"] == "exact"


def test_the_sessions_ef_search_is_honoured_on_the_industry_index_and_restored(indexed):
    indexed.execute("set local hnsw.ef_search = 300")
    assert match(indexed, queries(indexed, 1)[0], 10, '{"industry": "Dental"}')["method"] == "industry_hnsw"
    settings = indexed.execute("select current_setting('hnsw.ef_search') as ef, "
                               "current_setting('enable_sort') as sort, "
                               "current_setting('enable_seqscan') as seq").fetchone()
    assert (settings["ef"], settings["sort"], settings["seq"]) == ("300", "on", "on")


def test_an_industry_that_shrinks_loses_its_index_and_an_invalid_one_is_built_again(industry_set, db_url):
    c, _ = industry_set
    name = index_name(c, DENTAL)
    try:
        # A failed concurrent build leaves the index invalid: dropped, then built again.
        c.execute("update pg_index set indisvalid = false where indexrelid = %s::regclass", [f"public.{name}"])
        assert [(r["action"], r["value"]) for r in plan(c)] == [("drop", DENTAL), ("create", DENTAL)]
        with psycopg.connect(db_url, row_factory=dict_row) as probe:
            assert match(probe, queries(probe, 1)[0], 10, '{"industry": "Dental"}')["method"] == "hnsw"
        assert [s["action"] for s in refresh_filter_indexes(c)] == ["drop", "create"]
        assert c.execute("select indisvalid from pg_index where indexrelid = %s::regclass",
                         [f"public.{name}"]).fetchone()["indisvalid"]
        # Under 1,500 prospects (a tenth of them gone to another industry): no index of its own any more.
        c.execute("update prospect_candidates set industry = 'Dental (moved)' where website like 'industry-%%0.test'")
        assert [(r["action"], r["value"], r["index_name"]) for r in plan(c)] == [("drop", DENTAL, name)]
        assert [s["action"] for s in refresh_filter_indexes(c)] == ["drop"]
        assert c.execute("select to_regclass(%s) as i", [f"public.{name}"]).fetchone()["i"] is None
    finally:
        c.execute("update prospect_candidates set industry = 'Dental' where industry = 'Dental (moved)'")
        refresh_filter_indexes(c)
        assert plan(c) == []


def test_an_index_of_any_industry_name_is_found_and_dropped_by_its_predicate(industry_set):
    # An industry named with a quote and a non-ASCII letter: the digest names its index, the
    # plan reads the industry back from the index's predicate (here too small: dropped).
    c, _ = industry_set
    industry = "O'Brien & Fils, électriciens"
    name = index_name(c, industry)
    assert len(name) <= 63 and name != index_name(c, DENTAL)
    c.execute(f"create index {name} on prospect_candidates using hnsw (embedding extensions.vector_cosine_ops) "
              f"where industry = '{industry.replace(chr(39), chr(39) * 2)}'")
    assert [(r["action"], r["filter"], r["value"], r["index_name"]) for r in plan(c)] == [
        ("drop", "industry", industry, name)]
    refresh_filter_indexes(c)
    assert plan(c) == []


def test_only_the_tables_owner_runs_the_plan(industry_set, db_url):
    c, _ = industry_set
    name = index_name(c, DENTAL)
    c.execute(f"drop index {name}")
    try:
        with psycopg.connect(db_url, row_factory=dict_row) as s:
            s.execute("set role service_role")
            assert [r["action"] for r in plan(s)] == ["create"]  # service_role may read the plan
            with pytest.raises(AvenirError, match="table's owner"):
                refresh_filter_indexes(s)
    finally:
        refresh_filter_indexes(c)
    assert plan(c) == []


def test_the_cli_prints_the_plan_then_runs_it(industry_set, db_url):
    c, _ = industry_set
    name = index_name(c, DENTAL)
    c.execute(f"drop index {name}")
    env = {**os.environ, "AVENIR_DB_URL": db_url}
    cli = [sys.executable, "-m", "avenir.cli", "prospects", "index"]
    dry = subprocess.run([*cli, "--dry-run"], capture_output=True, text=True, env=env, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith(f"create index concurrently if not exists {name} on public.prospect_candidates")
    assert c.execute("select to_regclass(%s) as i", [f"public.{name}"]).fetchone()["i"] is None
    run = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"create {name} (industry 'Dental', 1600 prospects) in ")
    again = subprocess.run(cli, capture_output=True, text=True, env=env, timeout=120)
    assert again.stdout == "the filter indexes are in step with the prospects\n"


def test_a_region_of_its_own_gets_an_index_read_under_a_filter_on_that_region(industry_set, db_url):
    # Legal and Trades but 50 (1,550 prospects) in one region: an index of its own too.
    c, _ = industry_set
    name = index_name(c, "Nord", "region")
    c.execute("update prospect_candidates set region = 'Nord' where website like 'industry-%' "
              "and industry <> 'Dental' and website not like 'industry-1__.test'")
    try:
        assert [(r["action"], r["filter"], r["value"], r["prospects"], r["index_name"]) for r in plan(c)] == [
            ("create", "region", "Nord", 1550, name)]
        refresh_filter_indexes(c)
        assert c.execute("select pg_get_indexdef(%s::regclass) as d", [f"public.{name}"]).fetchone()["d"].endswith(
            "WHERE (region = 'Nord'::text)")
        c.execute("analyze prospect_candidates")
        # Which filter's index serves: one on a single value; of two, the smaller (1,550 against 1,600).
        for filters, own in (("array['Dental'], null, null", "industry"), ("null, array['Nord'], null", "region"),
                             ("array['Dental'], array['Nord'], null", "region"),
                             ("array['Dental', 'Legal'], null, null", None),
                             ("array['Legal'], array['Nord'], null", "region")):
            assert c.execute(f"select private.prospect_own_index({filters}) as f").fetchone()["f"] == own, filters
        with psycopg.connect(db_url, row_factory=dict_row) as probe:
            q = queries(probe, 1)[0]
            for filters, method in (('{"region": "Nord"}', "region_hnsw"),
                                    # a further filter keeping all of them: the same index, iterating
                                    ('{"region": "Nord", "language": ["en", "fr"]}', "region_hnsw"),
                                    # Dental and Nord, each with an index of its own, estimated to
                                    # meet in under 1,500 rows: the exact scan
                                    ('{"region": "Nord", "industry": "Dental"}', "exact")):
                before = scans(probe, name)["own"]
                result = match(probe, q, 10, filters)
                after = scans(probe, name)["own"]
                assert result["method"] == method, filters
                if method == "region_hnsw":
                    assert (result["count"], after - before) == (10, 1), filters
                    assert {r["region"] for r in result["rows"]} == {"Nord"}
                    assert result["rows"] == sorted(result["rows"], key=lambda r: -r["similarity"])
                else:  # they do not meet
                    assert result["count"] == 0
    finally:
        c.execute(f"drop index if exists {name}")
        c.execute("update prospect_candidates set region = null where region = 'Nord'")
    assert plan(c) == []
