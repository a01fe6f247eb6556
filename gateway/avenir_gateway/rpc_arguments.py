"""RPC arguments the database cannot take: a NUL character in a named argument (any type) or in a
whole body bound for an unnamed text or jsonb parameter (a json one keeps it). PostgreSQL refuses it
while decoding the arguments (22P05), before the function runs,
so the function could record nothing. The gateway refuses such a call itself, 400 22P05 with a hint,
and first calls `db-rejected-rpc-hook` (if set) in a transaction of its own, as the request's role and
with the request's settings, so the database can record the attempt (the form's audit trace) and word
the answer: the hook's JSON object, when it returns one, is the error body."""

from __future__ import annotations

import orjson

from .errors import ApiError
from .schema_cache import Function

NUL = "\x00"
REPLACEMENT = "\ufffd"  # how a NUL is shown to the hook, whose jsonb cannot hold one either


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(NUL in k or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def _shown(value):
    """The value with every NUL replaced, for the hook."""
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT)
    if isinstance(value, dict):
        return {k.replace(NUL, REPLACEMENT): _shown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shown(v) for v in value]
    return value


def refused_argument(fn: Function, args: dict | None, raw) -> tuple[str, object] | None:
    """(name, value) of the first argument whose value holds a NUL the database cannot decode, else None."""
    if raw is not None:  # the whole body to a single unnamed parameter
        arg = fn.arguments[0]
        if isinstance(raw, bytes) or arg.type == "json":
            return None
        if NUL in raw:
            return arg.name, raw
        if arg.type == "jsonb" and "\\u0000" in raw:
            try:
                value = orjson.loads(raw)
            except orjson.JSONDecodeError:
                return None  # not JSON: the database's own 22P02
            if _holds_nul(value):
                return arg.name, value
        return None
    # Named arguments are decoded by json_to_record, which refuses \u0000 for every type, json too.
    for arg in fn.arguments:
        if arg.name in args and _holds_nul(args[arg.name]):
            return arg.name, args[arg.name]
    return None


def refusal(name: str) -> ApiError:
    shown = name or "the body"
    return ApiError(400, "22P05", "unsupported Unicode escape sequence",
                    f"\\u0000 cannot be converted to text (argument {shown}).",
                    "Remove the NUL character (\\u0000) from the value: PostgreSQL text and jsonb cannot hold it.")


def hook_values(fn: Function, args: dict | None, refused: tuple[str, object], error: ApiError) -> tuple:
    """The hook's arguments (function, arguments as given with each NUL shown as U+FFFD, status, error)."""
    if args is not None:
        given = {k: _shown(v) for k, v in args.items()}
    else:
        given = {refused[0] or "body": _shown(refused[1])}
    body = {"code": error.code, "message": error.message, "details": error.details, "hint": error.hint}
    return (f"{fn.schema}.{fn.name}", orjson.dumps(given).decode(), str(error.status), orjson.dumps(body).decode())


def answer(error: ApiError, hook_body: str | None) -> ApiError:
    """The hook's error object when it returned one, else the gateway's own."""
    try:
        value = orjson.loads(hook_body) if hook_body else None
    except orjson.JSONDecodeError:
        value = None
    if isinstance(value, dict) and isinstance(value.get("code"), str) and isinstance(value.get("message"), str):
        return ApiError(error.status, value["code"], value["message"], value.get("details"), value.get("hint"))
    return error
