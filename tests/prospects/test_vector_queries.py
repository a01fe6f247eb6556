"""match_prospects and similar_prospects_to_profile: HNSW recall against the exact scan, filters that
always return k rows, ef_search honoured, exact scan for tiny sets, profile similarity."""

from pathlib import Path

import psycopg
import pytest
from vector_calls import exact_ids, match, nudged_queries, overrated_region

from avenir.prospects.embeddings import load_profile, profile_chunks
from avenir.worker.providers import make_provider

VECTOR_DATA = (Path(__file__).parent / "vector_data.sql").read_text()


@pytest.fixture(scope="module")
def vector_set(db_url):
    """The generated set, committed once for the module (building 2,500 HNSW entries is slow)."""
    with psycopg.connect(db_url, autocommit=True) as c:
        with c.transaction():
            c.execute(VECTOR_DATA)
        yield c
        c.execute("delete from prospect_candidates where website like 'vector-%'")


@pytest.fixture
def vectors(vector_set, conn):
    # ANALYZE writes pg_class in place (a rollback keeps it): refresh the estimate for each test.
    vector_set.execute("analyze prospect_candidates")
    return conn


def queries(conn, n=20):
    return nudged_queries(conn, "vector-", n)


def test_hnsw_recall_at_10_against_the_exact_scan(vectors):
    vectors.execute("set local hnsw.ef_search = 100")
    recalls = []
    for q in queries(vectors):
        result = match(vectors, q)
        assert result["method"] == "hnsw" and result["count"] == 10
        got = {r["id"] for r in result["rows"]}
        recalls.append(len(got & set(exact_ids(vectors, q))) / 10)
    assert sum(recalls) / len(recalls) >= 0.95


def test_results_are_ordered_by_similarity(vectors):
    rows = match(vectors, queries(vectors, 1)[0], 25)["rows"]
    similarities = [r["similarity"] for r in rows]
    assert similarities == sorted(similarities, reverse=True)


def test_a_ten_percent_filter_returns_k_rows_all_matching(vectors):
    for q in queries(vectors, 5):
        result = match(vectors, q, 10, '{"industry": "Tenth", "not_contacted": true}')
        assert result["count"] == 10
        assert all(r["industry"] == "Tenth" and not r["contacted"] for r in result["rows"])
        expected = exact_ids(vectors, q, 10, "industry = 'Tenth' and not contacted")
        assert len({r["id"] for r in result["rows"]} & set(expected)) >= 8


def test_a_one_percent_filter_still_returns_k_rows(vectors):
    result = match(vectors, queries(vectors, 1)[0], 20, '{"industry": ["Rare"], "language": "en"}')
    assert result["count"] == 20
    assert {r["industry"] for r in result["rows"]} == {"Rare"} and {r["language"] for r in result["rows"]} == {"en"}


def test_a_filter_with_fewer_matches_than_k_returns_them_all_by_exact_scan(vectors):
    vectors.execute("update prospect_candidates set region = 'Yukon' "
                    "where website in ('vector-1.test', 'vector-2.test', 'vector-3.test')")
    result = match(vectors, queries(vectors, 1)[0], 10, '{"region": "Yukon"}')
    assert result["count"] == 3 and result["method"] == "exact"


def test_a_selective_filter_is_served_by_the_exact_scan_of_its_rows(vectors):
    # "Rare" is 1 %: 25 rows, estimated from the statistics, below the 2,000 where HNSW pays off.
    q = queries(vectors, 1)[0]
    result = match(vectors, q, 20, '{"industry": "Rare"}')
    assert (result["method"], result["count"]) == ("exact", 20)
    assert [r["id"] for r in result["rows"]] == exact_ids(vectors, q, 20, "industry = 'Rare'")


def test_a_filter_the_estimate_overrates_falls_back_to_the_exact_scan(vectors):
    # Statistics that say every row is in the Yukon, when 3 are: the HNSW scan (bounded) finds
    # fewer than k, the exact scan then finds all 3.
    overrated_region(vectors, "vector-", ["vector-1.test", "vector-2.test", "vector-3.test"])
    result = match(vectors, queries(vectors, 1)[0], 10, '{"region": "Yukon"}')
    assert (result["method"], result["count"]) == ("hnsw+exact", 3)


