"""`GET /` (§1.17): the OpenAPI 2.0 (Swagger) description of the selected schema, shaped as PostgREST
v13's, from the schema cache plus the catalogue facts of openapi.sql (comments, defaults, enums and,
under `openapi-mode = follow-privileges`, only what the requesting role may use).
`openapi-mode = disabled` is 404 PGRST126."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import orjson

from .config import Config
from .schema_cache import DELETES, INSERTS, UPDATES, SchemaCache
from .sql_files import NamedQueries

QUERIES = NamedQueries(__package__, "openapi.sql")
MEDIA = ["application/json", "application/vnd.pgrst.object+json;nulls=stripped", "application/vnd.pgrst.object+json",
         "text/csv"]
RPC_MEDIA = MEDIA[:3]
VERSION = "13.0.0"  # the PostgREST dialect version the gateway speaks
INTEGER = {"smallint", "integer", "bigint"}
NUMBER = {"numeric", "real", "double precision"}
STRINGS = ("character varying", "character", "text")


def _pref(name: str, values: list[str]) -> dict:
    """A Prefer header parameter; with no value to list, no `enum` (JSON Schema wants one item at least)."""
    enum = {"enum": values} if values else {}
    return {"name": "Prefer", "description": "Preference", "required": False, **enum, "in": "header",
            "type": "string"}


def _query(name: str, description: str) -> dict:
    return {"name": name, "description": description, "required": False, "in": "query", "type": "string"}


RETURN = ["return=representation", "return=minimal", "return=none"]
PARAMETERS = {
    "preferParams": _pref("params", []),  # v13 lists no `params` preference (params=single-object is v12's)
    "preferReturn": _pref("return", RETURN),
    "preferCount": _pref("count", ["count=none"]),
    "preferPost": _pref("post", [*RETURN, "resolution=ignore-duplicates", "resolution=merge-duplicates"]),
    "select": _query("select", "Filtering Columns"),
    "on_conflict": _query("on_conflict", "On Conflict"),
    "order": _query("order", "Ordering"),
    "range": {"name": "Range", "description": "Limiting and Pagination", "required": False, "in": "header",
              "type": "string"},
    "rangeUnit": {"name": "Range-Unit", "description": "Limiting and Pagination", "required": False,
                  "default": "items", "in": "header", "type": "string"},
    "offset": _query("offset", "Limiting and Pagination"),
    "limit": _query("limit", "Limiting and Pagination"),
}


TYPMOD = re.compile(r"\(\d+(?:\s*,\s*\d+)?\)")


def column_type(pg_type: str) -> str:
    """A column's type as PostgREST names it: without its modifier (`character(1)` is `character`,
    `numeric(8,2)` is `numeric`, `character(1)[]` is `character[]`); the length is maxLength."""
    return " ".join(TYPMOD.sub("", pg_type).split()).replace(" []", "[]")


def argument_type(pg_type: str) -> str:
    """A function argument's type as PostgREST names it: without the schema of a user-defined type."""
    head, dot, rest = pg_type.partition(".")
    return rest if dot and not head.startswith('"') and " " not in head and "(" not in head else pg_type


def swagger_type(pg_type: str) -> dict:
    """PostgREST's mapping of a column or argument type: `type` (when Swagger has one) and `format`."""
    if pg_type.endswith("[]"):
        element = {k: v for k, v in swagger_type(pg_type[:-2]).items() if k == "type"}
        return {"type": "array", "items": element, "format": pg_type}  # json[]: items {}
    base = pg_type.split("(")[0].strip()
    if base in INTEGER:
        kind = "integer"
    elif base in NUMBER:
        kind = "number"
    elif base == "boolean":
        kind = "boolean"
    elif base in ("json", "jsonb"):
        return {"format": pg_type}
    else:
        kind = "string"
    return {"type": kind, "format": pg_type}


def _writable(rel) -> bool:
    """Whether the relation takes inserts, updates or deletes (tables always; views and foreign tables
    as pg_relation_is_updatable says; materialized views never)."""
    if rel.kind in ("r", "p"):
        return True
    return rel.kind in ("v", "f") and bool(rel.updatable & (INSERTS | UPDATES | DELETES))


