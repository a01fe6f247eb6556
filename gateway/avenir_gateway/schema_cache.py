"""What the gateway knows of the exposed schemas: relations, columns, keys and functions (§1.16).

Built from pg_catalog (queries in schema_cache.sql), swapped atomically on reload, reloaded on
`NOTIFY pgrst, 'reload schema'` by a listener that reconnects on its own.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from . import relationships
from .media import Handler
from .sql_files import NamedQueries

log = logging.getLogger("avenir_gateway.schema_cache")


QUERIES = NamedQueries(__package__, "schema_cache.sql")

@dataclass(frozen=True)
class Column:
    name: str
    type: str
    base_type: str
    nullable: bool = True
    has_default: bool = False
    default: str | None = None  # the DEFAULT expression, as the catalogue prints it
    # Domain representations (schema_cache.sql `representations`): (schema, function) of the casts
    # domain -> json (reading), json -> domain (writing) and text -> domain (filter values).
    to_json: tuple[str, str] | None = None
    from_json: tuple[str, str] | None = None
    from_text: tuple[str, str] | None = None

    @property
    def represented(self) -> bool:
        return self.to_json is not None or self.from_json is not None or self.from_text is not None


# pg_relation_is_updatable's bits: what a relation accepts.
INSERTS, UPDATES, DELETES = 8, 4, 16


@dataclass
class Relation:
    schema: str
    name: str
    kind: str
    primary_key: list[str]
    columns: dict[str, Column]
    updatable: int = INSERTS | UPDATES | DELETES  # pg_relation_is_updatable's bits

    @property
    def allow(self) -> str:
        """The Allow header of OPTIONS (PostgREST: from what the relation accepts and its key)."""
        methods = ["OPTIONS", "GET", "HEAD"]
        if self.updatable & INSERTS:
            methods.append("POST")
        if self.updatable & INSERTS and self.updatable & UPDATES and self.primary_key:
            methods.append("PUT")
        if self.updatable & UPDATES:
            methods.append("PATCH")
        if self.updatable & DELETES:
            methods.append("DELETE")
        return ",".join(methods)


@dataclass(frozen=True)
class ForeignKey:
    name: str
    schema: str
    table: str
    columns: tuple[str, ...]
    foreign_schema: str
    foreign_table: str
    foreign_columns: tuple[str, ...]


@dataclass(frozen=True)
class Argument:
    name: str
    type: str
    has_default: bool
    variadic: bool


@dataclass
class Function:
    schema: str
    name: str
    volatility: str  # v / s / i
    returns_set: bool
    return_type: str
    return_type_name: str
    return_shape: str  # scalar / composite / record / void
    arguments: list[Argument]
    result_columns: dict[str, Column] = field(default_factory=dict)
    rows: float = 1000.0  # ROWS estimate: `rows 1` makes a set-returning computed relationship to-one
    return_relation: tuple[str, str] | None = None  # the relation whose rows it returns
    argument_relation: tuple[str, str] | None = None  # the relation whose row type its only argument is
    settings: tuple[tuple[str, str], ...] = ()  # its own SET clauses (name, value), names in lower case

    @property
    def volatile(self) -> bool:
        return self.volatility == "v"

    def hoisted(self, names: Collection[str]) -> tuple[tuple[str, str], ...]:
        """The settings of its SET clauses that db-hoisted-tx-settings names: applied to the request's
        transaction before the call (a `statement_timeout` then bounds the call itself)."""
        return tuple(kv for kv in self.settings if kv[0] in names) if self.settings else ()

    @property
    def isolation(self) -> str | None:
        """The isolation level its `SET default_transaction_isolation` asks for (the transaction's,
        whatever db-hoisted-tx-settings says, as PostgREST); None without one."""
        for name, value in self.settings:
            if name == "default_transaction_isolation":
                return isolation_level(value)
        return None

    @property
    def single_unnamed(self) -> Argument | None:
        if len(self.arguments) == 1 and self.arguments[0].name == "":
            return self.arguments[0]
        return None

    @property
    def callable(self) -> bool:
        """Whether /rpc reaches it: PostgREST's schema cache leaves out a function with an unnamed
        parameter unless that is its only one, of a type a whole body can be (json, jsonb, text, xml,
        bytea). A computed field `f(tbl)` stays selectable as a column all the same."""
        if all(a.name for a in self.arguments):
            return True
        single = self.single_unnamed
        return single is not None and single.type in UNNAMED_BODY_TYPES


# The isolation levels a transaction may begin with, as PostgreSQL keeps the setting's value.
ISOLATION_LEVELS = frozenset({"serializable", "repeatable read", "read committed", "read uncommitted"})


def isolation_level(value: str | None) -> str | None:
    """A stored default_transaction_isolation value -> one of ISOLATION_LEVELS (None if not one)."""
    level = value.strip().strip("'\"").lower() if value else None
    return level if level in ISOLATION_LEVELS else None


# The types of a single unnamed parameter that takes the whole request body (§1.7).
UNNAMED_BODY_TYPES = frozenset({"json", "jsonb", "text", "xml", "bytea"})


@dataclass
class SchemaCache:
    relations: dict[tuple[str, str], Relation]
    functions: dict[tuple[str, str], list[Function]]
    role_settings: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    timezones: frozenset[str] = frozenset()
    foreign_keys: tuple[ForeignKey, ...] = ()
    # Computed fields: f(t tbl) returning a single value, selectable and filterable as a column of tbl.
    computed: dict[tuple[str, str], dict[str, Function]] = field(default_factory=dict)
    unique_keys: list[dict] = field(default_factory=list)
    view_columns: list[dict] = field(default_factory=list)
    # Embeddable relationships by origin (relationships.py): through tables, views and functions.
    relationships: dict[tuple[str, str], list] = field(default_factory=dict)
    # Relations whose only many-to-many relationships go through a junction that is not exposed.
    hidden_m2m: frozenset[tuple[str, str]] = frozenset()
    # Custom media types (media.py): (target or None for any relation, media type) -> handler.
    media_handlers: dict[tuple, Handler] = field(default_factory=dict)
    media_domains: frozenset[str] = frozenset()
    # A role's `ALTER ROLE r SET default_transaction_isolation`: its requests' isolation level, unless
    # the function called asks for its own (Function.isolation).
    role_isolation: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for role, pairs in self.role_settings.items():
            level = isolation_level(dict(pairs).get("default_transaction_isolation"))
            if level:
                self.role_isolation[role] = level
        self._view_keys()
        self.relationships = relationships.build(self.relations, self.foreign_keys, self.unique_keys,
                                                 self.view_columns, self.functions)
        self.hidden_m2m = relationships.hidden_m2m_origins(self.relations, self.foreign_keys, self.unique_keys)
        for (schema, name), fns in self.functions.items():
            for fn in fns:
                if len(fn.arguments) != 1 or fn.returns_set or fn.return_shape == "void":
                    continue
                arg_type = fn.arguments[0].type
                for rel in self.relations.values():
                    if arg_type in (f"{rel.schema}.{rel.name}", rel.name) and rel.schema == schema:
                        self.computed.setdefault((rel.schema, rel.name), {})[name] = fn

    def _view_keys(self) -> None:
        """A view's key is the primary key of every base table whose key columns it all shows, in turn
        (PostgREST's view key dependencies: a view over a join has the keys of both tables)."""
        origins = relationships.view_origins(self.view_columns)
        pks = {(r["schema"], r["table"]): r["columns"] for r in self.unique_keys if r["kind"] == "p"}
        for view, mapping in origins.items():
            rel = self.relations.get(view)
            if rel is None or rel.primary_key:
                continue
            by_table: dict[tuple[str, str], dict[str, str]] = {}
            for column, (schema, table, base_col) in mapping.items():
                by_table.setdefault((schema, table), {}).setdefault(base_col, column)
            key: list[str] = []
            for table, shown in by_table.items():
                pk = pks.get(table)
                if pk and all(c in shown for c in pk):
                    key.extend(shown[c] for c in pk if shown[c] not in key)
            if key:
                rel.primary_key = key


def _function(row: dict) -> Function:
    inputs = [a for a in row["arguments"] if a["mode"] in ("i", "b", "v")]
    outputs = [a for a in row["arguments"] if a["mode"] in ("o", "b", "t")]
    first_default = len(inputs) - row["defaults"]
    args = [Argument(a["name"], a["type"], i >= first_default, a["mode"] == "v") for i, a in enumerate(inputs)]
    if row["result_columns"]:
        result = {c["name"]: Column(c["name"], c["type"], c["base_type"]) for c in row["result_columns"]}
    else:
        result = {a["name"]: Column(a["name"], a["type"], a["type"]) for a in outputs}
    return Function(row["schema"], row["name"], row["volatility"], row["returns_set"], row["return_type"],
                    row["return_type_name"], row["return_shape"], args, result, row["rows"],
                    tuple(row["return_relation"]) if row["return_relation"] else None,
                    tuple(row["argument_relation"]) if row["argument_relation"] else None,
                    tuple(_setting(item) for item in row["settings"]))


def _setting(item: str) -> tuple[str, str]:
    """`Name=value` of pg_proc.proconfig -> (name in lower case, value): setting names are case-blind."""
    name, _, value = item.partition("=")
    return name.lower(), value


def _represent(relations: dict, casts: list[dict]) -> None:
    """Give the columns of a domain with representation casts their functions (see Column)."""
    to_json = {c["source"]: (c["schema"], c["name"]) for c in casts if c["target"] in ("json", "jsonb")}
    from_json = {c["target"]: (c["schema"], c["name"]) for c in casts if c["source"] in ("json", "jsonb")}
    from_text = {c["target"]: (c["schema"], c["name"]) for c in casts if c["source"] == "text"}
    for rel in relations.values():
        for name, col in rel.columns.items():
            if col.type in to_json or col.type in from_json or col.type in from_text:
                rel.columns[name] = dataclasses.replace(col, to_json=to_json.get(col.type),
                                                        from_json=from_json.get(col.type),
                                                        from_text=from_text.get(col.type))


async def load(conn: psycopg.AsyncConnection, schemas: list[str]) -> SchemaCache:
    q = QUERIES
    params = {"schemas": schemas}
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(q["relations"], params)
        relations = {}
        for row in await cur.fetchall():
            columns = {c["name"]: Column(c["name"], c["type"], c["base_type"], c["nullable"], c["has_default"],
                                         c["default"])
                       for c in row["columns"]}
            relations[(row["schema"], row["name"])] = Relation(row["schema"], row["name"], row["kind"],
                                                               list(row["primary_key"]), columns,
                                                               row["updatable"])
        await cur.execute(q["functions"], params)
        functions: dict[tuple[str, str], list[Function]] = {}
        for row in await cur.fetchall():
            functions.setdefault((row["schema"], row["name"]), []).append(_function(row))
        await cur.execute(q["role_settings"], params)
        settings: dict[str, dict[str, str]] = {}
        for row in await cur.fetchall():
            for item in row["settings"] or []:
                key, _, value = item.partition("=")
                settings.setdefault(row["role"], {})[key] = value
        await cur.execute(q["timezones"], params)
        timezones = frozenset(row["name"] for row in await cur.fetchall())
        await cur.execute(q["foreign_keys"], params)
        fks = tuple(ForeignKey(r["name"], r["schema"], r["table"], tuple(r["columns"]), r["foreign_schema"],
                               r["foreign_table"], tuple(r["foreign_columns"])) for r in await cur.fetchall())
        await cur.execute(q["unique_keys"], params)
        unique_keys = await cur.fetchall()
        await cur.execute(q["view_columns"], params)
        view_columns = await cur.fetchall()
        await cur.execute(q["representations"], params)
        _represent(relations, await cur.fetchall())
        await cur.execute(q["media_handlers"], params)
        handlers = {}
        for r in await cur.fetchall():
            target = (r["target_schema"], r["target_name"]) if r["target_name"] is not None else None
            handlers[(target, r["media_type"])] = Handler(r["schema"], r["name"], r["aggregate"], target,
                                                          r["media_type"], r["base_type"])
        await cur.execute(q["media_domains"], params)
        domains = frozenset(r["media_type"] for r in await cur.fetchall())
    return SchemaCache(relations, functions, {role: tuple(kv.items()) for role, kv in settings.items()}, timezones,
                       fks, unique_keys=unique_keys, view_columns=view_columns, media_handlers=handlers,
                       media_domains=domains)


class SchemaCacheHolder:
    """The current cache; `ready` is set once a first cache has been built."""

    def __init__(self, conninfo: str, schemas: list[str], channel: str, listen: bool):
        self.conninfo, self.schemas, self.channel, self.listen_enabled = conninfo, schemas, channel, listen
        self.current: SchemaCache | None = None
        self.ready = asyncio.Event()
        self.on_reload = None  # callback after each successful (re)load
        self.on_config = None  # async callback(conn): re-read the in-database configuration first
        self._task: asyncio.Task | None = None
        # For the admin server (admin.py): loads by outcome, the last load's query time, and whether the
        # listener's connection is up (it drops when the database goes away).
        self.loads = {"SUCCESS": 0, "FAIL": 0}
        self.load_seconds = 0.0
        self.connected = False

    async def _load(self, conn: psycopg.AsyncConnection) -> SchemaCache:
        started = time.perf_counter()
        try:
            cache = await load(conn, self.schemas)
        except Exception:
            self.loads["FAIL"] += 1
            raise
        self.load_seconds = time.perf_counter() - started
        self.loads["SUCCESS"] += 1
        return cache

    async def reload(self, conn: psycopg.AsyncConnection | None = None) -> None:
        if conn is None:
            async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as own:
                self.current = await self._load(own)
        else:
            self.current = await self._load(conn)
        self.ready.set()
        if self.on_reload:
            self.on_reload()
        log.info("schema cache loaded: %d relations, %d functions", len(self.current.relations),
                 sum(len(v) for v in self.current.functions.values()))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass

    async def _run(self) -> None:
        """Connect, LISTEN, (re)load; on any connection failure wait and start over."""
        delay = 0.2
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
                    if self.listen_enabled:
                        await conn.execute(sql.SQL("listen {}").format(sql.Identifier(self.channel)))
                    if self.on_config:
                        await self.on_config(conn)
                    await self.reload(conn)
                    self.connected = True
                    delay = 0.2
                    if not self.listen_enabled:
                        return
                    async for notify in conn.notifies():
                        # Separate connections: the listening one stays free for notifications.
                        if notify.payload in ("", "reload config") and self.on_config:
                            async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as own:
                                await self.on_config(own)
                        if notify.payload in ("", "reload schema", "reload config"):
                            await self.reload()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # the database went away: retry with backoff
                self.connected = False
                log.error("schema cache listener: %s; retrying in %.1f s", e, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
