"""login over real connections: a token the API accepts, no user enumeration, failures that
survive the failing call (committed), and the lockout."""

import jwt
import psycopg

from avenir.local import configure

LOGIN = "select login(%(email)s, %(password)s) as r"


def test_login_token_is_verified_with_the_api_secret(cluster, db_url, make_tenant, rpc):
    tenant = make_tenant()
    response = rpc("anon", LOGIN, {"email": tenant.email, "password": tenant.password})
    assert response.status is None
    claims = jwt.decode(response.body["access_token"], configure.jwt_secret(cluster), algorithms=["HS256"])
    assert claims["role"] == "authenticated"
    assert claims["client_id"] == claims["sub"] == tenant.client_id
    assert claims["exp"] - claims["iat"] == response.body["expires_in"] == 3600


def test_unknown_email_and_wrong_password_fail_alike_and_both_are_counted(db_url, make_tenant, rpc):
    tenant = make_tenant()
    unknown_email = "nobody-" + tenant.email
    wrong = rpc("anon", LOGIN, {"email": tenant.email, "password": "not the password"})
    unknown = rpc("anon", LOGIN, {"email": unknown_email, "password": "not the password"})
    assert wrong.body == unknown.body
    assert wrong.body["code"] == "28P01"
    assert wrong.status == unknown.status == "403"
    # The calls returned (not raised), so their committed transactions kept the failures.
    with psycopg.connect(db_url) as conn:
        counted = conn.execute("select email, count(*) from private.login_attempts "
                               "where email = any(%s) group by email", [[tenant.email, unknown_email]]).fetchall()
        conn.execute("delete from private.login_attempts where email = %s", [unknown_email])
        conn.commit()
    assert dict(counted) == {tenant.email: 1, unknown_email: 1}


def test_ten_failures_lock_the_email_even_for_the_right_password(db_url, make_tenant, rpc):
    tenant = make_tenant()
    for _ in range(10):
        assert rpc("anon", LOGIN, {"email": tenant.email, "password": "guess"}).body["code"] == "28P01"
    locked = rpc("anon", LOGIN, {"email": tenant.email, "password": tenant.password})
    assert locked.body["code"] == "PT429"
    assert locked.status == "429"
    assert "try again after" in locked.body["message"]


def test_rotated_key_stops_working_for_every_connection(db_url, make_tenant, rpc):
    tenant = make_tenant()
    rotated = rpc("authenticated", "select rotate_api_key() as r", claims={"client_id": tenant.client_id})
    submit = "select submit_lead(%(key)s, 'Ann', 'ann@lead.test', 'Hello') as r"
    old = rpc("anon", submit, {"key": tenant.api_key})
    new = rpc("anon", submit, {"key": rotated.body["api_key"]})
    assert (old.body["code"], old.status) == ("PT401", "401")
    assert new.body["status"] == "received"