def index_scans(conn):
    return conn.execute("select pg_stat_get_xact_numscans('prospect_candidates_embedding_idx'::regclass) as i, "
                        "pg_stat_get_xact_numscans('prospect_candidates'::regclass) as s").fetchone()


def test_the_exact_scan_of_a_selective_filter_reads_its_rows_through_the_industry_index(vectors):
    # The filter is planned with its values: the b-tree on industry, not a read of the whole table
    # (a plan made for any filter could not use it), and never the HNSW index.
    scans = ("select pg_stat_get_xact_numscans('prospect_candidates_industry_idx'::regclass) as b, "
             "pg_stat_get_xact_numscans('prospect_candidates_embedding_idx'::regclass) as h, "
             "pg_stat_get_xact_numscans('prospect_candidates'::regclass) as s")
    before = vectors.execute(scans).fetchone()
    result = match(vectors, queries(vectors, 1)[0], 10, '{"industry": "Rare"}')
    after = vectors.execute(scans).fetchone()
    assert (result["method"], result["count"]) == ("exact", 10)
    assert (after["b"] - before["b"], after["h"] - before["h"], after["s"] - before["s"]) == (1, 0, 0)


def test_the_hnsw_index_is_used_even_where_the_planner_costs_it_above_the_exact_scan(vectors):
    # At ef_search 1000 on 2,500 rows pgvector's cost estimate exceeds a sequential scan's; the
    # scan counts of this transaction show which one match_prospects ran.
    vectors.execute("set local hnsw.ef_search = 1000")
    q = queries(vectors, 1)[0]
    before = index_scans(vectors)
    result = match(vectors, q, 10)
    after = index_scans(vectors)
    assert result["method"] == "hnsw" and result["count"] == 10
    assert (after["i"] - before["i"], after["s"] - before["s"]) == (1, 0)
    assert [r["id"] for r in result["rows"]] == exact_ids(vectors, q)


def test_a_broad_filter_runs_one_hnsw_scan_and_no_sequential_scan(vectors):
    # Estimated to keep 2,500 rows (over the 2,000 of the exact scan): the HNSW path, filtered.
    before = index_scans(vectors)
    result = match(vectors, queries(vectors, 1)[0], 10, '{"language": ["en", "fr"], "region": null}')
    after = index_scans(vectors)
    assert (result["method"], result["count"]) == ("hnsw", 10)
    assert (after["i"] - before["i"], after["s"] - before["s"]) == (1, 0)


def test_the_hnsw_path_reads_the_halfvec_index_and_returns_the_float4_similarity(vectors):
    # The index holds 16-bit floats (an expression index on the halfvec cast); the rows it yields
    # carry the similarity of the stored float4 vectors, in that order.
    opclass = vectors.execute("select o.opcname from pg_index i join pg_opclass o on o.oid = i.indclass[0] "
                              "where i.indexrelid = 'prospect_candidates_embedding_idx'::regclass").fetchone()
    assert opclass["opcname"] == "halfvec_cosine_ops"
    q = queries(vectors, 1)[0]
    before = index_scans(vectors)
    result = match(vectors, q, 25)
    after = index_scans(vectors)
    assert (result["method"], result["count"]) == ("hnsw", 25)
    assert (after["i"] - before["i"], after["s"] - before["s"]) == (1, 0)
    similarity = {r["id"]: (float(r["f"]), float(r["h"])) for r in vectors.execute(
        "select id::text, round((1 - (embedding operator(extensions.<=>) %(q)s::extensions.vector))::numeric, 6) as f, "
        "round((1 - (embedding::extensions.halfvec(1536) operator(extensions.<=>) "
        "%(q)s::extensions.halfvec(1536)))::numeric, 6) as h "
        "from prospect_candidates where id = any(%(ids)s::uuid[])", {"q": q, "ids": [r["id"] for r in result["rows"]]})}
    assert [r["similarity"] for r in result["rows"]] == [similarity[r["id"]][0] for r in result["rows"]]
    # The 16-bit similarity differs from it (so the assertion above tells the two apart).
    assert any(f != h for f, h in similarity.values())
    assert [r["similarity"] for r in result["rows"]] == sorted((f for f, _ in similarity.values()), reverse=True)


