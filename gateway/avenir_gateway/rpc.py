"""Which function a /rpc/<name> call means (§1.7): overloads resolved by argument names, the single
unnamed json/jsonb parameter as a fallback, PGRST202/PGRST203 otherwise."""

from __future__ import annotations

import difflib

from .errors import pgrst
from .schema_cache import Function, SchemaCache


def _signature(fn: Function) -> str:
    return f"{fn.schema}.{fn.name}({', '.join(a.name for a in fn.arguments)})"


def _matches(fn: Function, keys: set[str]) -> bool:
    names = {a.name for a in fn.arguments}
    if "" in names:
        return False
    required = {a.name for a in fn.arguments if not a.has_default}
    return keys <= names and required <= keys


def resolve(cache: SchemaCache, schema: str, name: str, keys: set[str], json_body: bool) -> tuple[Function, bool]:
    """The function and whether the whole body goes to its single unnamed json/jsonb parameter."""
    candidates = cache.functions.get((schema, name), [])
    matching = [f for f in candidates if _matches(f, keys)]
    if len(matching) == 1:
        return matching[0], False
    if len(matching) > 1:
        listed = ", ".join(f"{f.schema}.{f.name}({', '.join(a.name + ' => ' + a.type for a in f.arguments)})"
                           for f in matching)
        raise pgrst("PGRST203", f"Could not choose the best candidate function between: {listed}",
                    hint="Try renaming the parameters or the function itself in the database so function "
                         "overloading can be resolved")
    if json_body:
        for f in candidates:
            single = f.single_unnamed
            if single is not None and single.type in ("json", "jsonb"):
                return f, True
    raise not_found(cache, schema, name, keys, candidates)


RAW_TYPES = {"text/plain": "text", "text/xml": "xml", "application/octet-stream": "bytea"}


def resolve_raw(cache: SchemaCache, schema: str, name: str, content_type: str) -> Function | None:
    """A function with a single unnamed text / xml / bytea parameter takes a raw body of that media type."""
    wanted = RAW_TYPES.get(content_type)
    for f in cache.functions.get((schema, name), []):
        single = f.single_unnamed
        if wanted and single is not None and single.type == wanted:
            return f
    return None


def not_found(cache: SchemaCache, schema: str, name: str, keys: set[str], candidates: list[Function]):
    ordered = sorted(keys)
    if ordered:
        message = f"Could not find the function {schema}.{name}({', '.join(ordered)}) in the schema cache"
        details = (f"Searched for the function {schema}.{name} with parameters {', '.join(ordered)} or with a "
                   "single unnamed json/jsonb parameter, but no matches were found in the schema cache.")
    else:
        message = f"Could not find the function {schema}.{name} without parameters in the schema cache"
        details = (f"Searched for the function {schema}.{name} without parameters or with a single unnamed "
                   "json/jsonb parameter, but no matches were found in the schema cache.")
    hint = None
    if candidates:
        hint = f"Perhaps you meant to call the function {_signature(candidates[0])}"
    else:
        names = sorted({n for (s, n) in cache.functions if s == schema})
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if close:
            hint = f"Perhaps you meant to call the function {schema}.{close[0]}"
    return pgrst("PGRST202", message, details, hint)
