"""Request shapes over HTTP (shapes.py): the second request of a shape answers with its own values and
headers, and an error is the same before and after its shape is known."""

from __future__ import annotations


def test_one_shape_many_values(client):
    for book, title in ((1, "A Wizard of Earthsea"), (2, None), (1, "A Wizard of Earthsea")):
        r = client.get(f"/books?select=id,title&id=eq.{book}")
        assert r.status_code == 200, r.text
        assert [row["id"] for row in r.json()] == [book]
        if title:
            assert r.json()[0]["title"] == title
    r = client.get("/books?select=id&id=gte.2&id=lte.3&order=id")
    assert r.json() == [{"id": 2}, {"id": 3}]
    r = client.get("/books?select=id&id=gte.4&id=lte.4&order=id")
    assert r.json() == [{"id": 4}]
    # The same shape with a Prefer is another shape: its own Content-Range.
    r = client.get("/books?select=id&id=gte.4&id=lte.4&order=id", headers={"Prefer": "count=exact"})
    assert r.headers["content-range"] == "0-0/1"


def test_errors_are_the_same_before_and_after_the_shape_is_known(client):
    first = client.get("/items?id=eq.abc")
    assert first.status_code == 400 and first.json()["code"] == "22P02"
    assert client.get("/items?id=eq.1").status_code == 200
    again = client.get("/items?id=eq.abc")
    assert (again.status_code, again.content, again.headers["content-type"]) == (
        first.status_code, first.content, first.headers["content-type"])
    # A value the database cannot take in a text parameter (NUL) is refused before the statement, both times.
    nul = [client.get("/items?id=eq.a%00b") for _ in range(2)]
    assert nul[0].status_code == 400 and nul[0].content == nul[1].content


def test_headers_cookies_and_claims_are_each_requests_own(client, token):
    first = client.get("/rpc/whoami", headers={"X-Shape": "one", "Cookie": "c=1"})
    bob = f"Bearer {token('authenticated', sub='bob')}"
    second = client.get("/rpc/whoami", headers={"X-Shape": "two", "Authorization": bob})
    assert first.status_code == 200, first.text
    one, two = first.json(), second.json()
    assert (one["headers"]["x-shape"], one["cookies"], one["role"]) == ("one", {"c": "1"}, "anon")
    assert (two["headers"]["x-shape"], two["cookies"], two["role"]) == ("two", {}, "authenticated")
    assert two["claims"]["sub"] == "bob" and "cookie" not in two["headers"]