def test_the_sessions_strict_order_is_honoured_and_k_rows_returned(vectors):
    vectors.execute("set local hnsw.iterative_scan = strict_order")
    result = match(vectors, queries(vectors, 1)[0], 10, '{"language": ["en", "fr"]}')
    assert (result["method"], result["count"]) == ("hnsw", 10)
    assert vectors.execute("select current_setting('hnsw.iterative_scan') as v").fetchone()["v"] == "strict_order"


def test_the_sessions_ef_search_is_honoured_and_restored(vectors):
    vectors.execute("set local hnsw.ef_search = 250")
    match(vectors, queries(vectors, 1)[0], 10)
    assert vectors.execute("select current_setting('hnsw.ef_search') as v").fetchone()["v"] == "250"
    assert vectors.execute("select current_setting('hnsw.iterative_scan') as v").fetchone()["v"] == "off"
    assert vectors.execute("select current_setting('enable_seqscan') || current_setting('enable_sort') as v"
                           ).fetchone()["v"] == "onon"


def test_a_tiny_table_uses_the_exact_scan(vector_set, conn):
    conn.execute("delete from prospect_candidates")
    conn.execute("insert into prospect_candidates (business_name, website, embedding) "
                 "select 'T' || i, 't' || i || '.test', array_fill(i::real, array[1536])::extensions.vector "
                 "from generate_series(1, 5) i")
    conn.execute("analyze prospect_candidates")
    result = match(conn, "[" + ",".join(["1"] * 1536) + "]", 10)
    assert (result["method"], result["count"]) == ("exact", 5)


def test_bad_arguments_are_clear_400_errors(vectors):
    q = queries(vectors, 1)[0]
    bad = ((0, "{}", "k must be between"), (10, '{"colour": "red"}', "unknown prospect filter"),
           (10, '{"industry": 3}', "filter industry"), (10, '{"not_contacted": "yes"}', "not_contacted"))
    for k, filters, fragment in bad:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match=fragment):
            with vectors.transaction():
                match(vectors, q, k, filters)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="1536 dimensions"):
        vectors.execute("select match_prospects('[1,2,3]'::extensions.vector, 10, '{}')")


def test_similar_prospects_to_profile_needs_a_profile_then_returns_k_rows(vectors, tmp_path):
    vectors.execute("delete from avenir_profile_embeddings")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="avenir profile load"):
        with vectors.transaction():
            vectors.execute("select similar_prospects_to_profile(5, '{}')")
    profile = tmp_path / "profile.md"
    profile.write_text("# Avenir\n\nAvenir answers every contact form in seconds, in French and English.\n\n"
                       "# Who we help\n\nDental clinics, law firms and trades that lose leads to slow replies.\n")
    loaded = load_profile(vectors, profile, make_provider("offline"))
    assert loaded["chunks"] == 2
    result = vectors.execute("select similar_prospects_to_profile(7, '{\"language\": \"fr\"}') as r").fetchone()["r"]
    assert result["count"] == 7 and result["profile_chunks"] == 2
    chunks = vectors.execute("select chunk_text, metadata from avenir_profile_embeddings "
                             "order by (metadata ->> 'order')::int").fetchall()
    assert chunks[1]["metadata"]["section"] == "Who we help"
    assert chunks[0]["chunk_text"].startswith("Avenir answers")


def test_profile_chunks_stay_within_the_chunk_size():
    text = "# Long\n\n" + " ".join(f"Sentence number {i} about automation." for i in range(200))
    chunks = profile_chunks(text)
    assert len(chunks) > 5 and all(len(c) <= 800 for _, c in chunks) and {s for s, _ in chunks} == {"Long"}
