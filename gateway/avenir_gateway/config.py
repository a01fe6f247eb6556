"""postgrest.conf and PGRST_* environment variables, read as PostgREST v13 reads them (§1.18).

File syntax: `key = "string"`, bare numbers and booleans, `#` comments, `$(ENV)` interpolation
inside values, `@path` to read a secret from a file (relative to the working directory).
Environment variables `PGRST_<KEY_WITH_UNDERSCORES>` override the file.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

from .errors import ConfigError

ALIASES = {"db-schema": "db-schemas", "max-rows": "db-max-rows", "pre-request": "db-pre-request",
           "role-claim-key": "jwt-role-claim-key", "secret-is-base64": "jwt-secret-is-base64"}
KNOWN_KEYS = {
    "db-uri", "db-schemas", "db-anon-role", "db-extra-search-path", "db-pre-request", "db-max-rows",
    "db-tx-end", "db-pool", "db-pool-acquisition-timeout", "db-pool-max-idletime", "db-pool-max-lifetime",
    "db-pool-automatic-recovery", "db-channel", "db-channel-enabled", "db-prepared-statements",
    "db-aggregates-enabled", "db-plan-enabled", "db-config", "db-pre-config", "db-root-spec",
    "db-hoisted-tx-settings", "jwt-secret", "jwt-secret-is-base64", "jwt-aud", "jwt-role-claim-key",
    "jwt-cache-max-lifetime", "jwt-cache-max-entries", "server-host", "server-port", "server-unix-socket",
    "server-unix-socket-mode", "server-cors-allowed-origins", "server-trace-header", "server-timing-enabled",
    "openapi-mode", "openapi-security-active", "openapi-server-proxy-uri", "log-level", "log-query",
    "admin-server-port", "admin-server-host",
    # The gateway's own settings (PostgREST leaves these to its HTTP server or a proxy).
    "server-max-body-size", "server-max-header-size", "server-max-url-length", "server-head-timeout",
    "server-body-timeout", "server-keep-alive-timeout", "db-pool-reserved", "db-pool-reserved-paths",
    "db-pool-reserved-roles", "server-workers", "db-rejected-rpc-hook", "api-keys",
}
TX_END_VALUES = ("commit", "commit-allow-override", "rollback", "rollback-allow-override")
OPENAPI_MODES = ("follow-privileges", "ignore-privileges", "disabled")
LOG_LEVELS = ("crit", "error", "warn", "info", "debug")
API_KEY_PREFIX = "sb_"  # Supabase's opaque API keys (sb_publishable_..., sb_secret_...): never JWTs
HOST_SPECIALS = {"*": "0.0.0.0", "*4": "0.0.0.0", "!4": "0.0.0.0", "*6": "::", "!6": "::"}
LINE = re.compile(r"""^\s*([A-Za-z0-9_.\-]+)\s*=\s*(.*?)\s*$""")
ENV_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


@dataclass
class Config:
    db_uri: str = "postgresql://"
    db_schemas: list[str] = field(default_factory=lambda: ["public"])
    db_anon_role: str | None = None
    db_extra_search_path: list[str] = field(default_factory=lambda: ["public"])
    db_pre_request: str | None = None
    db_rejected_rpc_hook: str | None = None  # called in place of an RPC whose arguments are refused (rpc_arguments.py)
    db_max_rows: int | None = None
    db_tx_end: str = "commit"
    db_pool: int = 10
    db_pool_acquisition_timeout: float = 10.0
    db_channel: str = "pgrst"
    db_channel_enabled: bool = True
    db_aggregates_enabled: bool = False
    db_prepared_statements: bool = True  # the main statement prepared per connection (wire.py), as PostgREST
    # The names (lower case) of a function's own SET settings applied to the request's transaction before its call.
    db_hoisted_tx_settings: list[str] = field(default_factory=lambda: [
        "statement_timeout", "plan_filter.statement_cost_limit", "default_transaction_isolation"])
    jwt_secret: str | None = None
    jwt_secret_is_base64: bool = False
    jwt_aud: str | None = None
    jwt_role_claim_key: str = ".role"
    jwt_cache_max_entries: int = 1000  # verified tokens kept (auth.py); 0 keeps none
    server_host: str = "!4"
    server_port: int = 3000
    server_cors_allowed_origins: list[str] | None = None
    log_level: str = "error"
    server_max_body_size: int = 1024 * 1024  # bytes; a larger body is 413
    server_max_header_size: int = 16384  # bytes of header lines; more is 431
    server_max_url_length: int = 8192  # bytes of the request target; more is 414
    server_head_timeout: float = 10.0  # seconds to send a request's head (slowloris); then 408 and close
    server_body_timeout: float = 30.0  # seconds to send a request's body; then 408 and close
    server_keep_alive_timeout: float = 5.0  # seconds an idle keep-alive connection is kept
    server_workers: int = 1  # processes sharing server-port (SO_REUSEPORT), each with its own db-pool
    db_pool_reserved: int = 0  # connections only requests matching the two lists below may use
    db_pool_reserved_paths: list[str] = field(default_factory=list)  # e.g. "/rpc/submit_lead"
    db_pool_reserved_roles: list[str] = field(default_factory=list)
    app_settings: dict[str, str] = field(default_factory=dict)
    db_config: bool = True  # read pgrst.* settings from the database (db_config.py)
    db_pre_config: str | None = None  # a function whose set_config('pgrst.x', ...) calls configure too
    db_plan_enabled: bool = False  # Accept: application/vnd.pgrst.plan answers EXPLAIN
    db_root_spec: str | None = None  # a function that answers GET / in place of the OpenAPI document
    openapi_mode: str = "follow-privileges"  # or ignore-privileges / disabled
    openapi_security_active: bool = False
    openapi_server_proxy_uri: str | None = None
    server_trace_header: str | None = None  # a request header echoed in the response (X-Request-Id)
    server_timing_enabled: bool = False  # a Server-Timing header with each stage's duration (timing.py)
    admin_server_port: int | None = None  # the admin server's port (admin.py); unset: no admin server
    admin_server_host: str | None = None  # its host; unset: server-host
    # Supabase's opaque API keys as `key:role` pairs (auth.py): the role a request carrying that key in
    # `apikey` (or as its bearer token) acts as, as Supabase's API gateway swaps it for that role's JWT.
    api_keys: list[str] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict, repr=False)  # the file and environment values

    @property
    def api_key_roles(self) -> dict[str, str]:
        """`api-keys` as key -> role."""
        return {key: role for key, _, role in (pair.rpartition(":") for pair in self.api_keys)}

    @property
    def bind_host(self) -> str:
        """PostgREST's host specials: `*`, `*4`, `!4` any IPv4; `*6`, `!6` any IPv6; else the name."""
        return HOST_SPECIALS.get(self.server_host, self.server_host)

    @property
    def admin_bind_host(self) -> str:
        host = self.admin_server_host or self.server_host
        return HOST_SPECIALS.get(host, host)

    @property
    def jwt_key(self) -> bytes | None:
        if self.jwt_secret is None:
            return None
        if self.jwt_secret_is_base64:
            try:
                return base64.b64decode(self.jwt_secret.replace("-", "+").replace("_", "/") + "==")
            except ValueError as e:
                raise ConfigError("jwt-secret is not valid base64") from e
        return self.jwt_secret.encode()


