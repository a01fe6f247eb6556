"""Embeds joined as PostgREST v13 joins them (fixture_v13.sql, section gwrel): a to-one embed is a
lateral join, so rows that tie in the order come out as from PostgREST's query; an inner to-one embed
nested in another is an inner lateral join that keeps the parents' scan order; a many-to-many
relationship through an unexposed junction does not exist, and PGRST200 then hints at nothing. Over
real HTTP; the expected orders are PostgreSQL's own answers to the statements PostgREST would run."""

import psycopg
import pytest
from gw_config import variant_client

# The statement PostgREST v13 runs for /gwrel_team_sizes?select=size,gwrel_teams(name)&order=size
# without db-max-rows (which would limit the embedded rows too, and PostgreSQL then joins the rows
# one parent at a time, in the view's order, whichever way the embed is written)
LATERAL_TO_ONE = """
select s.size, row_to_json(t.*)::jsonb as gwrel_teams
from gw.gwrel_team_sizes s
left join lateral (select t1.name from gw.gwrel_teams t1 where t1.id = s.team_id) t on true
order by s.size"""


@pytest.fixture(scope="module")
def unlimited(cluster, gw_workdir, jwt_secret_file):
    """A gateway without db-max-rows."""
    yield from variant_client(cluster, gw_workdir, jwt_secret_file, "unlimited", **{"db-max-rows": None})


def as_anon(db_url: str, query: str) -> list[tuple]:
    """The rows of `query` as the gateway's anonymous role reads them (its policies apply)."""
    with psycopg.connect(db_url) as conn, conn.transaction():
        conn.execute("set local role anon")
        return conn.execute(query).fetchall()


def test_rows_tied_in_the_order_come_out_as_from_a_lateral_join(unlimited, db_url):
    expected = [{"size": size, "gwrel_teams": team} for size, team in as_anon(db_url, LATERAL_TO_ONE)]
    assert [row["size"] for row in expected] == [1, 2, 2]  # the two teams tie
    r = unlimited.get("/gwrel_team_sizes?select=size,gwrel_teams(name)&order=size")
    assert r.status_code == 200
    assert r.json() == expected


def test_an_inner_to_one_embed_nested_in_another_keeps_the_parents_scan_order(unlimited, db_url):
    scan = [row[0] for row in as_anon(db_url, "select id from gw.gwrel_players")]
    r = unlimited.get("/gwrel_players?select=id,gwrel_teams(name,gwrel_leagues!inner(name))"
                   "&gwrel_teams.gwrel_leagues.name=eq.South")
    assert r.status_code == 200
    rows = r.json()
    assert [row["id"] for row in rows] == scan
    bees = {"name": "Bees", "gwrel_leagues": {"name": "South"}}
    assert {row["id"]: row["gwrel_teams"] for row in rows} == {1: bees, 2: bees, 3: None, 4: None, 5: None}


def test_a_nested_inner_to_one_embed_filters_its_own_parent_only(client):
    r = client.get("/gwrel_players?select=id,gwrel_teams!inner(name,gwrel_leagues!inner(name))"
                   "&gwrel_teams.gwrel_leagues.name=eq.North&order=id")
    assert r.json() == [{"id": 3, "gwrel_teams": {"name": "Ants", "gwrel_leagues": {"name": "North"}}},
                        {"id": 4, "gwrel_teams": {"name": "Ants", "gwrel_leagues": {"name": "North"}}}]


def test_a_junction_outside_the_exposed_schemas_makes_no_relationship_and_no_hint(client):
    r = client.get("/gwrel_badges?select=label,gwrel_players(name)")
    assert r.status_code == 400
    assert r.json() == {
        "code": "PGRST200", "hint": None,
        "message": "Could not find a relationship between 'gwrel_badges' and 'gwrel_players' in the schema cache",
        "details": "Searched for a foreign key relationship between 'gwrel_badges' and 'gwrel_players' in the "
                   "schema 'gw', but no matches were found."}
