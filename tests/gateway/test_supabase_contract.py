"""The real supabase / postgrest client packages against the running gateway (fixture schema `gw`)."""

from __future__ import annotations

import pytest
from postgrest import SyncPostgrestClient
from postgrest.exceptions import APIError
from supabase import ClientOptions, create_client

# supabase-py itself passes parameters its postgrest dependency deprecates.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def sb(gateway, token):
    return create_client(gateway.url, token("service_role"), options=ClientOptions(schema="gw"))


@pytest.fixture(autouse=True)
def clean_items(sb):
    yield
    sb.table("items").delete().gte("id", 0).execute()


def test_select_with_filters_order_range_and_exact_count(sb):
    res = (sb.table("books").select("id,title", count="exact").eq("author_id", 1).order("id", desc=True)
           .range(0, 1).execute())
    assert res.data == [{"id": 3, "title": "The Dispossessed"}, {"id": 2, "title": "The Left Hand of Darkness"}]
    assert res.count == 3
    res = sb.table("books").select("id").in_("id", [4, 5, 6]).ilike("title", "%o%").order("id").execute()
    assert res.data == [{"id": 5}, {"id": 6}]
    res = sb.table("books").select("id").or_("year.lt.1965,title.eq.Kindred").order("id").execute()
    assert res.data == [{"id": 4}, {"id": 6}]
    res = sb.table("books").select("title").eq("id", 6).single().execute()
    assert res.data == {"title": "Solaris"}


def test_insert_update_delete_with_returning(sb):
    res = sb.table("items").insert([{"id": 1, "label": "one", "qty": 0}, {"id": 2, "label": "two", "qty": 2}]).execute()
    assert res.data == [{"id": 1, "label": "one", "qty": 0}, {"id": 2, "label": "two", "qty": 2}]
    res = sb.table("items").update({"qty": 5}).eq("id", 1).execute()
    assert res.data == [{"id": 1, "label": "one", "qty": 5}]
    res = sb.table("items").delete().eq("id", 2).execute()
    assert res.data == [{"id": 2, "label": "two", "qty": 2}]
    assert sb.table("items").select("id,qty").execute().data == [{"id": 1, "qty": 5}]


def test_rpc(sb):
    assert sb.rpc("add", {"a": 20, "b": 22}).execute().data == 42
    assert sb.rpc("books_by", {"author": 2}).select("id").order("id").execute().data == [{"id": 4}, {"id": 5}]
    assert sb.rpc("numbers", {"n": 3}).execute().data == [1, 2, 3]


def test_error_object_of_a_failing_call(sb):
    with pytest.raises(APIError) as info:
        sb.table("books").select("*").eq("id", "abc").execute()
    err = info.value
    assert err.code == "22P02"
    assert err.message == 'invalid input syntax for type integer: "abc"'
    with pytest.raises(APIError) as info:
        sb.table("items").insert({"id": 1, "label": "x", "qty": -5}).execute()
    assert info.value.code == "23514"
    with pytest.raises(APIError) as info:
        sb.rpc("add", {"a": 1, "c": 2}).execute()
    assert info.value.code == "PGRST202"
    assert info.value.hint == "Perhaps you meant to call the function gw.add(a, b)"


def test_postgrest_client_directly(gateway, token):
    headers = {"Authorization": f"Bearer {token('service_role')}"}
    with SyncPostgrestClient(gateway.url + "/rest/v1", schema="gw", headers=headers) as pg:
        res = pg.from_("authors").select("name").eq("id", 2).execute()
        assert res.data == [{"name": "Octavia Butler"}]
        res = pg.from_("authors").select("*", count="exact", head=True).execute()
        assert res.count == 3


def test_api_fixture_serves_the_public_schema(api):
    import httpx

    r = httpx.get(api.url + "/rest/v1/nonexistent_table", headers={"apikey": api.anon_key,
                                                                   "Authorization": f"Bearer {api.anon_key}"})
    assert r.status_code == 404
    assert r.json()["message"] == "Could not find the table 'public.nonexistent_table' in the schema cache"
    r = httpx.get(api.url + "/rpc/nonexistent_fn", headers={"Authorization": f"Bearer {api.service_key}"})
    assert r.status_code == 404 and r.json()["code"] == "PGRST202"


def test_upsert(sb):
    sb.table("items").upsert({"id": 80, "label": "x", "qty": 1}).execute()
    res = sb.table("items").upsert({"id": 80, "label": "x", "qty": 4}).execute()
    assert res.data == [{"id": 80, "label": "x", "qty": 4}]


def test_embedding_with_foreign_table_order_and_limit(sb):
    res = (sb.table("authors").select("name, books(title)").eq("id", 1)
           .order("id", foreign_table="books", desc=True).limit(1, foreign_table="books").execute())
    assert res.data == [{"name": "Ursula Le Guin", "books": [{"title": "The Dispossessed"}]}]


def test_insert_with_exact_count(sb):
    res = sb.table("items").insert([{"id": 120, "label": "a", "qty": 0}], count="exact").execute()
    assert res.count == 1


# gwclients: what the postgrest package's own integration suite exercises, on our fixture.

def test_plans_through_the_client(sb):
    query = sb.table("authors").select("name, books!inner(title)").eq("books.year", 1979)
    plan = query.explain(format="json").execute()
    assert plan.data[0]["Plan"]["Node Type"] == "Aggregate"
    text = sb.table("authors").select("name").explain(analyze=True, verbose=True).execute()
    assert isinstance(text, str) and "actual time=" in text and "Output:" in text


def test_csv_through_the_client(sb):
    res = sb.table("books").select("id, title").in_("id", [4, 6]).order("id").csv().execute()
    assert res.data == "id,title\n4,Kindred\n6,Solaris"


def test_maybe_single_without_a_row_is_none(sb):
    assert sb.table("books").select("id").eq("id", 999).maybe_single().execute() is None
    assert sb.table("books").select("id").eq("id", 6).maybe_single().execute().data == {"id": 6}


def test_rpc_read_with_get_exact_count_and_head(sb):
    res = sb.rpc("books_by", {"author": 2}, get=True, count="exact").select("id").execute()
    assert (res.data, res.count) == ([{"id": 4}, {"id": 5}], 2)
    res = sb.rpc("books_by", {"author": 1}, head=True, count="exact").execute()
    assert (res.data, res.count) == ([], 3)
    one = sb.rpc("books_by", {"author": 3}).select("title").single().execute()
    assert one.data == {"title": "Solaris"}


def test_or_on_an_inner_embedded_resource(sb):
    res = (sb.table("authors").select("name, books!inner(title)")
           .or_("year.lt.1965,title.eq.Kindred", reference_table="books").order("id").execute())
    assert res.data == [{"name": "Octavia Butler", "books": [{"title": "Kindred"}]},
                        {"name": "Stanisław Lem", "books": [{"title": "Solaris"}]}]
