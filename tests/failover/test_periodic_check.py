"""The replication check as the worker's periodic task: every run recorded in the primary's
performance_metrics (event_type replication_check), a divergence recorded as a failed run naming
the table, and one run at a time per primary however many workers check."""

from __future__ import annotations

import psycopg
from failover_pairs import create_client, wait_replicated
from psycopg.rows import dict_row
from worker_process import WorkerProcess, wait_for

from avenir.failover.check import checked_once

CHECK_ROWS = ("select id, success_rate, metric_value, metadata, recorded_at from public.performance_metrics "
              "where event_type = 'replication_check' and source_component = 'replication_monitor' "
              "order by recorded_at")


def recorded(url: str) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(CHECK_ROWS).fetchall()


def test_the_worker_checks_the_pair_periodically_and_records_each_run(make_pair, tmp_path):
    pair = make_pair("async")
    client = create_client(pair.state.primary.url)
    wait_replicated(pair.state.primary.url, pair.state.failover.url, "select count(*) from public.clients")
    worker = WorkerProcess(pair.primary, tmp_path, AVENIR_DB_URL=pair.api_db_url(), AVENIR_HOME=str(pair.home),
                           AVENIR_REPLICATION_CHECK_INTERVAL=0.5, AVENIR_UDF_FALLBACK_INTERVAL=0)
    try:
        worker.wait_started()
        runs = wait_for(lambda: (r := recorded(pair.state.primary.url)) and len(r) >= 2 and r, 90,
                        "two periodic checks recorded")
        assert all(r["success_rate"] == 1 and r["metric_value"] == 0 for r in runs), runs
        # The failover diverges: the next runs record it, naming the table.
        with psycopg.connect(pair.state.failover.url, autocommit=True,
                             options="-c session_replication_role=replica") as f:
            f.execute("update public.clients set business_name = 'Tampered' where client_id = %s",
                      [client["client_id"]])
        failed = wait_for(lambda: [r for r in recorded(pair.state.primary.url) if r["success_rate"] == 0], 90,
                          "a periodic check to record the divergence")[0]
    finally:
        worker.stop()
    assert failed["metric_value"] >= 1 and "clients" in failed["metadata"]["differing_tables"]
    assert any("public.clients differs" in f for f in failed["metadata"]["findings"])
    assert "event=replication_check ok=true" in worker.log() and "event=replication_check ok=false" in worker.log()


def test_one_periodic_check_at_a_time_per_primary(make_pair):
    pair = make_pair("async")
    with psycopg.connect(pair.state.primary.url, autocommit=True) as holder:
        assert holder.execute("select pg_try_advisory_lock(hashtext('avenir-replication-check'))").fetchone()[0]
        assert checked_once(pair.state, compare_data=False) is None  # another run holds it: skipped
        before = len(recorded(pair.state.primary.url))
    report = checked_once(pair.state, compare_data=False)  # the holder's session ended: its lock too
    assert report is not None and report["ok"], report
    assert len(recorded(pair.state.primary.url)) == before + 1 and report["recorded_metric_id"]
