"""Which relationship an embed means (§1.5): foreign keys of the schema cache read as many-to-one,
one-to-many and many-to-many (through a junction table), narrowed by `!fk_name` / `!column` hints;
PGRST200 when none is found, PGRST201 when more than one is. The plan calls `resolve`; the query
renders the relationship it returns (query.py)."""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from .errors import pgrst
from .schema_cache import ForeignKey, Relation, SchemaCache


@dataclass(frozen=True)
class Relationship:
    fk: ForeignKey
    to_one: bool  # the parent holds the foreign key (many-to-one)
    target: Relation
    junction: Relation | None = None  # many-to-many: fk = junction -> parent, target_fk = junction -> target
    target_fk: ForeignKey | None = None

    def describe(self, parent: Relation) -> dict:
        if self.junction is not None:
            return {"cardinality": "many-to-many", "embedding": f"{parent.name} with {self.target.name}",
                    "relationship": f"{self.junction.name} using {self.fk.name} and {self.target_fk.name}"}
        kind = "many-to-one" if self.to_one else "one-to-many"
        cols = ", ".join(self.fk.columns)
        fcols = ", ".join(self.fk.foreign_columns)
        return {"cardinality": kind,
                "embedding": f"{parent.name} with {self.target.name}",
                "relationship": f"{self.fk.name} using {self.fk.table}({cols}) and {self.fk.foreign_table}({fcols})"}


class Relationships:
    """The relationships of one schema cache's relations."""

    def __init__(self, cache: SchemaCache):
        self.cache = cache

    def resolve(self, parent: Relation, name: str, hints) -> Relationship:
        """The one relationship `parent -> name(...)` means (with its hints), or PGRST200 / PGRST201."""
        found = self.relationships(parent, name, hints)
        if not found:
            raise pgrst("PGRST200", f"Could not find a relationship between '{parent.name}' and '{name}' in the "
                                    "schema cache",
                        details=f"Searched for a foreign key relationship between '{parent.name}' and '{name}' "
                                f"in the schema '{parent.schema}', but no matches were found.")
        if len(found) > 1:
            options = ", ".join(f"'{name}!{r.fk.name}'" for r in found)
            raise pgrst("PGRST201", f"Could not embed because more than one relationship was found for "
                                    f"'{parent.name}' and '{name}'",
                        details=orjson.dumps([r.describe(parent) for r in found]).decode(),
                        hint=f"Try changing '{name}' to one of the following: {options}. Find the desired "
                             "relationship in the 'details' key.")
        return found[0]

    def relationships(self, parent: Relation, name: str, hints: list[str]) -> list[Relationship]:
        found = []
        for fk in self.cache.foreign_keys:
            if (fk.schema, fk.table) == (parent.schema, parent.name):
                target = self.cache.relations.get((fk.foreign_schema, fk.foreign_table))
                by_column = fk.columns == (name,)  # `client_id(*)` embeds through the column's key
                if target and (fk.foreign_table == name or by_column) and fk.foreign_schema == parent.schema:
                    found.append(Relationship(fk, True, target))
            if (fk.foreign_schema, fk.foreign_table) == (parent.schema, parent.name) and fk.table == name:
                target = self.cache.relations.get((fk.schema, fk.table))
                if target and fk.schema == parent.schema:
                    found.append(Relationship(fk, False, target))
        found += self._many_to_many(parent, name)
        for hint in hints:
            if hint in ("left", "inner"):
                continue
            found = [r for r in found if hint in (r.fk.name, *r.fk.columns, *r.fk.foreign_columns)
                     or (r.junction is not None and hint in (r.junction.name, r.target_fk.name))]
        return found

    def _many_to_many(self, parent: Relation, name: str) -> list[Relationship]:
        """Junction tables: a foreign key to each side, both within the junction's primary key."""
        target = self.cache.relations.get((parent.schema, name))
        if target is None:
            return []
        found = []
        by_table: dict[tuple[str, str], list[ForeignKey]] = {}
        for fk in self.cache.foreign_keys:
            by_table.setdefault((fk.schema, fk.table), []).append(fk)
        for (schema, table), fks in by_table.items():
            junction = self.cache.relations.get((schema, table))
            if junction is None or schema != parent.schema or not junction.primary_key:
                continue
            for to_parent in fks:
                if (to_parent.foreign_schema, to_parent.foreign_table) != (parent.schema, parent.name):
                    continue
                for to_target in fks:
                    if to_target is to_parent or (to_target.foreign_schema, to_target.foreign_table) != \
                            (target.schema, target.name):
                        continue
                    if set(to_parent.columns) | set(to_target.columns) <= set(junction.primary_key):
                        found.append(Relationship(to_parent, False, target, junction, to_target))
        return found