def _query_argument(arg) -> dict:
    """A function argument as a GET query parameter: arrays and untyped (json) values are strings
    there; a VARIADIC argument is a repeatable (`multi`) array of its element type."""
    pg_type = argument_type(arg.type)
    if arg.variadic:
        element = pg_type[:-2] if pg_type.endswith("[]") else pg_type
        items = {k: v for k, v in swagger_type(element).items() if k == "type"}
        return {"name": arg.name, "required": not arg.has_default, "in": "query", "type": "array",
                "collectionFormat": "multi", "items": {**items, "format": element}}
    kind = swagger_type(pg_type).get("type", "string")
    return {"name": arg.name, "required": not arg.has_default, "in": "query", "format": pg_type,
            "type": "string" if kind == "array" else kind}


def _foreign_key_notes(cache: SchemaCache, schema: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(relation, column) -> (target relation, target column) for a single-column to-one relationship
    on the side holding the key, through views as the schema cache derives them; a relationship to a
    table is preferred to one to a view over it (PostgREST's rule)."""
    notes: dict[tuple[str, str], tuple[str, str]] = {}
    for (rel_schema, name), rels in cache.relationships.items():
        if rel_schema != schema:
            continue
        ordered = sorted((r for r in rels if r.cardinality in ("m2o", "o2o") and len(r.pairs) == 1
                          and not r.o2o_parent),
                         key=lambda r: r.target.kind in ("v", "m"))
        for r in ordered:
            notes.setdefault((name, r.pairs[0][0]), (r.target.name, r.pairs[0][1]))
    return notes


def _split_comment(comment: str | None) -> tuple[str | None, str | None]:
    """A comment's first line is the summary, the rest the description (as PostgREST splits it)."""
    if not comment:
        return None, None
    first, _, rest = comment.partition("\n")
    return first.strip() or None, rest.strip() or None


NO_DEFAULT = object()


def _default(expr: str | None, pg_type: str):
    """A column default as PostgREST shows it: for a string-typed column the expression without its
    `::type` cast and quotes; otherwise the expression when it is a JSON value (`42`, `false`), else
    nothing (a `nextval(...)` is no value)."""
    if expr is None:
        return NO_DEFAULT
    if swagger_type(pg_type).get("type") == "string":
        text = expr[:-len("::" + pg_type)] if expr.endswith("::" + pg_type) else expr
        return text.strip("'")
    try:
        return orjson.loads(expr)
    except orjson.JSONDecodeError:
        return NO_DEFAULT


def document(cfg: Config, cache: SchemaCache, schema: str, facts: dict, follow_privileges: bool) -> dict:
    relations_facts = facts.get("relations") or {}
    function_facts = facts.get("functions") or {}
    title, description = _split_comment(facts.get("schema_comment"))
    fks = _foreign_key_notes(cache, schema)
    paths: dict = {"/": {"get": {"produces": ["application/openapi+json", "application/json"],
                                 "responses": {"200": {"description": "OK"}},
                                 "summary": "OpenAPI description (this document)", "tags": ["Introspection"]}}}
    definitions: dict = {}
    parameters = dict(PARAMETERS)
    for (rel_schema, name), rel in sorted(cache.relations.items()):
        if rel_schema != schema:
            continue
        f = relations_facts.get(name) or {}
        if follow_privileges and not f.get("accessible", True):
            continue
        col_facts = f.get("columns") or {}
        properties, required = {}, []
        for col in rel.columns.values():
            cf = col_facts.get(col.name) or {}
            notes = []
            if col.name in rel.primary_key:
                notes.append("This is a Primary Key.<pk/>")
            target = fks.get((name, col.name))
            if target:
                notes.append(f"This is a Foreign Key to `{target[0]}.{target[1]}`."
                             f"<fk table='{target[0]}' column='{target[1]}'/>")
            text = cf.get("comment")
            if notes:  # PostgREST: the comment, a blank line, then "Note:" and one line per note
                text = (f"{text}\n\n" if text else "") + "\n".join(["Note:", *notes])
            prop = swagger_type(column_type(col.type))
            default = _default(cf.get("default"), column_type(col.type))
            if default is not NO_DEFAULT:
                prop["default"] = default
            if cf.get("max_length"):
                prop["maxLength"] = cf["max_length"]
            if cf.get("enum"):
                prop["enum"] = cf["enum"]
            if text:
                prop["description"] = text
            properties[col.name] = prop
            if not col.nullable:
                required.append(col.name)
            filter_param = {"name": col.name, "required": False, "in": "query", "type": "string"}
            if cf.get("comment"):
                filter_param["description"] = cf["comment"]
            parameters[f"rowFilter.{name}.{col.name}"] = filter_param
        definition: dict = {"type": "object", "properties": properties}
        if required:
            definition["required"] = required
        if f.get("comment"):
            definition["description"] = f["comment"]
        definitions[name] = definition
        parameters[f"body.{name}"] = {"name": name, "description": name, "required": False, "in": "body",
                                      "schema": {"$ref": f"#/definitions/{name}"}}
        filters = [{"$ref": f"#/parameters/rowFilter.{name}.{c}"} for c in rel.columns]
        summary, details = _split_comment(f.get("comment"))
        common = {"tags": [name]}
        if summary:
            common["summary"] = summary
        if details:
            common["description"] = details
        # PostgREST: GET always; POST, PATCH and DELETE together when the relation takes any write
        # (what the catalogue says it accepts, not the role's privileges).
        ops: dict = {"get": {**common, "parameters": [*filters, *({"$ref": f"#/parameters/{p}"} for p in (
            "select", "order", "range", "rangeUnit", "offset", "limit", "preferCount"))],
            "responses": {"200": {"description": "OK", "schema": {"type": "array",
                                                                  "items": {"$ref": f"#/definitions/{name}"}}},
                          "206": {"description": "Partial Content"}}}}
        if _writable(rel):
            ops["post"] = {**common, "parameters": [{"$ref": f"#/parameters/body.{name}"},
                                                    {"$ref": "#/parameters/select"},
                                                    {"$ref": "#/parameters/preferPost"}],
                           "responses": {"201": {"description": "Created"}}}
            ops["delete"] = {**common, "parameters": [*filters, {"$ref": "#/parameters/preferReturn"}],
                             "responses": {"204": {"description": "No Content"}}}
            ops["patch"] = {**common, "parameters": [*filters, {"$ref": f"#/parameters/body.{name}"},
                                                     {"$ref": "#/parameters/preferReturn"}],
                            "responses": {"204": {"description": "No Content"}}}
        paths[f"/{name}"] = ops
    for (fn_schema, name), fns in sorted(cache.functions.items()):
        if fn_schema != schema:
            continue
        f = function_facts.get(name) or {}
        if follow_privileges and not f.get("executable", True):
            continue
        fn = fns[0]
        args = [a for a in fn.arguments if a.name]
        props = {a.name: swagger_type(argument_type(a.type)) for a in args}
        body_schema: dict = {"type": "object", "properties": props}
        required = [a.name for a in args if not a.has_default]
        if required:
            body_schema["required"] = required
        if f.get("comment"):
            body_schema["description"] = f["comment"]
        summary, details = _split_comment(f.get("comment"))
        common = {"tags": [f"(rpc) {name}"], "produces": RPC_MEDIA, "responses": {"200": {"description": "OK"}}}
        if summary:
            common["summary"] = summary
        if details:
            common["description"] = details
        item = {"post": {**common, "parameters": [{"required": True, "schema": body_schema, "in": "body",
                                                   "name": "args"}, {"$ref": "#/parameters/preferParams"}]}}
        if not fn.volatile:  # a volatile function is POST only
            item["get"] = {**common, "parameters": [_query_argument(a) for a in args]}
        paths[f"/rpc/{name}"] = item
    host, base_path, schemes = _server(cfg)
    doc = {"swagger": "2.0",
           "info": {"description": (description or "") if title else "This is a dynamic API generated by PostgREST",
                    "title": title or "PostgREST API", "version": VERSION},
           "host": host, "basePath": base_path, "schemes": schemes, "consumes": MEDIA, "produces": MEDIA,
           "paths": paths, "definitions": definitions, "parameters": parameters}
    if cfg.openapi_security_active:
        doc["security"] = [{"JWT": []}]
        doc["securityDefinitions"] = {"JWT": {"type": "apiKey", "in": "header", "name": "Authorization",
                                              "description": "Add the token prepending \"Bearer \" (without "
                                                             "quotes) to it"}}
    return doc


def _server(cfg: Config) -> tuple[str, str, list[str]]:
    """host, basePath and schemes: from openapi-server-proxy-uri, else the server's own address."""
    if cfg.openapi_server_proxy_uri:
        parts = urlsplit(cfg.openapi_server_proxy_uri)
        scheme = (parts.scheme or "http").lower()
        port = parts.port or (443 if scheme == "https" else 80)  # PostgREST always states the port
        return f"{parts.hostname or ''}:{port}", parts.path or "/", [scheme]
    host = "0.0.0.0" if cfg.server_host in ("*", "*4", "!4", "*6", "!6") else cfg.server_host  # PostgREST's
    return f"{host}:{cfg.server_port}", "/", ["http"]
