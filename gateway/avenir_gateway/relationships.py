"""The relationships resource embedding can follow (§1.5), derived once per schema cache load.

From foreign keys between tables, as PostgREST's schema cache derives them:
* many-to-one from the referencing side, one-to-many back; one-to-one both ways when the
  referencing columns are also a primary or unique key of their table;
* the same through views: a view showing all of a key's columns (directly or through other views)
  takes the place of the table on that side, every combination of both sides;
* many-to-many through a junction (table or view) whose two many-to-one keys lie in its primary key;
* computed relationships: `f(t tbl) returns setof other` (to-many, or to-one with `rows 1`) and
  `f(t tbl) returns other` (to-one).

`find` then resolves `target!hint` from an origin as PostgREST's `findRel` does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .errors import pgrst
from .fuzzy import fuzzy_closest, fuzzy_matches

CARDINALITY_NAMES = {"m2o": "many-to-one", "o2m": "one-to-many", "o2o": "one-to-one", "m2m": "many-to-many"}


@dataclass(frozen=True)
class Relationship:
    origin: object  # schema_cache.Relation
    target: object  # schema_cache.Relation
    cardinality: str  # m2o / o2m / o2o / m2m / computed
    constraint: str = ""  # the foreign key's name (m2m: of the junction's key to the origin)
    pairs: tuple[tuple[str, str], ...] = ()  # (origin column, target column)
    junction: object | None = None  # m2m: the junction Relation
    constraint2: str = ""  # m2m: the junction's key to the target
    junction_origin: tuple[tuple[str, str], ...] = ()  # m2m: (origin column, junction column)
    junction_target: tuple[tuple[str, str], ...] = ()  # m2m: (target column, junction column)
    function: object | None = None  # computed: schema_cache.Function
    to_one_computed: bool = False
    o2o_parent: bool = False  # o2o: the origin is the side the foreign key points at

    @property
    def to_one(self) -> bool:
        if self.cardinality == "computed":
            return self.to_one_computed
        return self.cardinality in ("m2o", "o2o")

    @property
    def is_self(self) -> bool:
        return (self.origin.schema, self.origin.name) == (self.target.schema, self.target.name)

    @property
    def name(self) -> str:
        """How a client names the relationship in a hint (PGRST201's suggestions)."""
        if self.cardinality == "m2m":
            return self.junction.name
        return self.function.name if self.function is not None else self.constraint

    def describe(self) -> dict:
        """One entry of PGRST201's `details`, worded as PostgREST words it."""
        embedding = f"{self.origin.name} with {self.target.name}"
        if self.cardinality == "m2m":
            return {"cardinality": "many-to-many", "embedding": embedding,
                    "relationship": f"{self.junction.name} using {self.constraint}({_cols(self.junction_origin)})"
                                    f" and {self.constraint2}({_cols(self.junction_target)})"}
        origin_cols = ", ".join(o for o, _ in self.pairs)
        target_cols = ", ".join(t for _, t in self.pairs)
        return {"cardinality": CARDINALITY_NAMES[self.cardinality], "embedding": embedding,
                "relationship": f"{self.constraint} using {self.origin.name}({origin_cols})"
                                f" and {self.target.name}({target_cols})"}


def _cols(pairs) -> str:
    return ", ".join(j for _, j in pairs)


def _key(rel) -> tuple[str, str]:
    return (rel.schema, rel.name)


def view_origins(view_columns: list[dict]) -> dict[tuple[str, str], dict[str, tuple[str, str, str]]]:
    """{(schema, view): {view column: (schema, base table, base column)}}, views over views followed."""
    direct: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {}
    for row in view_columns:
        direct.setdefault((row["schema"], row["view"]), {}).setdefault(
            row["column"], (row["base_schema"], row["base"], row["base_column"]))

    def resolve(origin: tuple[str, str, str], depth: int = 0) -> tuple[str, str, str] | None:
        inner = direct.get(origin[:2])
        if inner is None:
            return origin  # a table (or a view column that is no plain reference: unresolvable below)
        if depth > 32:  # views cannot be cyclic; a bound all the same
            return None
        nxt = inner.get(origin[2])
        return None if nxt is None else resolve(nxt, depth + 1)

    resolved: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {}
    for view, columns in direct.items():
        for column, origin in columns.items():
            base = resolve(origin)
            if base is not None and base[:2] not in direct:
                resolved.setdefault(view, {})[column] = base
    return resolved


def _sides(table: tuple[str, str], columns: tuple[str, ...], relations: dict, by_base: dict) -> list:
    """The relations standing for `table` with `columns`: the table, then each view showing them all,
    as (Relation, the columns as that relation names them); a view showing one column under several
    names stands for it once per combination of them (PostgREST's, in the view's column order)."""
    out = []
    if table in relations:
        out.append((relations[table], columns))
    for view, mapping in by_base.get(table, {}).items():
        if view not in relations:
            continue
        shown = [[v for v, base_col in mapping if base_col == col] for col in columns]
        if all(shown):
            out.extend((relations[view], names) for names in itertools.product(*shown))
    return out


def build(relations: dict, foreign_keys, unique_keys: list[dict], view_columns: list[dict],
          functions: dict) -> dict[tuple[str, str], list[Relationship]]:
    """Every relationship, keyed by its origin (schema, name)."""
    origins = view_origins(view_columns)
    by_base: dict[tuple[str, str], dict[tuple[str, str], list[tuple[str, str]]]] = {}
    for view, columns in origins.items():
        for column, (schema, table, base_col) in columns.items():
            by_base.setdefault((schema, table), {}).setdefault(view, []).append((column, base_col))
    keys: dict[tuple[str, str], list[frozenset[str]]] = {}
    for row in unique_keys:
        keys.setdefault((row["schema"], row["table"]), []).append(frozenset(row["columns"]))

    out: dict[tuple[str, str], list[Relationship]] = {}
    seen: set = set()

    def add(rel: Relationship) -> None:
        ident = (_key(rel.origin), _key(rel.target), rel.cardinality, rel.constraint, rel.pairs,
                 rel.junction and _key(rel.junction), rel.constraint2)
        if ident not in seen:
            seen.add(ident)
            out.setdefault(_key(rel.origin), []).append(rel)

    for fk in foreign_keys:
        one_to_one = frozenset(fk.columns) in keys.get((fk.schema, fk.table), [])
        for (o, ocols), (t, tcols) in itertools.product(
                _sides((fk.schema, fk.table), fk.columns, relations, by_base),
                _sides((fk.foreign_schema, fk.foreign_table), fk.foreign_columns, relations, by_base)):
            pairs = tuple(zip(ocols, tcols, strict=True))
            back = tuple((t_, o_) for o_, t_ in pairs)
            add(Relationship(o, t, "o2o" if one_to_one else "m2o", fk.name, pairs))
            add(Relationship(t, o, "o2o" if one_to_one else "o2m", fk.name, back, o2o_parent=one_to_one))

    # Many-to-many: a junction with two many-to-one keys, both within its primary key.
    for junction_key, rels in list(out.items()):
        junction = relations[junction_key]
        pk = set(junction.primary_key)
        if not pk:
            continue
        to_one = [r for r in rels if r.cardinality in ("m2o", "o2o") and {o for o, _ in r.pairs} <= pk]
        for a, b in itertools.permutations(to_one, 2):
            if a.constraint == b.constraint:
                continue
            add(Relationship(a.target, b.target, "m2m", a.constraint,
                             junction=junction, constraint2=b.constraint,
                             junction_origin=tuple((t, o) for o, t in a.pairs),
                             junction_target=tuple((t, o) for o, t in b.pairs)))

    # Computed relationships: one argument of a relation's row type, returning another relation's rows.
    for fns in functions.values():
        for fn in fns:
            if fn.argument_relation is None or fn.return_relation is None or len(fn.arguments) != 1:
                continue
            origin = relations.get(tuple(fn.argument_relation))
            target = relations.get(tuple(fn.return_relation))
            if origin is None or target is None:
                continue
            to_one = not fn.returns_set or fn.rows == 1
            out.setdefault(_key(origin), []).append(
                Relationship(origin, target, "computed", function=fn, to_one_computed=to_one))
    return out


def hidden_m2m_origins(relations: dict, foreign_keys, unique_keys: list[dict]) -> frozenset[tuple[str, str]]:
    """The relations that reach another relation of their schema only through a junction outside the
    exposed schemas. PostgREST keeps such a relationship's key (origin, schema) in its schema cache,
    though it never embeds through it: a PGRST200 from such an origin looks for its hint among the
    origin's targets (there are none), not among the other origins."""
    pks = {(r["schema"], r["table"]): set(r["columns"]) for r in unique_keys if r["kind"] == "p"}
    ends: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for fk in foreign_keys:
        junction, target = (fk.schema, fk.table), (fk.foreign_schema, fk.foreign_table)
        if junction not in relations and target in relations and set(fk.columns) <= pks.get(junction, set()):
            ends.setdefault(junction, []).append(target)
    return frozenset(a for targets in ends.values() for a, b in itertools.permutations(targets, 2) if a[0] == b[0])


def _single(rel: Relationship, index: int) -> str | None:
    return rel.pairs[0][index] if rel.cardinality != "m2m" and len(rel.pairs) == 1 else None


def _matches(rel: Relationship, target: str, hint: str | None) -> bool:
    if rel.cardinality == "computed":
        return target == rel.function.name
    if rel.is_self:
        if hint is None:
            # The table name gives the one-to-many side, the column name the many-to-one side.
            return (target == rel.target.name and rel.cardinality == "o2m") or \
                (_single(rel, 0) == target and rel.cardinality == "m2o")
        return target == rel.target.name and rel.cardinality == "o2m" and _single(rel, 1) == hint
    target_is_view = rel.target.kind in ("v", "m")
    if hint is None:
        return target == rel.target.name or (
            not target_is_view and rel.cardinality != "m2m" and (rel.constraint == target or
                                                                 _single(rel, 0) == target))
    return target == rel.target.name and (
        (rel.cardinality != "m2m" and rel.constraint == hint) or _single(rel, 0) == hint or
        _single(rel, 1) == hint or (rel.cardinality == "m2m" and rel.junction.name == hint))


def _no_relationship_hint(cache, origin, target: str) -> str | None:
    """PostgREST's PGRST200 hint: a relation with relationships of its own (or only hidden ones, see
    `hidden_m2m_origins`) is the origin, so the closest of the relations it reaches stands for the target
    (nothing when the target is one of them: the embed's hint is what failed); otherwise the closest
    relation with relationships stands for the origin."""
    own = cache.relationships.get(_key(origin), [])
    if own or _key(origin) in cache.hidden_m2m:
        reached = [r.target.name for r in own]
        close = next((name for score, name in fuzzy_matches(target, reached) if score < 1.0), None)
        return f"Perhaps you meant '{close}' instead of '{target}'." if close else None
    parents = [name for (schema, name), rels in cache.relationships.items() if schema == origin.schema and rels]
    close = fuzzy_closest(origin.name, parents)
    return f"Perhaps you meant '{close}' instead of '{origin.name}'." if close else None


def find(cache, origin, target: str, hints: list[str]) -> Relationship:
    """The one relationship `target!hint` names from `origin`; PGRST200 for none, PGRST201 for several."""
    hint = next((h for h in hints if h not in ("left", "inner")), None)
    candidates = cache.relationships.get(_key(origin), [])
    found = [r for r in candidates if r.target.schema == origin.schema and _matches(r, target, hint)]
    computed = [r for r in found if r.cardinality == "computed"]
    if computed:  # a computed relationship overrides the foreign keys of the same name, as in PostgREST
        found = computed
    if len(found) == 1:
        return found[0]
    if not found:
        detail = (f"Searched for a foreign key relationship between '{origin.name}' and '{target}'"
                  + (f" using the hint '{hint}'" if hint else "") +
                  f" in the schema '{origin.schema}', but no matches were found.")
        raise pgrst("PGRST200", f"Could not find a relationship between '{origin.name}' and '{target}' in the "
                                "schema cache", details=detail, hint=_no_relationship_hint(cache, origin, target))
    options = ", ".join(f"'{target}!{r.name}'" for r in found)
    raise pgrst("PGRST201", f"Could not embed because more than one relationship was found for "
                            f"'{origin.name}' and '{target}'",
                details=[r.describe() for r in found],
                hint=f"Try changing '{target}' to one of the following: {options}. Find the desired "
                     "relationship in the 'details' key.")