def parse_text(text: str, environ: dict[str, str]) -> dict[str, str]:
    """The raw `key -> value` pairs of a config file, strings unquoted and $(ENV) expanded."""
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        match = LINE.match(line)
        if not match:
            raise ConfigError(f"config line {number}: expected key = value, got {raw.strip()!r}")
        key, value = match.group(1), match.group(2)
        if value.startswith('"'):
            if len(value) < 2 or not value.endswith('"'):
                raise ConfigError(f"config line {number}: unterminated string for {key}")
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        values[key] = ENV_REF.sub(lambda m: environ.get(m.group(1), ""), value)
    return values


def _strip_comment(line: str) -> str:
    in_string = False
    for i, ch in enumerate(line):
        if ch == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        elif ch == "#" and not in_string:
            return line[:i]
    return line


def env_values(environ: dict[str, str]) -> dict[str, str]:
    """PGRST_DB_URI -> db-uri; PGRST_APP_SETTINGS_X -> app.settings.x."""
    values = {}
    for name, value in environ.items():
        if not name.startswith("PGRST_"):
            continue
        key = name[len("PGRST_"):].lower()
        if key.startswith("app_settings_"):
            values["app.settings." + key[len("app_settings_"):]] = value
        else:
            values[key.replace("_", "-")] = value
    return values


