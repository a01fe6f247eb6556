"""Resource embedding (§1.5): to-one relationships as an object (or null), to-many as an array,
nested. Which relationship `target!hint` names is relationships.py's concern; each embed is a
correlated subquery whose rows Postgres renders as jsonb, as PostgREST's lateral joins do."""

from __future__ import annotations

from . import query_params as qp
from . import relationships
from .errors import pgrst
from .relationships import Relationship
from .schema_cache import SchemaCache


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

    def subquery(self, item: qp.SelectItem, scope, select_list) -> str:
        """The select-list entry of one embed ('' for an empty embed, which only filters)."""
        from .sql_fragments import Scope, group_by_clause, ident, limit_clause, order_clause, where_clause

        parent, parent_qualifier = scope.relation, scope.qualifier
        name = item.field.name
        rel = relationships.find(self.cache, parent, name, item.hints)
        self.counter += 1
        alias = f"_pgrst_t{self.counter}"
        rows = f"_pgrst_r{self.counter}"
        child = Scope(alias, rel.target.columns, rel.target.name, rel.target)
        child.path = (*scope.path, item.alias or name)
        child.computed = self.cache.computed.get((rel.target.schema, rel.target.name), {})
        if rel.function is not None:  # a computed relationship: the function applied to the parent row
            source = f"{ident(rel.function.schema, rel.function.name)}({parent_qualifier}.*) as {alias}"
            cond = "true"
        else:
            source = f"{ident(rel.target.schema, rel.target.name)} as {alias}"
        if rel.junction is not None:  # target <- junction -> origin
            junction = f"_pgrst_j{self.counter}"
            on = " and ".join(f"{junction}.{ident(j)} = {alias}.{ident(t)}" for t, j in rel.junction_target)
            source += f" join {ident(rel.junction.schema, rel.junction.name)} as {junction} on {on}"
            cond = " and ".join(f"{junction}.{ident(j)} = {parent_qualifier}.{ident(o)}"
                                for o, j in rel.junction_origin)
        elif rel.function is None:
            cond = " and ".join(f"{alias}.{ident(t)} = {parent_qualifier}.{ident(o)}" for o, t in rel.pairs)
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
                if rel.to_one:
                    parts.append(f"(select {expr} from {source} where {where}) as {name}")
                else:
                    parts.append(f"coalesce((select json_agg({expr}{order}) from {source} where {where}), '[]')"
                                 f" as {name}")
                self.params.extend(params)
        return ", ".join(parts)
