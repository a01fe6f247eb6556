"""submit_lead over real connections: the trace of a rejected call survives it, and two
connections double-submitting the same form at once create one lead."""

import threading
import time

import psycopg
from psycopg.rows import dict_row

SUBMIT = "select submit_lead(%(key)s, %(name)s, %(email)s, %(message)s) as r"


def test_rejected_submit_is_logged_and_creates_nothing(db_url, make_tenant, rpc):
    tenant = make_tenant()
    response = rpc("anon", SUBMIT,
                        {"key": tenant.api_key, "name": "Ann", "email": "not-an-address", "message": "Hello"},
                        headers={"user-agent": "pytest-form", "x-forwarded-for": "198.51.100.4"})
    assert response.status == "400"
    assert response.body["code"] == "22023"
    assert set(response.body) == {"code", "message", "details", "hint"}
    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        logs = conn.execute("select response_status, user_agent, host(ip_address) as ip, request_body "
                            "from integration_logs where client_id = %s", [tenant.client_id]).fetchall()
        leads = conn.execute("select count(*) as n from lead_memory where client_id = %s",
                             [tenant.client_id]).fetchone()
    assert [(log["response_status"], log["user_agent"], log["ip"]) for log in logs] == [
        (400, "pytest-form", "198.51.100.4")]
    assert "api_key" not in logs[0]["request_body"]
    assert leads["n"] == 0


def wait_until_blocked(db_url: str, pid: int) -> None:
    """Synchronisation, not a timing assertion: wait until `pid` waits on a lock."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        for _ in range(400):
            row = conn.execute("select wait_event_type from pg_stat_activity where pid = %s", [pid]).fetchone()
            if row and row[0] == "Lock":
                return
            time.sleep(0.025)
    raise AssertionError(f"backend {pid} never waited on a lock")


def test_concurrent_double_submit_creates_one_lead(db_url, make_tenant):
    tenant = make_tenant()
    params = {"key": tenant.api_key, "name": "Ann", "email": "ann@lead.test", "message": "Same form, clicked twice"}
    results: dict[str, dict] = {}
    with (psycopg.connect(db_url, row_factory=dict_row) as first,
          psycopg.connect(db_url, row_factory=dict_row) as second):
        second_pid = second.info.backend_pid
        first.execute("set role anon")
        results["first"] = first.execute(SUBMIT, params).fetchone()["r"]  # holds the lock, not committed yet

        def submit_again() -> None:
            second.execute("set role anon")
            results["second"] = second.execute(SUBMIT, params).fetchone()["r"]
            second.commit()

        thread = threading.Thread(target=submit_again)
        thread.start()
        wait_until_blocked(db_url, second_pid)
        first.commit()
        thread.join(timeout=30)
    assert results["second"]["lead_id"] == results["first"]["lead_id"]
    assert results["second"].get("duplicate") is True
    with psycopg.connect(db_url) as conn:
        counts = conn.execute(
            "select (select count(*) from lead_memory where client_id = %(c)s), "
            "(select count(*) from queue_jobs where client_id = %(c)s), "
            "(select count(*) from integration_logs where client_id = %(c)s)", {"c": tenant.client_id}).fetchone()
    assert counts == (1, 1, 2)
