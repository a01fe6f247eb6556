"""Where each export keeps the fields of a prospect (People Data Labs, Apollo, Google Places, ours).

A path is a key of the record, dotted for nested JSON objects (`location.region`); the first path
with a value wins; a list value gives its first element. Keys compare case-insensitively with
spaces and dashes as underscores, so Apollo's "Company Name" matches `company_name`. Every field
not taken here is kept as a source field in the prospect's metadata (LinkedIn URL, size, ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

FIELDS = ("business_name", "website", "alias_domains", "contact_email", "industry", "region",
          "language", "form_url", "description")

_OURS = {
    "business_name": ("business_name", "company_name", "company", "name"),
    "website": ("website", "url", "domain"),
    "alias_domains": ("alias_domains", "aliases", "other_domains"),
    "contact_email": ("contact_email", "email"),
    "industry": ("industry",),
    "region": ("region", "state", "province"),
    "language": ("language",),
    "form_url": ("form_url", "contact_form_url"),
    "description": ("description",),
}

SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "csv": _OURS,
    "pdl": {
        "business_name": ("name", "display_name", "company_name"),
        "website": ("website", "domain"),
        "alias_domains": ("alternative_domains", "alias_domains"),
        "contact_email": ("work_email", "emails", "email", "contact_email"),
        "industry": ("industry", "industry_v2", "job_company_industry"),
        "region": ("location.region", "location_region", "job_company_location_region", "region"),
        "language": ("language", "languages"),
        "form_url": ("form_url", "contact_form_url"),
        "description": ("summary", "headline", "description"),
    },
    "apollo": {
        "business_name": ("company", "company_name", "organization_name", "name"),
        "website": ("website", "company_website", "website_url", "domain"),
        "alias_domains": ("alias_domains", "secondary_domains"),
        "contact_email": ("email", "contact_email", "work_email"),
        "industry": ("industry",),
        "region": ("company_state", "state", "region"),
        "language": ("language", "languages"),
        "form_url": ("form_url", "contact_form_url"),
        "description": ("short_description", "seo_description", "keywords", "description"),
    },
    "google_places": {
        "business_name": ("displayname.text", "name"),
        "website": ("websiteuri", "website"),
        "alias_domains": ("alias_domains",),
        "contact_email": ("email", "contact_email"),
        "industry": ("primarytypedisplayname.text", "primarytype", "types"),
        "region": ("region", "administrative_area_level_1", "formattedaddress", "formatted_address"),
        "language": ("displayname.languagecode", "language"),
        "form_url": ("form_url", "contact_form_url"),
        "description": ("editorialsummary.text", "editorial_summary.overview", "description"),
    },
}


@lru_cache(maxsize=4096)  # a file repeats the same few keys on every line
def normalise_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _lookup(record: dict, keys: dict[str, str], path: str) -> tuple[Any, str | None]:
    """The value at a dotted path and the top-level key it came from (keys: normalised -> original)."""
    head, *rest = path.split(".")
    top = keys.get(head)
    value: Any = record.get(top) if top is not None else None
    for part in rest:
        if not isinstance(value, dict):
            return None, None
        value = next((v for k, v in value.items() if normalise_key(k) == part), None)
    if isinstance(value, list):
        if path.endswith(("alternative_domains", "alias_domains", "secondary_domains")):
            value = ",".join(str(v) for v in value if v)
        else:
            value = value[0] if value else None
    if isinstance(value, dict):  # a nested object where a string is expected: not this path
        return None, None
    if value is None or str(value).strip() == "":
        return None, None
    return str(value).strip(), top


def map_record(source: str, record: dict) -> tuple[dict[str, str | None], dict]:
    """The prospect's fields and the remaining source fields of one record."""
    fields: dict[str, str | None] = {}
    used: set[str] = set()
    keys = {normalise_key(k): k for k in record}  # once per record, not once per path
    for field, paths in SOURCES[source].items():
        fields[field] = None
        for path in paths:
            value, top = _lookup(record, keys, path)
            if value is not None:
                fields[field] = value
                if "." not in path:
                    used.add(top)
                break
    extra = {k: v for k, v in record.items() if k not in used and v not in (None, "", [], {})}
    return fields, extra
