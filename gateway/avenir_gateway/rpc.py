"""Which function a /rpc/<name> call means (§1.7): overloads resolved by argument names, the single
unnamed json/jsonb parameter as a fallback, PGRST202/PGRST203 otherwise."""

from __future__ import annotations

from .errors import pgrst
from .fuzzy import fuzzy_closest
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
            content_type: str | None = None, single_object: bool = False) -> tuple[Function, bool]:
    """The function and whether the whole body goes to its single parameter (`content_type`: the
    body's media type of a POST, for PGRST202's wording). As PostgREST's findProc: the overloads the
    names match first; only when none does, those whose single unnamed json/jsonb parameter takes a
    JSON body. `single_object` (`Prefer: params=single-object`): only functions of one json/jsonb
    parameter, named or not, match, and take the whole body."""
    candidates = callable_overloads(cache, schema, name)
    if single_object:
        matching = [f for f in candidates if len(f.arguments) == 1 and f.arguments[0].type in ("json", "jsonb")]
        if len(matching) == 1:
            return matching[0], True
        if not matching:
            raise not_found(cache, schema, name, keys, candidates, content_type, single_object=True)
        raise ambiguous(matching)
    matching = [f for f in candidates if _matches(f, keys)]
    if len(matching) == 1:  # a single unnamed parameter takes the whole body, as PostgREST passes it
        return matching[0], json_body and matching[0].single_unnamed is not None
    if len(matching) > 1:
        raise ambiguous(matching)
    if json_body:
        fallback = [f for f in candidates
                    if f.single_unnamed is not None and f.single_unnamed.type in ("json", "jsonb")]
        if len(fallback) == 1:
            return fallback[0], True
        if fallback:
            raise ambiguous(fallback)
    raise not_found(cache, schema, name, keys, candidates, content_type)


def ambiguous(functions: list[Function]):
    """PGRST203 (300): more than one overload fits the call."""
    # Fewest parameters first, then by names and types, whatever order the schema cache read them in.
    ordered = sorted(functions, key=lambda f: (len(f.arguments), [(a.name, a.type) for a in f.arguments]))
    listed = ", ".join(f"{f.schema}.{f.name}({', '.join(a.name + ' => ' + a.type for a in f.arguments)})"
                       for f in ordered)
    return pgrst("PGRST203", f"Could not choose the best candidate function between: {listed}",
                 hint="Try renaming the parameters or the function itself in the database so function "
                      "overloading can be resolved")


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
              content_type: str | None = None, single_object: bool = False):
    """PGRST202 as PostgREST v13 words it. `content_type` is the body's media type of a POST (None for
    GET): a JSON body also searched for a single unnamed json/jsonb parameter, a raw one (RAW_TYPES) only
    for a single unnamed parameter of its type; `single_object` only for one json/jsonb parameter. Those
    searches for a single parameter have no hint; the others hint the closest overload's parameters, or
    the closest function name when there is no function of that name."""
    func = f"{schema}.{name}"
    ordered = sorted(keys)
    listed = ", ".join(ordered)
    only_single = single_object or content_type in RAW_TYPES
    if single_object:
        searched = " with a single json/jsonb parameter"
    elif content_type in RAW_TYPES:
        searched = f" with a single unnamed {RAW_TYPES[content_type]} parameter"
    else:
        searched = (f" with parameter{'s' if len(ordered) > 1 else ''} {listed}" if ordered
                    else " without parameters")
        if content_type in ("", "application/json"):
            searched += " or with a single unnamed json/jsonb parameter"
    if only_single:
        message = f"Could not find the function {func} in the schema cache"
    else:
        message = f"Could not find the function {func}{f'({listed})' if ordered else ' without parameters'} " \
                  "in the schema cache"
    details = f"Searched for the function {func}{searched}, but no matches were found in the schema cache."
    hint = None
    if only_single:
        pass
    elif candidates:  # the overload whose parameter list reads closest to the one given
        lists = {}
        for f in candidates:
            lists.setdefault(f"({', '.join(sorted(a.name for a in f.arguments))})", f)
        close = fuzzy_closest(f"({listed})", list(lists))
        if close is not None:
            hint = f"Perhaps you meant to call the function {func}{close}"
    else:
        names = sorted({n for (s, n), fns in cache.functions.items()
                        if s == schema and any(f.callable for f in fns)})
        close = fuzzy_closest(name, names)
        if close is not None:
            hint = f"Perhaps you meant to call the function {schema}.{close}"
    return pgrst("PGRST202", message, details, hint)
