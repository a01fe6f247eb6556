"""A schema cache built in Python (no database) for the request/plan/query unit tests: authors,
books (many-to-one to authors), genres through book_genres (many-to-many), a computed field and
functions of each shape."""

from __future__ import annotations

from avenir_gateway.config import Config
from avenir_gateway.request import ApiRequest, parse
from avenir_gateway.schema_cache import Argument, Column, ForeignKey, Function, Relation, SchemaCache


def _columns(*specs: tuple[str, str]) -> dict[str, Column]:
    return {name: Column(name, typ, typ) for name, typ in specs}


AUTHORS = Relation("gw", "authors", "r", ["id"], _columns(("id", "integer"), ("name", "text")))
BOOKS = Relation("gw", "books", "r", ["id"], _columns(("id", "integer"), ("title", "text"), ("author_id", "integer"),
                                                      ("meta", "jsonb")))
GENRES = Relation("gw", "genres", "r", ["id"], _columns(("id", "integer"), ("name", "text")))
BOOK_GENRES = Relation("gw", "book_genres", "r", ["book_id", "genre_id"],
                       _columns(("book_id", "integer"), ("genre_id", "integer")))
LOG = Relation("gw", "log", "v", [], _columns(("id", "integer")), updatable=0)  # a view that accepts no write
FOREIGN_KEYS = (
    ForeignKey("books_author_id_fkey", "gw", "books", ("author_id",), "gw", "authors", ("id",)),
    ForeignKey("book_genres_book_id_fkey", "gw", "book_genres", ("book_id",), "gw", "books", ("id",)),
    ForeignKey("book_genres_genre_id_fkey", "gw", "book_genres", ("genre_id",), "gw", "genres", ("id",)),
)
ADD = Function("gw", "add", "i", False, "integer", "integer", "scalar",
               [Argument("a", "integer", False, False), Argument("b", "integer", False, False)])
BOOKS_BY = Function("gw", "books_by", "s", True, "gw.books", "books", "composite",
                    [Argument("author", "integer", False, False)], dict(BOOKS.columns))
SHOUT = Function("gw", "shout", "i", False, "text", "text", "scalar", [Argument("", "text", False, False)])
INITIALS = Function("gw", "initials", "i", False, "text", "text", "scalar",
                    [Argument("", "gw.authors", False, False)])


def cache() -> SchemaCache:
    relations = {(r.schema, r.name): r for r in (AUTHORS, BOOKS, GENRES, BOOK_GENRES, LOG)}
    functions = {("gw", f.name): [f] for f in (ADD, BOOKS_BY, SHOUT, INITIALS)}
    return SchemaCache(relations, functions, timezones=frozenset({"UTC", "Europe/Paris"}), foreign_keys=FOREIGN_KEYS)


def config(**overrides) -> Config:
    return Config(db_schemas=["gw"], **overrides)


def request(method: str, path: str, query: str = "", body: bytes = b"", **headers: str) -> ApiRequest:
    lowered = {k.replace("_", "-").lower(): v for k, v in headers.items()}
    return parse(method, path, query, lowered, body, ["gw"], frozenset({"UTC", "Europe/Paris"}))
