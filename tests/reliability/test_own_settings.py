"""A client changes its own settings through the API (issue 10 item 7), on the product schema: the
UPDATE returns only columns the role may read (never password_hash), and another tenant's row is
out of reach."""

from __future__ import annotations

from conftest import assert_postgrest_error, login_headers


def test_a_client_patches_its_own_industry_and_not_another_tenants(http, make_tenant):
    owner, other = make_tenant(), make_tenant()
    auth = login_headers(http, owner)
    r = http.patch(f"/clients?client_id=eq.{owner.client_id}", json={"industry": "bakery"}, headers=auth)
    assert r.status_code == 204, r.text
    r = http.patch(f"/clients?client_id=eq.{owner.client_id}&select=client_id,industry", json={"industry": "florist"},
                   headers={**auth, "Prefer": "return=representation"})
    assert (r.status_code, r.json()) == (200, [{"client_id": owner.client_id, "industry": "florist"}])
    assert http.get("/clients?select=industry", headers=auth).json() == [{"industry": "florist"}]
    # The other tenant's row: no row matches under RLS, nothing changes.
    r = http.patch(f"/clients?client_id=eq.{other.client_id}&select=client_id", json={"industry": "hijacked"},
                   headers={**auth, "Prefer": "return=representation"})
    assert (r.status_code, r.json()) == (200, [])
    assert http.get("/clients?select=industry", headers=login_headers(http, other)).json() == [{"industry": None}]
    # A column the role may not write is refused, not silently dropped.
    r = http.patch(f"/clients?client_id=eq.{owner.client_id}", json={"password_hash": "x"}, headers=auth)
    assert assert_postgrest_error(r)["code"] == "42501"
