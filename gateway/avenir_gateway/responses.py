"""HTTP responses as PostgREST shapes them: status, Content-Range (§1.4), Preference-Applied,
Location, the response.status / response.headers GUCs (§1.11), and error bodies (§1.12)."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

import orjson

from .errors import ApiError, pgrst
from .plan import ActionPlan
from .request import ApiRequest
from .transaction import TxResult

JSON = "application/json; charset=utf-8"
SINGULAR = "application/vnd.pgrst.object+json; charset=utf-8"
CSV = "text/csv; charset=utf-8"
SINGULAR_STRIPPED = "application/vnd.pgrst.object+json;nulls=stripped; charset=utf-8"  # as PostgREST writes it
ARRAY_STRIPPED = "application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8"
PREFERENCE_ORDER = ("resolution", "missing", "return", "count", "tx", "handling", "timezone", "max-affected")
# What an answer depends on besides its URL (PostgREST v14's default Vary): sent unless the response.headers
# GUC set a Vary of its own; error answers carry none, as PostgREST's.
VARY = "Accept, Prefer, Range"


class Response:
    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
        self.status, self.body = status, body
        self.headers = headers or {}

    async def send(self, send, head: bool = False) -> None:
        # values as UTF-8 bytes, as PostgREST writes them (a non-ASCII table or schema name)
        # A header the response.headers GUC set more than once (two Set-Cookie) holds a list: one line each.
        headers = [(k.encode("latin-1"), v.encode()) for k, vs in self.headers.items()
                   for v in (vs if isinstance(vs, list) else (vs,))]
        if self.status != 204 and not head:  # PostgREST sends no Content-Length on 204 and HEAD
            length = self.headers.get("Content-Length", str(len(self.body)))
            headers.append((b"content-length", length.encode()))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else self.body})


RAW = {"text": "text/plain; charset=utf-8", "xml": "text/xml; charset=utf-8", "binary": "application/octet-stream"}


def _content_type(plan: ActionPlan) -> str:
    """The Content-Type of the rendering the plan negotiated (a custom handler's media type)."""
    media = plan.media
    if plan.handler is not None:
        return plan.handler.content_type
    if media == "csv":
        return CSV
    if media == "geojson":
        return "application/geo+json; charset=utf-8"
    if media in RAW:
        return RAW[media]
    stripped = media.endswith("-stripped")
    if media.startswith("singular"):
        return SINGULAR_STRIPPED if stripped else SINGULAR
    return ARRAY_STRIPPED if stripped else JSON


def error_response(err: ApiError) -> Response:
    headers = {"Content-Type": JSON, "Proxy-Status": f"PostgREST; error={err.code}", **err.headers}
    return Response(err.status, err.body(), headers)


def _preference_applied(req: ApiRequest, honoured: dict[str, str]) -> dict[str, str]:
    items = [f"{k}={honoured[k]}" for k in PREFERENCE_ORDER if k in honoured]
    return {"Preference-Applied": ", ".join(items)} if items else {}


def _honoured(req: ApiRequest, plan: ActionPlan) -> dict[str, str]:
    """The preferences every answer echoes as PostgREST v13 does: the transaction end when it was
    honoured, `handling` (strict or lenient) and a valid `timezone` whenever given, `max-affected`
    only under handling=strict on PATCH, DELETE and RPC."""
    prefer, out = req.prefer, {}
    if plan.tx.tx_applied:
        out["tx"] = prefer.get("tx")
    for key in ("handling", "timezone"):
        if prefer.get(key):
            out[key] = prefer.get(key)
    if plan.tx.max_affected is not None:
        out["max-affected"] = prefer.get("max-affected")
    return out


def _apply_gucs(result: TxResult, status: int, headers: dict[str, str]) -> int:
    raw_headers = result.row.get("response_headers")
    if raw_headers:
        try:
            parsed = orjson.loads(raw_headers)
            if not isinstance(parsed, list):
                raise ValueError
            set_here: set[str] = set()
            for item in parsed:
                if not isinstance(item, dict) or len(item) != 1:
                    raise ValueError
                (name, value), = item.items()
                if not isinstance(value, str):
                    raise ValueError
                if name.lower() in set_here:  # the GUC names it again: both are sent (two Set-Cookie)
                    key = next(h for h in headers if h.lower() == name.lower())
                    previous = headers[key]
                    headers[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
                    continue
                for existing in [h for h in headers if h.lower() == name.lower()]:
                    del headers[existing]  # the GUC's value replaces the gateway's own
                headers[name] = value
                set_here.add(name.lower())
        except ValueError:
            raise pgrst("PGRST111", "response.headers guc must be a JSON array composed of objects with a "
                                    "single key and a string value") from None
    raw_status = result.row.get("response_status")
    if raw_status:
        try:
            status = int(raw_status)
            if not 100 <= status <= 599:
                raise ValueError
        except ValueError:
            raise pgrst("PGRST112", "response.status guc must be a valid status code") from None
    return status


def _check_singular(req: ApiRequest, page_total: int) -> None:
    if req.singular and page_total != 1:
        raise pgrst("PGRST116", "Cannot coerce the result to a single JSON object",
                    details=f"The result contains {page_total} rows")


def _content_range(lower: int, page_total: int, total) -> str:
    total_text = "*" if total is None else str(total)
    if page_total == 0:
        return f"*/{total_text}"
    return f"{lower}-{lower + page_total - 1}/{total_text}"


def _total(count: str | None, result: TxResult, max_rows: int | None):
    row = result.row
    if count == "exact":
        return row["total_result_set"]
    if count == "planned":
        return result.planned_total
    if count == "estimated":
        # above db-max-rows (always when it is unset, as PostgREST compares Maybe values) the larger of
        # the exact count and the planner's estimate
        exact = row["total_result_set"]
        if exact is not None and (max_rows is None or exact > max_rows) and result.planned_total is not None:
            return max(result.planned_total, exact)
        return exact
    return None


def content_location(name: str, query_string: str) -> str:
    """PostgREST's Content-Location of a read: `/name`, then the query parameters sorted by name
    (stable), each re-encoded as a query component (letters, digits and `-_.~` kept)."""
    pairs = sorted(parse_qsl(query_string, keep_blank_values=True), key=lambda kv: kv[0])
    path = "/" + name
    if not pairs:
        return path
    return path + "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def respond(req: ApiRequest, plan: ActionPlan, result: TxResult, max_rows: int | None) -> Response:
    if plan.kind == "read":
        return finish_read(req, plan, result, max_rows)
    if plan.kind == "call":
        return finish_rpc(req, plan, result, max_rows)
    return finish_write(req, plan, result)


def _paged(req: ApiRequest, plan: ActionPlan, result: TxResult, max_rows: int | None, body: bytes) -> Response:
    page_total = result.row["page_total"]
    _check_singular(req, page_total)
    count, profile = plan.count, plan.profile
    total = _total(count, result, max_rows)
    lower = plan.offset
    status = 200
    if total is not None:
        if lower > total and not (lower == 0 and total == 0):
            err = pgrst("PGRST103", "Requested range not satisfiable",
                        details=f"An offset of {lower} was requested, but there are only {total} rows.")
            err.headers["Content-Range"] = f"*/{total}"  # the 416 still says how many rows there are
            raise err
        if page_total < total and (page_total + lower) <= total and not req.singular:
            status = 206
    honoured = _honoured(req, plan)
    if count:
        honoured["count"] = count
    headers = {"Content-Type": _content_type(plan),
               "Content-Range": _content_range(lower, page_total, total), **_preference_applied(req, honoured)}
    if profile:
        headers["Content-Profile"] = profile
    status = _apply_gucs(result, status, headers)
    return Response(status, body, headers)


# PostgREST reads a handler's value in PostgreSQL's binary format; jsonb's starts with its format
# version, 1, before the text (json, text and bytea have no such byte). Its clients receive that byte.
JSONB_BINARY_VERSION = b"\x01"


def _body(plan: ActionPlan, result: TxResult) -> bytes:
    text = result.row["body"] or ""
    binary = plan.handler.binary if plan.handler is not None else plan.media == "binary"
    if binary and text.startswith("\\x"):  # bytea's text form: hex after \x
        return bytes.fromhex(text[2:])
    if plan.handler is not None and plan.handler.base_type == "jsonb" and result.row["body"] is not None:
        return JSONB_BINARY_VERSION + text.encode()
    return text.encode()


def finish_read(req: ApiRequest, plan: ActionPlan, result: TxResult, max_rows: int | None) -> Response:
    body = _body(plan, result)
    return _paged(req, plan, result, max_rows, body)


def finish_rpc(req: ApiRequest, plan: ActionPlan, result: TxResult, max_rows: int | None) -> Response:
    fn, profile = plan.call.function, plan.profile
    # Singular Accept holds for every function (PostgREST's failNotSingular): a filter on
    # `pgrst_scalar` that empties a scalar answer is 406 PGRST116, not the function's status.
    _check_singular(req, result.row["page_total"])
    if fn.return_shape == "void":
        headers = {"Content-Profile": profile} if profile else {}
        headers.update(_preference_applied(req, _honoured(req, plan)))
        status = _apply_gucs(result, 204, headers)
        return Response(status, b"", headers)
    body = _body(plan, result)
    if not fn.returns_set:
        custom = plan.handler is not None or plan.media in RAW or plan.media.startswith("singular") \
            or plan.media == "geojson"
        # One value is a range of one row, counted when asked (PostgREST's `0-0/1`).
        honoured = _honoured(req, plan)
        if plan.count:
            honoured["count"] = plan.count
        headers = {"Content-Type": _content_type(plan) if custom else JSON,
                   "Content-Range": _content_range(0, result.row["page_total"], _total(plan.count, result, max_rows))}
        if profile:
            headers["Content-Profile"] = profile
        headers.update(_preference_applied(req, honoured))
        status = _apply_gucs(result, 200, headers)
        return Response(status, body, headers)
    return _paged(req, plan, result, max_rows, body)


def _location_filter(value) -> str:
    """A key value of Location as its filter: `is.null` for a null (a view's key may be), else `eq.` and
    the value as text (json_each_text's: true, 1.5, the string itself), percent-encoded."""
    if value is None:
        return "is.null"
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return "eq." + quote(text, safe="")


def finish_write(req: ApiRequest, plan: ActionPlan, result: TxResult) -> Response:
    ret, profile, rel = plan.ret, plan.profile, plan.mutate.relation
    row = result.row
    page_total = row["page_total"]
    _check_singular(req, page_total)
    honoured = _honoured(req, plan)
    if req.prefer.get("return"):
        honoured["return"] = ret
    # resolution applies where there is a conflict target (a primary key or on_conflict=), whatever the body
    if req.method == "POST" and req.prefer.get("resolution") and (rel.primary_key or req.params.on_conflict):
        honoured["resolution"] = req.prefer.get("resolution")
    if req.method in ("POST", "PATCH") and req.prefer.get("missing"):  # PUT does not echo it
        honoured["missing"] = req.prefer.get("missing")
    total = "*"
    count = req.prefer.get("count")
    if count:  # echoed whatever its kind; the affected rows are the total of exact and estimated
        honoured["count"] = count
        if count in ("exact", "estimated"):
            total = str(page_total)
    headers = dict(_preference_applied(req, honoured))
    if profile:
        headers["Content-Profile"] = profile
    if req.method == "POST":
        # PostgREST's rsInserted: 200 when merge-duplicates was asked and no row was inserted (only
        # updated, or none at all), else 201 (ignore-duplicates that skipped every row is still 201).
        inserted = row["inserted"] if "inserted" in row else page_total > 0
        merge = req.prefer.get("resolution") == "merge-duplicates"
        status = 200 if merge and not inserted else 201
        headers["Content-Range"] = f"*/{total}"
        if ret == "headers-only" and row.get("location"):
            keys = orjson.loads(row["location"])
            query = "&".join(f"{quote(k, safe='')}={_location_filter(v)}" for k, v in keys.items())
            headers["Location"] = f"/{rel.name}?{query}"  # the name as is (UTF-8), as PostgREST
    elif req.method == "PUT":  # no Content-Range, as PostgREST's single upsert
        inserted = row.get("inserted") is True
        status = (201 if inserted else 200) if ret == "representation" else 204
    elif req.method == "DELETE":  # PostgREST's contentRangeH 1 0: no range, only the count
        status = 200 if ret == "representation" else 204
        headers["Content-Range"] = f"*/{total}"
    else:
        status = 200 if ret == "representation" else 204
        headers["Content-Range"] = f"0-{page_total - 1}/{total}" if page_total else f"*/{total}"
    body = b""
    if ret == "representation":
        body = _body(plan, result)
        headers["Content-Type"] = _content_type(plan)
    status = _apply_gucs(result, status, headers)
    return Response(status, body, headers)
