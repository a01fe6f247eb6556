"""Which function a /rpc/<name> call means (§1.7): overloads resolved by argument names, the single
unnamed json/jsonb parameter as a fallback, PGRST202/PGRST203 otherwise."""

from __future__ import annotations

import difflib

from .errors import pgrst
from .schema_cache import Function, SchemaCache


def _signature(fn: Function) -> str:
    return f"{fn.schema}.{fn.name}({', '.join(a.name for a in fn.arguments)})"


def _matches(fn: Function, keys: set[str]) -> bool:
    """Argument names against parameter names, as PostgREST matches them: an unnamed parameter is
    named "" (so `{"": v}` names a single unnamed one, and one with a default matches no keys)."""
    names = {a.name for a in fn.arguments}
    required = {a.name for a in fn.arguments if not a.has_default}
    return keys <= names and required <= keys


def resolve(cache: SchemaCache, schema: str, name: str, keys: set[str], json_body: bool,
            content_type: str | None = None) -> tuple[Function, bool]:
    """The function and whether the whole body goes to its single unnamed json/jsonb parameter
    (`content_type`: the body's media type of a POST, for PGRST202's wording)."""
    candidates = callable_overloads(cache, schema, name)
    matching = [f for f in candidates if _matches(f, keys)]
    if len(matching) == 1:  # a single unnamed parameter takes the whole body, as PostgREST passes it
        return matching[0], json_body and matching[0].single_unnamed is not None
    if len(matching) > 1:
        # Fewest parameters first, then by names and types, whatever order the schema cache read them in.
        ordered = sorted(matching, key=lambda f: (len(f.arguments), [(a.name, a.type) for a in f.arguments]))
        listed = ", ".join(f"{f.schema}.{f.name}({', '.join(a.name + ' => ' + a.type for a in f.arguments)})"
                           for f in ordered)
        raise pgrst("PGRST203", f"Could not choose the best candidate function between: {listed}",
                    hint="Try renaming the parameters or the function itself in the database so function "
                         "overloading can be resolved")
    if json_body:
        for f in candidates:
            single = f.single_unnamed
            if single is not None and single.type in ("json", "jsonb"):
                return f, True
    raise not_found(cache, schema, name, keys, candidates, content_type)


def callable_overloads(cache: SchemaCache, schema: str, name: str) -> list[Function]:
    """The overloads /rpc/<name> can reach (Function.callable)."""
    return [f for f in cache.functions.get((schema, name), []) if f.callable]


RAW_TYPES = {"text/plain": "text", "text/xml": "xml", "application/octet-stream": "bytea"}


def resolve_raw(cache: SchemaCache, schema: str, name: str, content_type: str) -> Function | None:
    """A function with a single unnamed text / xml / bytea parameter takes a raw body of that media type."""
    wanted = RAW_TYPES.get(content_type)
    for f in callable_overloads(cache, schema, name):
        single = f.single_unnamed
        if wanted and single is not None and single.type == wanted:
            return f
    return None


def not_found(cache: SchemaCache, schema: str, name: str, keys: set[str], candidates: list[Function],
              content_type: str | None = None):
    """PGRST202 as PostgREST v13 words it. `content_type` is the body's media type of a POST (None for
    GET): a JSON body also searched for a single unnamed json/jsonb parameter, a raw one (RAW_TYPES) only
    for a single unnamed parameter of its type."""
    func = f"{schema}.{name}"
    ordered = sorted(keys)
    listed = ", ".join(ordered)
    if content_type in RAW_TYPES:
        message = f"Could not find the function {func} in the schema cache"
        searched = f" with a single unnamed {RAW_TYPES[content_type]} parameter"
    else:
        message = f"Could not find the function {func}{f'({listed})' if ordered else ' without parameters'} " \
                  "in the schema cache"
        searched = (f" with parameter{'s' if len(ordered) > 1 else ''} {listed}" if ordered
                    else " without parameters")
        if content_type in ("", "application/json"):
            searched += " or with a single unnamed json/jsonb parameter"
    details = f"Searched for the function {func}{searched}, but no matches were found in the schema cache."
    hint = None
    if candidates:  # the overload whose parameter names are closest to the ones given
        signatures = {", ".join(a.name for a in f.arguments): f for f in candidates}
        close = difflib.get_close_matches(listed, list(signatures), n=1, cutoff=0.6) if ordered else []
        if close:
            hint = f"Perhaps you meant to call the function {_signature(signatures[close[0]])}"
    else:
        names = sorted({n for (s, n), fns in cache.functions.items()
                        if s == schema and any(f.callable for f in fns)})
        close = closest_name(name, names)
        if close is not None:
            hint = f"Perhaps you meant to call the function {schema}.{close}"
    return pgrst("PGRST202", message, details, hint)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest_name(name: str, names: list[str]) -> str | None:
    """The function name PostgREST suggests for an unknown one: its fuzzy set scores a name by
    1 - Levenshtein distance / the longer length and keeps the best from 0.33 up (first in name
    order on a tie)."""
    best, best_score = None, 0.33
    for candidate in names:
        if candidate == name:
            continue
        score = 1 - _levenshtein(name.lower(), candidate.lower()) / max(len(name), len(candidate))
        if score > best_score or (score == best_score and best is None):
            best, best_score = candidate, score
    return best
