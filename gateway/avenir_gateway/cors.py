"""CORS as PostgREST answers it (§1.17): only when the request has an Origin; preflight requests get
the allowed methods and headers, other responses expose PostgREST's headers.

PostgREST's CORS middleware (wai-cors) always adds the CORS "simple" methods and request headers to
what a preflight lists: the methods are PostgREST's six then HEAD, the headers `Authorization`, the
requested ones, then Accept, Accept-Language and Content-Language unless already requested."""

from __future__ import annotations

METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS")
SIMPLE_METHODS = ("GET", "HEAD", "POST")
SIMPLE_HEADERS = ("Accept", "Accept-Language", "Content-Language")
EXPOSE_HEADERS = ("Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, "
                  "Transfer-Encoding, Range-Unit")
MAX_AGE = "86400"


def allowed_origin(origin: str | None, allowed: list[str] | None) -> str | None:
    """The Access-Control-Allow-Origin value, or None when no CORS header is due."""
    if not origin:
        return None
    if not allowed:  # unset or empty: any origin, as PostgREST
        return "*"
    return origin if origin in allowed else None


def is_preflight(method: str, headers: dict[str, str]) -> bool:
    return method == "OPTIONS" and "origin" in headers and "access-control-request-method" in headers


def _union(first, second) -> list[str]:
    """Haskell's `union` on header names: the first list, then what the second adds (case-insensitive)."""
    out = list(first)
    seen = {x.lower() for x in out}
    for x in second:
        if x.lower() not in seen:
            out.append(x)
            seen.add(x.lower())
    return out


ALLOW_METHODS = ", ".join(_union(METHODS, SIMPLE_METHODS))


def preflight_headers(origin: str, headers: dict[str, str]) -> dict[str, str]:
    requested = headers.get("access-control-request-headers", "")
    asked = ["Authorization", *[h.strip() for h in requested.split(",") if h.strip()]]
    allow = ", ".join(_union(asked, SIMPLE_HEADERS))
    return {**_origin(origin), "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": allow, "Access-Control-Max-Age": MAX_AGE}


# An OPTIONS answer (the resource's Allow) carries this whether or not the request is a CORS one, as
# PostgREST's own OPTIONS response does.
OPTIONS_HEADERS = {"Access-Control-Allow-Origin": "*"}


def response_headers(origin: str) -> dict[str, str]:
    return {**_origin(origin), "Access-Control-Expose-Headers": EXPOSE_HEADERS}


def _origin(origin: str) -> dict[str, str]:
    """Any origin is `*` (no credentials); a configured origin is echoed and may send credentials.
    No `Vary: Origin`: PostgREST's policy turns wai-cors' corsVaryOrigin off."""
    if origin == "*":
        return {"Access-Control-Allow-Origin": "*"}
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true"}
