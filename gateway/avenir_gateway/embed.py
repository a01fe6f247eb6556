"""Resource embedding through foreign keys (§1.5): many-to-one as an object (or null), one-to-many
as an array, nested, disambiguated with `!fk_name` / `!column`. Each embed is a correlated subquery
whose rows Postgres renders as jsonb, as PostgREST's lateral joins do."""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from . import query_params as qp
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


class Embedder:
    """Builds embed subqueries; one per request (it numbers the aliases)."""

    def __init__(self, cache: SchemaCache, embed_params: dict | None = None, aggregates_enabled: bool = False):
        self.cache = cache
        self.aggregates_enabled = aggregates_enabled
        self.counter = 0
        self.embed_params = embed_params or {}
        self.used_paths: set[tuple[str, ...]] = set()
        self.params: list = []  # values of embedded filters, in the order their placeholders appear
        # Per parent embed path: {embed name: (exists-SQL, params, inner?)} for `!inner` and `embed=is.null`.
        self.existence: dict[tuple[str, ...], dict[str, tuple[str, list, bool]]] = {}

    def parent_conditions(self, path: tuple[str, ...], conditions: list) -> tuple[str, list, list]:
        """What an embed imposes on its parent rows: `!inner` (exists) and `embed=[not.]is.null`.

        Returns (SQL to AND into the parent's WHERE, its params, the conditions left for columns)."""
        known = self.existence.get(path, {})
        parts, params, rest = [], [], []
        for cond in conditions:
            name = getattr(cond, "field", None) and cond.field.name
            if name in known and not cond.field.json_path:
                if cond.operator != "is" or cond.value not in ("null", "not_null"):
                    raise pgrst("PGRST120", f"Bad operator on the '{name}' embedded resource",
                                hint="Only is null or not is null filters are allowed on embedded resources")
                exists_sql, exists_params, _ = known[name]
                absent = (cond.value == "null") != cond.negated
                parts.append(f"not {exists_sql}" if absent else exists_sql)
                params.extend(exists_params)
            else:
                rest.append(cond)
        for exists_sql, exists_params, inner in known.values():
            if inner:
                parts.append(exists_sql)
                params.extend(exists_params)
        return " and ".join(parts), params, rest

    def check_unused(self) -> None:
        """Embedded filters/order/limit must name an embed of the select list (400 PGRST108)."""
        for path in self.embed_params:
            if path not in self.used_paths:
                name = ".".join(path)
                raise pgrst("PGRST108", f"'{name}' is not an embedded resource in this request",
                            hint=f"Verify that '{name}' is included in the 'select' query parameter.")

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

    def subquery(self, item: qp.SelectItem, scope, select_list) -> str:
        """The select-list entry of one embed ('' for an empty embed, which only filters)."""
        from .sql_fragments import Scope, group_by_clause, ident, limit_clause, order_clause, where_clause

        parent, parent_qualifier = scope.relation, scope.qualifier
        name = item.field.name
        found = self.relationships(parent, name, item.hints)
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
        rel = found[0]
        self.counter += 1
        alias = f"_pgrst_t{self.counter}"
        rows = f"_pgrst_r{self.counter}"
        child = Scope(alias, rel.target.columns, rel.target.name, rel.target)
        child.path = (*scope.path, item.alias or name)
        child.computed = self.cache.computed.get((rel.target.schema, rel.target.name), {})
        source = f"{ident(rel.target.schema, rel.target.name)} as {alias}"
        if rel.junction is not None:  # target <- junction -> parent
            junction = f"_pgrst_j{self.counter}"
            on = " and ".join(f"{junction}.{ident(c)} = {alias}.{ident(f)}"
                              for c, f in zip(rel.target_fk.columns, rel.target_fk.foreign_columns, strict=True))
            source += f" join {ident(rel.junction.schema, rel.junction.name)} as {junction} on {on}"
            cond = " and ".join(f"{junction}.{ident(c)} = {parent_qualifier}.{ident(f)}"
                                for c, f in zip(rel.fk.columns, rel.fk.foreign_columns, strict=True))
        else:
            if rel.to_one:  # parent.columns -> target.foreign_columns
                pairs = zip(rel.fk.foreign_columns, rel.fk.columns, strict=True)
            else:  # target.columns -> parent.foreign_columns
                pairs = zip(rel.fk.columns, rel.fk.foreign_columns, strict=True)
            cond = " and ".join(f"{alias}.{ident(c)} = {parent_qualifier}.{ident(p)}" for c, p in pairs)
        columns = select_list(item.embed, child, self)
        extra = self.embed_params.get(child.path)
        filters = order = page = ""
        filter_params: list = []
        if extra is not None:
            self.used_paths.add(child.path)
            nested_sql, nested_params, conditions = self.parent_conditions(child.path, extra.conditions)
            filters = where_clause(conditions, child, filter_params).replace(" where ", " and ", 1)
            if nested_sql:
                filters += " and " + nested_sql
                filter_params += nested_params
            order = order_clause(extra.order, child)
            page = limit_clause(extra.limit, extra.offset)
        else:
            nested_sql, nested_params, _ = self.parent_conditions(child.path, [])
            if nested_sql:
                filters, filter_params = " and " + nested_sql, list(nested_params)
        self.existence.setdefault(scope.path, {})[item.alias or name] = (
            f"exists (select 1 from {source} where {cond}{filters})", filter_params, "inner" in item.hints)
        if item.embed == []:
            return ""
        if item.spread:
            return self._spread(item, rel, child, source, f"{cond}{filters}", filter_params, order)
        self.params.extend(filter_params)
        inner = f"select {columns} from {source} where {cond}{filters}{group_by_clause(child)}{order}{page}"
        output = ident(item.alias or name)
        if rel.to_one:
            return f"(select row_to_json({rows})::jsonb from ({inner}) {rows}) as {output}"
        return f"coalesce((select json_agg({rows})::jsonb from ({inner}) {rows}), '[]'::jsonb) as {output}"

    def _spread(self, item: qp.SelectItem, rel: Relationship, child, source: str, where: str, params: list,
                order: str) -> str:
        """`...rel(a,b)`: to-one lifts a and b into the parent; to-many makes each an array (v13)."""
        from .sql_fragments import cast_type, ident

        parts = []
        for sub in item.embed:
            if sub.embed is not None or sub.aggregate is not None:
                raise pgrst("PGRST127", "Feature not implemented",
                            details="Embeds and aggregates inside a spread are not available in this gateway yet")
            fields = [(qp.Field(c), None, None) for c in child.columns] if sub.field is None else \
                [(sub.field, sub.alias, sub.cast)]
            for fld, alias, cast in fields:
                expr = child.ref(fld)
                if cast:
                    expr = f"cast({expr} as {cast_type(cast)})"
                name = ident(alias or fld.output_name)
                if rel.to_one and rel.junction is None:
                    parts.append(f"(select {expr} from {source} where {where}) as {name}")
                else:
                    parts.append(f"coalesce((select json_agg({expr}{order}) from {source} where {where}), '[]')"
                                 f" as {name}")
                self.params.extend(params)
        return ", ".join(parts)
