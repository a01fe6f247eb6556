"""What the query string says, parsed (§1.2): fields with JSON paths, select items, conditions,
logic trees and order terms."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class JsonStep:
    arrow: str  # "->" or "->>"
    key: str
    is_index: bool


def output_name(name: str, json_path) -> str:
    """The key of a JSON-path field in the answer, as PostgREST names it: the last key of the path
    (`data->a->>b` is `b`, `data->1->c->>2` is `c`), else the column (`data->>0` is `data`)."""
    keys = [step.key for step in json_path if not step.is_index]
    return keys[-1] if keys else name


@dataclass
class Field:
    name: str
    json_path: list[JsonStep] = field(default_factory=list)

    @property
    def output_name(self) -> str:
        return output_name(self.name, self.json_path)


@dataclass
class SelectItem:
    field: Field | None  # None for "*"
    alias: str | None = None
    cast: str | None = None
    aggregate: str | None = None
    embed: list[SelectItem] | None = None  # name(...) resource embedding
    spread: bool = False
    hints: list[str] = field(default_factory=list)  # name!hint!inner(...)
    arg_cast: str | None = None  # an aggregate's argument cast (`col::int.sum()`)


@dataclass
class Condition:
    field: Field
    negated: bool
    operator: str
    value: str | list[str]
    quantifier: str | None = None  # any / all
    language: str | None = None  # fts language


@dataclass
class LogicTree:
    operator: str  # "and" / "or"
    negated: bool
    children: list[Condition | LogicTree]


@dataclass
class OrderTerm:
    field: Field
    direction: str | None = None  # asc / desc
    nulls: str | None = None  # nullsfirst / nullslast
    relation: str | None = None
