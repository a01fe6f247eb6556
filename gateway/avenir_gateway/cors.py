"""CORS as PostgREST answers it (§1.17): only when the request has an Origin; preflight requests get
the allowed methods and headers, other responses expose PostgREST's headers."""

from __future__ import annotations

ALLOW_METHODS = "GET, POST, PATCH, PUT, DELETE, OPTIONS"
EXPOSE_HEADERS = ("Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, "
                  "Transfer-Encoding, Range-Unit")
MAX_AGE = "86400"


def allowed_origin(origin: str | None, allowed: list[str] | None) -> str | None:
    """The Access-Control-Allow-Origin value, or None when no CORS header is due."""
    if not origin:
        return None
    if allowed is None:
        return "*"
    return origin if origin in allowed else None


def is_preflight(method: str, headers: dict[str, str]) -> bool:
    return method == "OPTIONS" and "origin" in headers and "access-control-request-method" in headers


def preflight_headers(origin: str, headers: dict[str, str]) -> dict[str, str]:
    requested = headers.get("access-control-request-headers", "")
    allow = ", ".join(["Authorization", *[h.strip() for h in requested.split(",") if h.strip()]])
    return {**_origin(origin), "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": allow, "Access-Control-Max-Age": MAX_AGE}


def response_headers(origin: str) -> dict[str, str]:
    return {**_origin(origin), "Access-Control-Expose-Headers": EXPOSE_HEADERS}


def _origin(origin: str) -> dict[str, str]:
    """Any origin is `*` (no credentials); a configured origin is echoed and may send credentials."""
    if origin == "*":
        return {"Access-Control-Allow-Origin": "*"}
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}
