"""No anonymous disk fill through integration_logs (item 5) and odd input to submit_lead (item 6):
bounded rows, a per-address budget for rejected calls, and a trace even for a NUL byte."""

from __future__ import annotations

import pytest
from conftest import assert_postgrest_error, fresh_address


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
    budget = db.execute("select used, refused from private.address_budgets where scope = 'rejected_call_log' "
                        "and client_address = %s and subject = 'avk_samekey_'", [address]).fetchone()
    assert budget == {"used": 20, "refused": 5}


def test_varying_the_key_still_meets_the_budget_of_the_address(http, db):
    address = fresh_address()
    answers = [submit(http, address, api_key=f"avk_{i:08d}_guess") for i in range(110)]
    assert {a.status_code for a in answers} == {401}
    assert len(logs_from(db, address)) == 100
    assert db.execute("select refused from private.address_budgets where scope = 'rejected_call_log_address' "
                      "and client_address = %s", [address]).fetchone()["refused"] == 10


def test_accepted_leads_are_always_logged(http, db, make_tenant):
    tenant = make_tenant()
    address = fresh_address()
    for i in range(25):
        assert submit(http, address, api_key=tenant.api_key, message=f"Hello {i}").status_code == 200
    assert len(logs_from(db, address)) == 25


@pytest.mark.parametrize("field", ["api_key", "name", "email", "message", "language"])
def test_a_nul_byte_is_a_4xx_that_leaves_its_trace(http, db, make_tenant, field):
    # Finding G2: the database refuses \u0000 while decoding the arguments (22P05), before submit_lead
    # runs; the gateway refuses the call itself and calls db-rejected-rpc-hook, which logs it.
    tenant = make_tenant(language="fr")
    address = fresh_address()
    rejected = submit(http, address, **{"api_key": tenant.api_key, field: "bad\u0000value"})
    body = assert_postgrest_error(rejected)
    assert (rejected.status_code, body["code"]) == (400, "22P05")
    # In the client's language (the form gave none, or a refused one), with a hint; English when the
    # key itself is refused (no client known).
    wording = "a field holds a NUL character" if field == "api_key" else "un champ contient un caractère NUL"
    assert body["message"].startswith(wording) and body["hint"]
    assert db.execute("select count(*) as n from lead_memory where client_id = %s", [tenant.client_id]).fetchone() \
        == {"n": 0}
    [log] = logs_from(db, address)
    assert log["response_status"] == 400
    shown = "bad\ufffdvalue"
    assert log["api_key"] == (shown if field == "api_key" else tenant.api_key[:12])
    if field in ("name", "email", "message", "language"):
        assert log["request_body"][field] == shown


def test_a_nul_byte_in_a_form_urlencoded_call_leaves_its_trace_in_the_visitor_language(http, db, make_tenant):
    tenant = make_tenant()
    address = fresh_address()
    rejected = http.post("/rpc/submit_lead", headers={"X-Forwarded-For": address,
                                                      "Content-Type": "application/x-www-form-urlencoded"},
                         content=f"api_key={tenant.api_key}&name=Ann%00&email=ann@lead.test&message=Hi&language=fr")
    assert (rejected.status_code, assert_postgrest_error(rejected)["code"]) == (400, "22P05")
    assert rejected.json()["message"].startswith("un champ contient")
    assert [log["response_status"] for log in logs_from(db, address)] == [400]


def test_nul_byte_rejections_meet_the_same_log_budget(http, db):
    address = fresh_address()
    answers = [submit(http, address, api_key="avk_nulbudget", name="a\u0000") for _ in range(22)]
    assert {a.status_code for a in answers} == {400}
    assert len(logs_from(db, address)) == 20
