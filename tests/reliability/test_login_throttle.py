"""Login over real HTTP: no way around the counting (item 1) and no way to lock an owner out (item 2).

Throttles (functions/accounts.sql, README "Login throttling"): 10 failures in 15 minutes per
(e-mail, client address); per address 30 failures free, then a wait doubling from 1 s to 1 hour.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from conftest import assert_postgrest_error, fresh_address


def attempts(db, email: str) -> int:
    return db.execute("select count(*) as n from private.login_attempts where email = %s", [email]).fetchone()["n"]


def post_login(http, email: str, password: str, address: str, **kwargs) -> httpx.Response:
    return http.post("/rpc/login", json={"email": email, "password": password},
                     headers={"X-Forwarded-For": address, **kwargs.pop("headers", {})}, **kwargs)


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_read_only_login_is_refused_alike_for_the_right_and_a_wrong_password(http, db, make_tenant, method):
    tenant = make_tenant()
    address = fresh_address()
    answers = [http.request(method, "/rpc/login", params={"email": tenant.email, "password": password},
                            headers={"X-Forwarded-For": address})
               for password in (tenant.password, "wrong password", tenant.password)]
    assert {a.status_code for a in answers} == {405}
    assert len({a.content for a in answers}) == 1
    if method == "GET":
        body = assert_postgrest_error(answers[0])
        assert body["code"] == "25006" and "POST" in body["hint"]
    # Refused up front: no token, nothing recorded, the pair's failures not cleared either.
    assert attempts(db, tenant.email) == 0
    assert post_login(http, tenant.email, "wrong", address).status_code == 403
    assert http.request(method, "/rpc/login", params={"email": tenant.email, "password": tenant.password},
                        headers={"X-Forwarded-For": address}).status_code == 405
    assert attempts(db, tenant.email) == 1


def test_post_counts_every_failure_and_a_success_clears_only_its_address(http, db, make_tenant):
    tenant = make_tenant()
    here, there = fresh_address(), fresh_address()
    for _ in range(3):
        wrong = post_login(http, tenant.email, "wrong", here)
        assert (wrong.status_code, assert_postgrest_error(wrong)["code"]) == (403, "28P01")
    assert post_login(http, tenant.email, "wrong", there).status_code == 403
    assert attempts(db, tenant.email) == 4
    assert post_login(http, tenant.email, tenant.password, here).status_code == 200
    assert attempts(db, tenant.email) == 1  # the failure from the other address stays


ROLLING_BACK = [{"Accept": "application/vnd.pgrst.object+json"}, {"Accept": "application/vnd.pgrst.plan+json"},
                {"Prefer": "tx=rollback"}]


@pytest.mark.parametrize("filtered", [False, True], ids=["plain", "filtered"])
@pytest.mark.parametrize("headers", ROLLING_BACK, ids=["object", "plan", "tx-rollback"])
def test_a_request_that_would_roll_back_is_refused_alike_for_any_password(http, db, make_tenant, headers, filtered):
    # Singular Accept + a filter that drops the row of a wrong guess: the gateway rolls back 0-row
    # singular answers, so such a guess would go uncounted while 403/200 told wrong from right.
    tenant = make_tenant()
    address = fresh_address()
    params = {"pgrst_scalar->>token_type": "eq.bearer"} if filtered else {}
    answers = [post_login(http, tenant.email, password, address, params=params, headers=headers)
               for password in ("wrong", tenant.password)]
    assert answers[0].status_code == answers[1].status_code == 406
    assert answers[0].content == answers[1].content
    assert attempts(db, tenant.email) == 0
    if filtered and "Prefer" in headers:
        # The filter dropped login's PT406 error object: PostgREST answers the emptied scalar `null`
        # with the function's status.
        assert answers[0].json() is None
        return
    # The plan media type is refused by the gateway itself while db-plan-enabled is off. A filter that
    # empties the scalar answer is PostgREST's PGRST116 when singular (finding G1), else login's PT406.
    expected = ("PGRST116",) if filtered and "object" in headers.get("Accept", "") else ("PT406", "PGRST107")
    assert assert_postgrest_error(answers[0])["code"] in expected


def test_concurrent_guesses_from_one_address_are_counted_exactly(api, db, make_tenant):
    tenant = make_tenant()
    address = fresh_address()

    def guess(i: int) -> httpx.Response:
        # One connection per guess: real concurrent requests, not one keep-alive queue.
        with httpx.Client(base_url=api.url + "/rest/v1", headers={"apikey": api.anon_key}, timeout=120) as c:
            return post_login(c, tenant.email, f"guess {i}", address)

    with ThreadPoolExecutor(max_workers=60) as pool:
        answers = list(pool.map(guess, range(60)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [403] * 10 + [429] * 50
    assert attempts(db, tenant.email) == 10
    throttle = db.execute("select failures from private.login_address_throttle where client_address = %s",
                          [address]).fetchone()
    assert throttle["failures"] == 10


def test_an_attacker_cannot_lock_the_owner_out(http, make_tenant):
    tenant = make_tenant()
    attacker, owner = fresh_address(), fresh_address()
    for _ in range(10):
        assert post_login(http, tenant.email, "guess", attacker).status_code == 403
    refused = post_login(http, tenant.email, tenant.password, attacker)
    assert refused.status_code == 429
    body = assert_postgrest_error(refused)
    assert body["code"] == "PT429" and body["message"].startswith("too many failed logins for this e-mail")
    assert int(refused.headers["Retry-After"]) > 0
    # The owner, from an address that is not under throttle, logs in.
    assert post_login(http, tenant.email, tenant.password, owner).status_code == 200
    # The attacker's further tries are refused alike, whatever the password.
    again = [post_login(http, tenant.email, password, attacker) for password in ("guess", tenant.password)]
    assert [a.status_code for a in again] == [429, 429]
    assert again[0].json()["code"] == again[1].json()["code"] == "PT429"


def test_the_address_throttle_grows_and_never_locks_the_account(http, db, make_tenant):
    tenant = make_tenant()
    sprayer = fresh_address()
    # 30 failures free, spread over e-mails (a spray); each one counted for the address.
    for i in range(30):
        assert post_login(http, f"victim-{i}@spray.test", "guess", sprayer).status_code == 403
    delays = []
    for _ in range(4):
        assert post_login(http, "victim-x@spray.test", "guess", sprayer).status_code == 403
        row = db.execute("select failures, extract(epoch from blocked_until - last_failure_at)::int as delay "
                         "from private.login_address_throttle where client_address = %s", [sprayer]).fetchone()
        delays.append(row["delay"])
        refused = post_login(http, tenant.email, tenant.password, sprayer)
        assert refused.status_code == 429
        assert assert_postgrest_error(refused)["message"].startswith("too many failed logins from this address")
        # Stand in for the wait: the block is over, the failures stay.
        db.execute("update private.login_address_throttle set blocked_until = now() where client_address = %s",
                   [sprayer])
    assert delays == [1, 2, 4, 8]
    assert row["failures"] == 34
    # The account itself is not locked: its owner elsewhere logs in.
    assert post_login(http, tenant.email, tenant.password, fresh_address()).status_code == 200
    db.execute("delete from private.login_attempts where email like '%%@spray.test'")