def load(path: str | os.PathLike | None, environ: dict[str, str] | None = None) -> Config:
    environ = dict(os.environ if environ is None else environ)
    raw: dict[str, str] = {}
    if path is not None:
        p = Path(path)
        if not p.exists():
            raise ConfigError(f"config file {p} does not exist")
        raw.update(parse_text(p.read_text(), environ))
    raw.update(env_values(environ))
    return build(raw)


def build(raw: dict[str, str]) -> Config:
    cfg = Config()
    cfg.raw = dict(raw)
    for key, value in raw.items():
        key = ALIASES.get(key, key)
        if key.startswith("app.settings."):
            cfg.app_settings[key[len("app.settings."):]] = value
            continue
        if key not in KNOWN_KEYS:
            continue  # PostgREST ignores unknown keys too
        if key in ("db-uri", "jwt-secret") and value.startswith("@"):
            value = _read_secret_file(key, value[1:])
        _assign(cfg, key, value)
    _validate(cfg)
    return cfg


def _read_secret_file(key: str, filename: str) -> str:
    try:
        return Path(filename).read_text().rstrip("\r\n")
    except OSError as e:
        raise ConfigError(f"{key}: cannot read {filename}: {e.strerror}") from e


def _assign(cfg: Config, key: str, value: str) -> None:
    attr = key.replace("-", "_")
    if not hasattr(cfg, attr):
        return
    kind = Config.__dataclass_fields__[attr].type
    if attr == "db_hoisted_tx_settings":
        # Setting names, matched against a function's SET clauses (kept in lower case) on every call.
        setattr(cfg, attr, [s.strip().lower() for s in value.split(",") if s.strip()])
    elif attr in ("db_schemas", "db_extra_search_path", "server_cors_allowed_origins", "db_pool_reserved_paths",
                  "db_pool_reserved_roles", "api_keys"):
        setattr(cfg, attr, [s.strip() for s in value.split(",") if s.strip()])
    elif "bool" in kind:
        setattr(cfg, attr, _bool(key, value))
    elif kind.startswith("int"):
        setattr(cfg, attr, _int(key, value))
    elif kind.startswith("float"):
        setattr(cfg, attr, _float(key, value))
    elif "None" in kind and value == "":
        setattr(cfg, attr, None)
    else:
        setattr(cfg, attr, value)


def _bool(key: str, value: str) -> bool:
    v = value.strip().lower()
    if v in ("true", "yes", "on", "1"):
        return True
    if v in ("false", "no", "off", "0"):
        return False
    raise ConfigError(f"{key}: expected a boolean, got {value!r}")


def _int(key: str, value: str) -> int:
    try:
        return int(value.strip())
    except ValueError as e:
        raise ConfigError(f"{key}: expected an integer, got {value!r}") from e


def _float(key: str, value: str) -> float:
    try:
        return float(value.strip())
    except ValueError as e:
        raise ConfigError(f"{key}: expected a number, got {value!r}") from e


