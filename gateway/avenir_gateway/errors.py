"""PostgREST's error bodies: `{code, message, details, hint}`, the SQLSTATE -> HTTP table (§1.13)
and the PGRST codes (§1.14). Every error leaves the gateway through `ApiError.response_parts`."""

from __future__ import annotations

import re

import orjson


class ConfigError(Exception):
    """A configuration the gateway refuses to start with."""


class ApiError(Exception):
    """An error answered to the client with PostgREST's JSON body."""

    def __init__(self, status: int, code: str, message: str, details: str | list | None = None,
                 hint: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.hint = details, hint
        self.headers = headers or {}

    def body(self) -> bytes:
        return orjson.dumps({"code": self.code, "details": self.details, "hint": self.hint,
                             "message": self.message})


VIEW_NOT_WRITABLE = re.compile(r'cannot (insert into|update|delete from) view "')
PGRST_STATUS = {
    "PGRST000": 503, "PGRST001": 503, "PGRST002": 503, "PGRST003": 504,
    "PGRST100": 400, "PGRST101": 405, "PGRST102": 400, "PGRST103": 416, "PGRST105": 405,
    "PGRST106": 406, "PGRST107": 406, "PGRST108": 400, "PGRST111": 500, "PGRST112": 500,
    "PGRST114": 400, "PGRST115": 400, "PGRST116": 406, "PGRST117": 405, "PGRST118": 400,
    "PGRST120": 400, "PGRST121": 500, "PGRST122": 400, "PGRST123": 400, "PGRST124": 400,
    "PGRST125": 404, "PGRST126": 404, "PGRST127": 400, "PGRST128": 400,
    "PGRST200": 400, "PGRST201": 300, "PGRST202": 404, "PGRST203": 300, "PGRST204": 400,
    "PGRST205": 404, "PGRST300": 500, "PGRST301": 401, "PGRST302": 401, "PGRST303": 401,
}


def pgrst(code: str, message: str, details: str | list | None = None, hint: str | None = None) -> ApiError:
    return ApiError(PGRST_STATUS[code], code, message, details, hint)


def http_error(status: int, message: str, details: str | None = None) -> ApiError:
    """An HTTP-level refusal (408, 413, 414, 431, malformed request) in PostgREST's error shape.
    PostgREST leaves these to its HTTP server or a proxy; the code `PGRSTX<status>` says the gateway did."""
    return ApiError(status, f"PGRSTX{status}", message, details)


def token_required() -> ApiError:
    """401 PGRST302 (no token and no anonymous role): PostgREST's bare `WWW-Authenticate: Bearer`."""
    err = pgrst("PGRST302", "Anonymous access is disabled")
    err.headers["WWW-Authenticate"] = "Bearer"
    return err


def jwt_error(code: str, message: str) -> ApiError:
    """401 with the `WWW-Authenticate` challenge PostgREST sends for token errors."""
    err = pgrst(code, message)
    err.headers["WWW-Authenticate"] = f'Bearer error="invalid_token", error_description="{message}"'
    return err


def sqlstate_status(code: str, message: str, authenticated: bool) -> int:
    """pgErrorStatus of PostgREST v13."""
    if code.startswith("PT"):  # PTxyz is HTTP status xyz; PT and no number is 500
        return int(code[2:]) if code[2:].isdigit() else 500
    exact = {
        "23503": 409, "23505": 409, "25006": 405, "42P17": 500, "53400": 500, "57P01": 503,
        "42P01": 404, "P0001": 400,
    }
    if code in exact:
        return exact[code]
    if code == "54011":  # too many columns: the select list came from the request
        return 400
    if code == "55000" and VIEW_NOT_WRITABLE.match(message):
        return 405  # a write to a view Postgres cannot update: the method is not allowed there
    if code == "21000":
        return 400 if message.endswith("requires a WHERE clause") else 500
    if code == "22023":
        return 401 if message.startswith('role "') and message.endswith('" does not exist') else 400
    if code == "42501":
        return 403 if authenticated else 401
    if code == "42883":
        return 406 if message.startswith("function xmlagg(") else 404
    prefixes = [("08", 503), ("09", 500), ("0L", 403), ("0P", 403), ("25", 500), ("28", 403),
                ("2D", 500), ("38", 500), ("39", 500), ("3B", 500), ("40", 500), ("53", 503),
                ("54", 500), ("55", 500), ("57", 500), ("58", 500), ("F0", 500), ("HV", 500),
                ("XX", 500), ("P0", 500)]
    for prefix, status in prefixes:
        if code.startswith(prefix):
            return status
    return 400


def from_database(diag, authenticated: bool) -> ApiError:
    """An ApiError from a psycopg error's diagnostics (SQLSTATE, message, detail, hint)."""
    code = diag.sqlstate or "XX000"
    message = diag.message_primary or ""
    if code == "PGRST":
        return _custom_pgrst(message, diag.message_detail)
    err = ApiError(sqlstate_status(code, message, authenticated), code, message,
                   diag.message_detail, diag.message_hint)
    if err.status == 401:
        err.headers["WWW-Authenticate"] = "Bearer"
    return err


_RAISE_PARSE = 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error'
_MESSAGE_HINT = ("MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: "
                 "'details', 'hint'.")
_DETAIL_HINT = "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'."


def _custom_pgrst(message: str, detail: str | None) -> ApiError:
    """RAISE SQLSTATE 'PGRST' USING message = '{code, message[, details, hint]}',
    detail = '{status, headers[, status_text]}': PostgREST's rules, each key obligatory as it says;
    anything else is 500 PGRST121 naming the part that does not parse (MESSAGE first)."""
    body = _json_object(message)
    if (body is None or not isinstance(body.get("code"), str) or not isinstance(body.get("message"), str)
            or not all(isinstance(body.get(k), str | None) for k in ("details", "hint"))):
        return pgrst("PGRST121", _RAISE_PARSE, details=f"Invalid JSON value for MESSAGE: '{message}'",
                     hint=_MESSAGE_HINT)
    if not detail:
        return pgrst("PGRST121", _RAISE_PARSE, details="DETAIL is missing in the RAISE statement", hint=_DETAIL_HINT)
    extra = _json_object(detail)
    status = extra.get("status") if extra is not None else None
    headers = extra.get("headers") if extra is not None else None
    if (not isinstance(status, int) or isinstance(status, bool) or not isinstance(headers, dict)
            or not all(isinstance(v, str) for v in headers.values())
            or not isinstance(extra.get("status_text"), str | None)):
        return pgrst("PGRST121", _RAISE_PARSE, details=f"Invalid JSON value for DETAIL: '{detail}'", hint=_DETAIL_HINT)
    return ApiError(status, body["code"], body["message"], body.get("details"), body.get("hint"),
                    {str(k): v for k, v in headers.items()})


def _json_object(text: str) -> dict | None:
    try:
        value = orjson.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
