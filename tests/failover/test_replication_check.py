"""One asynchronous pair: what status and the replication check see, and how they name a difference."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest
from failover_pairs import Pair, build_pair, create_client, wait_replicated
from psycopg.rows import dict_row

from avenir.failover.attach import REPLICATED_PRIVATE_TABLES, REPLICATED_TABLE_COUNT
from avenir.failover.check import check, record_check
from avenir.failover.nodes import Node, PairState
from avenir.failover.status import gather
from avenir.local import configure
from avenir.local.paths import project_root

LEADS = 600
PUBLISHED = REPLICATED_TABLE_COUNT + len(REPLICATED_PRIVATE_TABLES)  # the spec's 26 and the private records


@pytest.fixture(scope="module")
def built_pair(template_cluster) -> Iterator[Pair]:
    built = build_pair(template_cluster, "async")
    try:
        client = create_client(built.state.primary.url)
        with psycopg.connect(built.state.primary.url, autocommit=True) as conn:
            conn.execute("select public.submit_lead(%s, 'Lead ' || i, 'lead' || i || '@failover.test', "
                         "'Message number ' || i) from generate_series(1, %s) i", [client["api_key"], LEADS])
        wait_replicated(built.state.primary.url, built.state.failover.url, "select count(*) from public.lead_memory")
        yield built
    finally:
        built.destroy()


@pytest.fixture
def pair(built_pair: Pair) -> PairState:
    return built_pair.state


def test_status_shows_every_table_ready_and_the_failover_fenced(pair):
    report = gather(pair)
    failover, primary = report["failover"], report["primary"]
    assert failover["subscription"]["enabled"] and failover["subscription"]["worker_running"]
    assert len(failover["tables"]) == PUBLISHED
    assert set(failover["tables"].values()) == {"ready"}
    assert failover["api_role_read_only"] is True
    assert failover["active_cron_jobs"] == []
    assert primary["slot_name"] == "avenir_failover" and primary["active"] is True
    with psycopg.connect(pair.primary.url) as conn:
        published = conn.execute("select count(*) from pg_publication_tables where pubname = 'avenir_failover'"
                                 ).fetchone()[0]
        active_jobs = conn.execute("select count(*) from cron.job where jobname like 'avenir-%' and active"
                                   ).fetchone()[0]
    assert published == PUBLISHED
    assert active_jobs > 0  # the jobs run on the primary only


def test_triggers_do_not_fire_again_when_the_failover_applies(pair):
    # updated_at is stamped by a trigger on the primary; the failover keeps the primary's value.
    with psycopg.connect(pair.primary.url, autocommit=True) as conn:
        conn.execute("update public.lead_memory set current_tag = 'Hot Lead' "
                     "where id = (select id from public.lead_memory order by id limit 1)")
    wait_replicated(pair.primary.url, pair.failover.url,
                    "select id, current_tag, updated_at from public.lead_memory where current_tag = 'Hot Lead'")


def test_check_passes_and_counts_every_table_when_nothing_differs(pair):
    report = check(pair)
    assert report["findings"] == [] and report["ok"] is True
    by_table = report["tables"]["by_table"]
    assert len(by_table) == PUBLISHED
    assert by_table["lead_memory"] == {"primary_rows": LEADS, "failover_rows": LEADS, "differs": False,
                                       "segments_compared": 16}
    assert report["schema_fingerprint"] == {"equal": True, "differing_parts": []}
    assert report["lag"]["wal_retained_bytes"] >= 0
    metric_id = record_check(pair, report)
    with psycopg.connect(pair.primary.url, row_factory=dict_row) as conn:
        row = conn.execute("select event_type, source_component, metric_name, metric_value, success_rate, metadata "
                           "from public.performance_metrics where id = %s", [metric_id]).fetchone()
    assert (row["event_type"], row["source_component"], row["metric_value"], row["success_rate"]) == (
        "replication_check", "replication_monitor", 0, 1)
    assert row["metadata"]["lag_bytes"] == report["lag"]["bytes"]


def test_multi_host_url_reaches_whichever_node_accepts_writes(pair, built_pair):
    # The failover is listed first: libpq skips it (read-only for the API role) and lands on the primary.
    password = configure.authenticator_password(built_pair.primary)

    def api_url(*hosts: Node) -> str:
        return (f"postgresql://authenticator:{password}@{','.join(h.address for h in hosts)}"
                f"/avenir?target_session_attrs=read-write")

    for order in ((pair.failover, pair.primary), (pair.primary, pair.failover)):
        with psycopg.connect(api_url(*order)) as conn:
            assert conn.info.port == built_pair.primary.port
            assert conn.execute("show transaction_read_only").fetchone()[0] == "off"
    # Straight to the failover, the API role cannot write there.
    with psycopg.connect(api_url(pair.failover).split("?")[0]) as conn:
        assert conn.execute("show transaction_read_only").fetchone()[0] == "on"
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("set role service_role")
            conn.execute("insert into public.intent_translations (intent_en, intent_fr) values ('X', 'X')")


def test_check_bisects_down_to_the_changed_and_missing_rows(pair, built_pair):
    # Replica role: no trigger stamps updated_at, so the rows can be put back exactly afterwards.
    with psycopg.connect(pair.failover.url, autocommit=True, row_factory=dict_row,
                         options="-c session_replication_role=replica") as f:
        changed = f.execute("select id, name from public.lead_memory order by id offset 100 limit 1").fetchone()
        gone = f.execute("select id, row_to_json(a)::jsonb as saved from public.lead_actions a "
                         "order by id offset 7 limit 1").fetchone()
        f.execute("update public.lead_memory set name = 'Tampered' where id = %s", [changed["id"]])
        f.execute("delete from public.lead_actions where id = %s", [gone["id"]])
    try:
        report = check(pair)
        memory, actions = report["tables"]["by_table"]["lead_memory"], report["tables"]["by_table"]["lead_actions"]
        assert memory["changed"] == [str(changed["id"])] and memory["missing_on_failover"] == []
        assert actions["missing_on_failover"] == [str(gone["id"])] and actions["changed"] == []
        # Bisection, not a row-by-row scan: a few segments per level, one leaf range named.
        assert memory["segments_compared"] < 100 and len(memory["ranges"]) == 1
        lo, hi = memory["ranges"][0].strip("[)").split(", ")
        assert lo <= str(changed["id"]) < hi
        assert not report["ok"]
        assert any("public.lead_memory differs" in f and "1 changed" in f for f in report["findings"])
        untouched = {n for n, d in report["tables"]["by_table"].items() if not d["differs"]}
        assert untouched == set(report["tables"]["by_table"]) - {"lead_memory", "lead_actions"}

        # The CLI: exit status 2, the table and the key range named.
        cli = subprocess.run([sys.executable, "-m", "avenir.cli", "replication", "check", "--no-record"],
                             env={**os.environ, "AVENIR_HOME": str(built_pair.home)}, cwd=project_root(),
                             capture_output=True, text=True)
        assert cli.returncode == 2, cli.stderr
        assert "public.lead_memory differs" in cli.stdout and memory["ranges"][0] in cli.stdout
        as_json = subprocess.run([sys.executable, "-m", "avenir.cli", "replication", "check", "--json",
                                  "--no-record"], env={**os.environ, "AVENIR_HOME": str(built_pair.home)},
                                 cwd=project_root(), capture_output=True, text=True)
        assert as_json.returncode == 2
        assert json.loads(as_json.stdout)["tables"]["by_table"]["lead_actions"]["missing_on_failover"] == [
            str(gone["id"])]
    finally:
        with psycopg.connect(pair.failover.url, autocommit=True, options="-c session_replication_role=replica") as f:
            f.execute("update public.lead_memory set name = %s where id = %s", [changed["name"], changed["id"]])
            f.execute("insert into public.lead_actions "
                      "select * from jsonb_populate_record(null::public.lead_actions, %s)",
                      [psycopg.types.json.Jsonb(gone["saved"])])
    assert check(pair)["ok"]


def test_check_reports_sequences_the_failover_does_not_have_yet(pair):
    with psycopg.connect(pair.primary.url, autocommit=True) as conn:
        conn.execute("select public.login('nobody@failover.test', 'wrong') from generate_series(1, 3)")
    report = check(pair, compare_data=False)
    seq = {s["sequence"]: s for s in report["sequences"]}["private.login_attempts_id_seq"]
    assert seq["behind"] is True and seq["primary"] >= 3 and seq["failover"] is None


def test_check_names_the_schema_part_that_differs(pair):
    with psycopg.connect(pair.failover.url, autocommit=True) as f:
        f.execute("create index lead_memory_name_drift_idx on public.lead_memory (name)")
    try:
        report = check(pair, compare_data=False)
    finally:
        with psycopg.connect(pair.failover.url, autocommit=True) as f:
            f.execute("drop index public.lead_memory_name_drift_idx")
    assert report["schema_fingerprint"] == {"equal": False, "differing_parts": ["indexes"]}
    assert any("schemas differ (indexes)" in f for f in report["findings"])
    assert check(pair, compare_data=False)["schema_fingerprint"]["equal"]


def test_status_command_prints_the_subscription_and_the_tables(built_pair):
    out = subprocess.run([sys.executable, "-m", "avenir.cli", "failover", "status"], cwd=project_root(),
                         env={**os.environ, "AVENIR_HOME": str(built_pair.home)}, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "subscription avenir_failover enabled, worker running" in out.stdout
    assert f"ready: {PUBLISHED} tables" in out.stdout
    assert "API role read-only: yes; active pg_cron jobs: none" in out.stdout


def test_text_keyed_private_records_are_replicated_and_bisected_by_key_hash(pair):
    with psycopg.connect(pair.primary.url, autocommit=True) as conn:
        prospect = conn.execute("insert into public.prospect_candidates (business_name, website) "
                                "values ('Alias Co', 'alias-co.example') returning id").fetchone()[0]
        conn.execute("insert into private.prospect_domains (domain, prospect_id, source) values "
                     "('alias-co.example', %s, 'csv'), ('alias-co-shop.example', %s, 'csv')", [prospect, prospect])
    wait_replicated(pair.primary.url, pair.failover.url, "select domain from private.prospect_domains order by 1")
    report = check(pair)
    assert report["ok"], report["findings"]
    assert report["tables"]["by_table"]["private.prospect_domains"]["primary_rows"] >= 2
    with psycopg.connect(pair.failover.url, autocommit=True, options="-c session_replication_role=replica") as f:
        saved = f.execute("delete from private.prospect_domains where domain = 'alias-co-shop.example' "
                          "returning row_to_json(prospect_domains)::jsonb").fetchone()[0]
        hashed = f.execute("select md5('alias-co-shop.example')::uuid::text").fetchone()[0]
    try:
        report = check(pair)
        domains = report["tables"]["by_table"]["private.prospect_domains"]
        assert domains["missing_on_failover"] == [hashed] and domains["changed"] == []
        assert any(finding.startswith("private.prospect_domains differs") for finding in report["findings"])
    finally:
        with psycopg.connect(pair.failover.url, autocommit=True,
                             options="-c session_replication_role=replica") as f:
            f.execute("insert into private.prospect_domains "
                      "select * from jsonb_populate_record(null::private.prospect_domains, %s)",
                      [psycopg.types.json.Jsonb(saved)])
    assert check(pair)["ok"]