def _validate(cfg: Config) -> None:
    if cfg.db_tx_end not in TX_END_VALUES:
        raise ConfigError(f"db-tx-end: expected one of {', '.join(TX_END_VALUES)}, got {cfg.db_tx_end!r}")
    if cfg.log_level not in LOG_LEVELS:
        raise ConfigError(f"log-level: expected one of {', '.join(LOG_LEVELS)}, got {cfg.log_level!r}")
    if cfg.openapi_mode not in OPENAPI_MODES:
        raise ConfigError(f"openapi-mode: expected one of {', '.join(OPENAPI_MODES)}, got {cfg.openapi_mode!r}")
    if not cfg.db_schemas:
        raise ConfigError("db-schemas: at least one schema is required")
    if cfg.jwt_key is not None and len(cfg.jwt_key) < 32:
        raise ConfigError("The JWT secret must be at least 32 characters long.")
    if cfg.db_pool < 1:
        raise ConfigError("db-pool: must be at least 1")
    if cfg.admin_server_port is not None and cfg.admin_server_port == cfg.server_port:
        raise ConfigError("admin-server-port: must differ from server-port")  # as PostgREST v13, at start
    if cfg.server_workers < 1:
        raise ConfigError("server-workers: must be at least 1")
    if not 0 <= cfg.db_pool_reserved < cfg.db_pool:
        raise ConfigError("db-pool-reserved: must be at least 0 and less than db-pool")
    for key in ("server_max_body_size", "server_max_header_size", "server_max_url_length"):
        if getattr(cfg, key) < 1:
            raise ConfigError(f"{key.replace('_', '-')}: must be at least 1")
    for number, (key, role) in enumerate(cfg.api_key_roles.items(), 1):
        if not key.startswith(API_KEY_PREFIX) or not role:  # never the entry itself: it holds a secret
            raise ConfigError(f"api-keys: expected {API_KEY_PREFIX}<key>:<role> pairs, entry {number} is not one")


MASK = "********"
SECRET_SETTING = re.compile(r"secret|password|passwd|token|key", re.IGNORECASE)  # app.settings.* names masked
URI_PASSWORD = re.compile(r"(://[^:@/?#]*:)([^@/?#]*)(@)")  # postgresql://user:PASSWORD@host
PARAM_PASSWORD = re.compile(r"((?:^|[?&\s])password\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)", re.IGNORECASE)


def masked_conninfo(conninfo: str) -> str:
    """A connection string with its password (in the URI's user part, `?password=` or `password=`) masked."""
    text = URI_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), conninfo)
    text = PARAM_PASSWORD.sub(lambda m: m.group(1) + MASK, text)
    try:
        password = conninfo_to_dict(conninfo).get("password")
    except psycopg.Error:
        return MASK  # not a connection string libpq reads: nothing of it is shown
    return MASK if password and password in text else text  # a form the patterns missed: all masked


def dump_text(cfg: Config) -> str:
    """The effective configuration in postgrest.conf syntax, one `key = value` line per setting, sorted,
    the app.settings.* after: what the admin server's /config answers. No secret is ever printed: the
    JWT secret, the db-uri password and app settings whose name says secret, password, token or key
    are masked."""
    lines = []
    for key in sorted(KNOWN_KEYS):
        attr = key.replace("-", "_")
        if hasattr(cfg, attr):
            value = getattr(cfg, attr)
        elif key in cfg.raw:  # a PostgREST key the gateway accepts without using it: as written
            value = cfg.raw[key]
            value = {"true": True, "false": False}.get(value, int(value) if value.isdigit() else value)
        else:
            continue
        if key == "admin-server-host":
            value = value or cfg.server_host  # its default
        if key == "jwt-secret" and value is not None or key == "api-keys" and value:
            value = MASK
        elif key == "db-uri":
            value = masked_conninfo(value)
        lines.append(f"{key} = {_dump_value(value)}")
    for name in sorted(cfg.app_settings):
        value = MASK if SECRET_SETTING.search(name) else cfg.app_settings[name]
        lines.append(f"app.settings.{name} = {_dump_value(value)}")
    return "\n".join(lines) + "\n"


def _dump_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        value = ",".join(value)
    if value is None:
        value = ""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
