"""Which relationship an embed means (§1.5): the plan calls `resolve`; the relationships themselves
(through tables, views and functions, with their cardinalities) and `target!hint` resolution as
PostgREST's findRel are relationships.py's, derived once per schema cache; the query renders the
relationship it returns (query.py)."""

from __future__ import annotations

from . import relationships
from .relationships import Relationship
from .schema_cache import Relation, SchemaCache

__all__ = ["Relationship", "Relationships"]


class Relationships:
    """The relationships of one schema cache's relations."""

    def __init__(self, cache: SchemaCache):
        self.cache = cache

    def resolve(self, parent: Relation, name: str, hints) -> Relationship:
        """The one relationship `parent -> name(...)` means (with its hints), or PGRST200 / PGRST201."""
        return relationships.find(self.cache, parent, name, list(hints))
