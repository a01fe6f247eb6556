"""A newcomer's first minute: `make up` creates (once) an is_test demo client and prints its API key
with ready-to-paste curl commands that submit a lead and that log in and list the leads."""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

from .cluster import Cluster

DEMO_EMAIL = "demo@avenir.test"
DEMO_BUSINESS = "Avenir Demo"
LEAD_COLUMNS = "id,name,email,language,intent,urgency,current_tag,created_at"
QUERIES = NamedQueries(__package__, "queries.sql")


def demo_password(cluster: Cluster) -> str:
    return cluster.secret("demo_password", 24)


def _key_file(cluster: Cluster) -> Path:
    return cluster.secrets_dir / "demo_api_key"


def _write_secret(path: Path, value: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value)
    os.replace(tmp, path)


def ensure_demo_client(cluster: Cluster) -> str:
    """The demo client's API key: created once (is_test), kept 0600 in <root>/secrets/demo_api_key."""
    password = demo_password(cluster)
    key_file = _key_file(cluster)
    saved_key = key_file.read_text().strip() if key_file.exists() else None
    with psycopg.connect(cluster.url(), row_factory=dict_row) as conn:
        demo = conn.execute(QUERIES["find_demo_client"], {"email": DEMO_EMAIL}).fetchone()
        if demo is None:
            conn.execute(QUERIES["act_as_service_role"])
            created = conn.execute(QUERIES["create_demo_client"], {
                "business_name": DEMO_BUSINESS, "email": DEMO_EMAIL, "password": password}).fetchone()["created"]
            _write_secret(key_file, created["api_key"])
            return created["api_key"]
        if saved_key and conn.execute(QUERIES["key_matches"], {
                "api_key": saved_key, "api_key_hash": demo["api_key_hash"]}).fetchone()["matches"]:
            return saved_key
        new_key = conn.execute(QUERIES["new_api_key"]).fetchone()["api_key"]
        conn.execute(QUERIES["reset_demo_credentials"], {
            "api_key": new_key, "password": password, "client_id": demo["client_id"]})
        _write_secret(key_file, new_key)
        return new_key


def ensure_demo_form_key(cluster: Cluster, site_origin: str) -> str:
    """The demo client's public form key, allowed on the demo site's origin (public: no secret file)."""
    with psycopg.connect(cluster.url(), row_factory=dict_row) as conn:
        row = conn.execute(QUERIES["demo_form_key"], {"origin": site_origin, "email": DEMO_EMAIL}).fetchone()
    return row["form_key"]


def first_minute(api_url: str, api_key: str, password: str, anon_key: str | None = None) -> str:
    """The text print_first_minute prints: the key and two ready-to-paste shell snippets."""
    rest = api_url.rstrip("/") + "/rest/v1"
    apikey = f" -H {shlex.quote('apikey: ' + anon_key)}" if anon_key else ""
    lead = json.dumps({"api_key": api_key, "name": "Ada Lovelace", "email": "ada@lovelace.test",
                       "message": "Hello, I would like a demo of your product."})
    login = json.dumps({"email": DEMO_EMAIL, "password": password})
    token_apikey = f" -H {shlex.quote('apikey: ' + anon_key)}" if anon_key else ' -H "apikey: $TOKEN"'
    return "\n".join([
        f"Demo client (is_test): {DEMO_EMAIL} / {password}",
        f"Demo API key (kept in .avenir/secrets/demo_api_key): {api_key}",
        "",
        "# Submit a lead, as the client's website form does:",
        f"curl -s -X POST {rest}/rpc/submit_lead{apikey} -H 'Content-Type: application/json' \\",
        f"  -d {shlex.quote(lead)}",
        "",
        "# Log in as the demo client, then list its leads with the token:",
        f"TOKEN=$(curl -s -X POST {rest}/rpc/login{apikey} -H 'Content-Type: application/json' \\",
        f"  -d {shlex.quote(login)} | sed -E 's/.*\"access_token\" *: *\"([^\"]+)\".*/\\1/')",
        f"curl -s '{rest}/lead_memory?select={LEAD_COLUMNS}&order=created_at.desc'{token_apikey} \\",
        '  -H "Authorization: Bearer $TOKEN"',
    ])


def print_first_minute(api_url: str, api_key: str, password: str | None = None, anon_key: str | None = None) -> None:
    print(first_minute(api_url, api_key, password or "<see .avenir/secrets/demo_password>", anon_key))
