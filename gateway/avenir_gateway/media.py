"""Custom media types (PostgREST's media-type handlers, `media_type_handlers.rst`): which handler of the
schema cache answers a request, from its Accept header in order of preference.

A handler is an aggregate returning a domain named after a media type, over a relation's row type (that
relation's answers, only with the default `select`) or over anyelement (every relation's answers), or
a function returning such a domain (its own answers, its value as it is). The domain `*/*` accepts any
media type and answers `application/octet-stream` unless the function sets `Content-Type` through
`response.headers`. The vendored `application/vnd.pgrst.*` types are never overridden."""

from __future__ import annotations

from dataclasses import dataclass

ANY = "*/*"
VENDORED = "application/vnd.pgrst."
# The media types PostgREST sends with a charset (MediaType.toContentType); any other goes out bare.
WITH_CHARSET = {"application/json", "application/geo+json", "text/csv", "text/plain", "text/xml",
                "application/openapi+json"}


@dataclass(frozen=True, slots=True)
class Handler:
    schema: str
    name: str
    aggregate: bool  # an aggregate over the rows; else a function whose value is the answer
    target: tuple[str, str] | None  # the relation (or function) it answers for; None: any relation
    media_type: str  # the domain's name, lower-case
    base_type: str  # the domain's base type name (bytea travels as bytes)

    @property
    def binary(self) -> bool:
        return self.base_type == "bytea"

    @property
    def content_type(self) -> str:
        media = "application/octet-stream" if self.media_type == ANY else self.media_type
        return f"{media}; charset=utf-8" if media in WITH_CHARSET else media


def accepted(accept: str | None) -> tuple[str, ...]:
    """The items of an Accept header (`type/subtype[;param...]`, lower-case, without q), most preferred
    first (by q, then as listed); q=0 excluded."""
    if not accept or not accept.strip():
        return (ANY,)
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality, kept = 1.0, [media.lower()]
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() != "q":
                kept.append(param.lower())
                continue
            try:
                quality = float(value)
            except ValueError:
                quality = 1.0
        if quality > 0:
            ranked.append((-quality, position, ";".join(kept)))
    return tuple(media for _, _, media in sorted(ranked))


def choose(accepts: tuple[str, ...], handlers: dict, target: tuple[str, str], default_select: bool,
           builtin) -> Handler | None:
    """The custom handler answering `target`, or None when a built-in rendering comes first
    (`builtin(media_type)` says whether one exists). Raises LookupError when nothing is acceptable."""
    for item in accepts:
        media = item.split(";")[0]
        if media.startswith(VENDORED):
            if builtin(item):
                return None
            continue
        if default_select:
            found = handlers.get((target, ANY)) or handlers.get((target, media))
            if found is not None:
                return found
        found = handlers.get((None, media))
        if found is not None:
            return found
        if builtin(item):
            return None
    raise LookupError(accepts)
