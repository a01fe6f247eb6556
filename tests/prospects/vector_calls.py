"""The calls the vector tests share: queries near a generated set, match_prospects, the exact scan."""


def nudged_queries(conn, website_prefix: str, n: int = 20) -> list[str]:
    """Queries near the data but not in it: stored vectors (of the set whose websites start with
    website_prefix) nudged by noise; seeded, so every run asks the same queries."""
    conn.execute("select setseed(0.5)")
    return [r["q"] for r in conn.execute(
        "select (select array_agg(x + 0.2 * (random() - 0.5)) from unnest(embedding::real[]) x)"
        "::extensions.vector::text as q "
        "from prospect_candidates where website like %s || '%%' order by website limit %s",
        [website_prefix, n]).fetchall()]


def match(conn, q, k=10, filters="{}"):
    return conn.execute("select match_prospects(%s::extensions.vector, %s, %s::jsonb) as r",
                        [q, k, filters]).fetchone()["r"]


def exact_ids(conn, q, k=10, where="true"):
    # "+ 0": an expression no index orders by, so this is always the exact scan.
    return [r["id"] for r in conn.execute(
        f"select id::text from prospect_candidates where {where} "
        "order by (embedding operator(extensions.<=>) %s::extensions.vector) + 0 limit %s", [q, k]).fetchall()]


def overrated_region(conn, website_prefix: str, kept: list[str]) -> None:
    """Statistics that say every prospect of the set is in the region Yukon, when only those whose
    website is in `kept` are: a filter on it that the estimate overrates."""
    conn.execute("update prospect_candidates set region = 'Yukon' where website like %s || '%%'", [website_prefix])
    conn.execute("analyze prospect_candidates")
    conn.execute("update prospect_candidates set region = null where website like %s || '%%' "
                 "and website <> all (%s)", [website_prefix, kept])
