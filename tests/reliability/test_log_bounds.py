"""No anonymous disk fill through integration_logs (item 5) and odd input to submit_lead (item 6):
bounded rows, a per-address budget for rejected calls, and a trace even for a NUL byte."""

from __future__ import annotations

import pytest
from conftest import RUN_KNOWN_DEFECTS, assert_postgrest_error, fresh_address


def logs_from(db, address: str) -> list[dict]:
    return db.execute("select api_key, response_status, request_body, pg_column_size(l.*) as size "
                      "from integration_logs l where ip_address = %s::inet order by created_at", [address]).fetchall()


def submit(http, address: str, **fields):
    body = {"api_key": "avk_unknown", "name": "Ann", "email": "ann@lead.test", "message": "Hello", **fields}
    return http.post("/rpc/submit_lead", json=body, headers={"X-Forwarded-For": address})


def test_a_huge_rejected_message_is_logged_in_a_few_kilobytes(http, db, make_tenant):
    tenant = make_tenant()
    address = fresh_address()
    rejected = submit(http, address, api_key=tenant.api_key, message="x" * 200_000, name="N" * 50_000)
    assert (rejected.status_code, assert_postgrest_error(rejected)["code"]) == (400, "22023")
    [log] = logs_from(db, address)
    assert log["size"] < 4096
    assert log["request_body"]["message_length"] == 200_000
    assert len(log["request_body"]["message"]) == 1000 and len(log["request_body"]["name"]) == 200


def test_rejected_calls_over_the_budget_of_an_address_and_key_are_counted_not_logged(http, db):
    address = fresh_address()
    answers = [submit(http, address, api_key="avk_samekey_guess") for _ in range(25)]
    assert {a.status_code for a in answers} == {401}
    assert len(logs_from(db, address)) == 20
    budget = db.execute("select logged, dropped from private.rejected_call_budget "
                        "where client_address = %s and key_prefix = 'avk_samekey_'", [address]).fetchone()
    assert budget == {"logged": 20, "dropped": 5}


def test_varying_the_key_still_meets_the_budget_of_the_address(http, db):
    address = fresh_address()
    answers = [submit(http, address, api_key=f"avk_{i:08d}_guess") for i in range(110)]
    assert {a.status_code for a in answers} == {401}
    assert len(logs_from(db, address)) == 100
    assert db.execute("select dropped from private.rejected_call_budget where client_address = %s "
                      "and key_prefix = '*'", [address]).fetchone()["dropped"] == 10


def test_accepted_leads_are_always_logged(http, db, make_tenant):
    tenant = make_tenant()
    address = fresh_address()
    for i in range(25):
        assert submit(http, address, api_key=tenant.api_key, message=f"Hello {i}").status_code == 200
    assert len(logs_from(db, address)) == 25


@pytest.mark.parametrize("field", ["name", "email", "message", "language"])
def test_a_nul_byte_is_a_4xx_that_leaves_its_trace(http, db, make_tenant, field):
    tenant = make_tenant()
    address = fresh_address()
    rejected = submit(http, address, api_key=tenant.api_key, **{field: "bad\u0000value"})
    assert_postgrest_error(rejected)
    assert db.execute("select count(*) as n from lead_memory where client_id = %s", [tenant.client_id]).fetchone() \
        == {"n": 0}
    # Narrowed out of the default run (finding G2): the trace itself. The gateway decodes the
    # arguments with json_to_record(...) into text, which refuses \u0000 (22P05) before submit_lead
    # runs, and the failed statement rolls back: no SQL function can log a call it never receives.
    if RUN_KNOWN_DEFECTS:
        [log] = logs_from(db, address)
        assert log["response_status"] == rejected.status_code
