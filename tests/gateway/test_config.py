"""postgrest.conf parsing (§1.18): syntax, $(ENV), @file, PGRST_* overrides, aliases, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from avenir_gateway import config
from avenir_gateway.errors import ConfigError

SECRET = "a-secret-of-at-least-thirty-two-characters"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "postgrest.conf"
    path.write_text(text)
    return path


def test_file_syntax_strings_numbers_booleans_comments(tmp_path):
    cfg = config.load(write(tmp_path, f'''
# a comment
db-uri = "postgres://authenticator@127.0.0.1:5432/db"   # trailing comment
db-schemas = "api, other"
db-anon-role = "anon"
db-max-rows = 100
db-pool = 7
db-pool-acquisition-timeout = 3
db-tx-end = "rollback-allow-override"
db-prepared-statements = false
jwt-secret = "{SECRET}"
jwt-aud = "my-audience"
jwt-role-claim-key = ".app.role"
server-port = 4000
log-level = "info"
app.settings.tenant = "acme # not a comment"
'''), environ={})
    assert cfg.db_uri == "postgres://authenticator@127.0.0.1:5432/db"
    assert cfg.db_schemas == ["api", "other"]
    assert cfg.db_anon_role == "anon"
    assert (cfg.db_max_rows, cfg.db_pool, cfg.db_pool_acquisition_timeout) == (100, 7, 3.0)
    assert cfg.db_tx_end == "rollback-allow-override"
    assert cfg.jwt_key == SECRET.encode()
    assert cfg.jwt_aud == "my-audience" and cfg.jwt_role_claim_key == ".app.role"
    assert cfg.server_port == 4000 and cfg.log_level == "info"
    assert cfg.app_settings == {"tenant": "acme # not a comment"}


def test_defaults(tmp_path):
    cfg = config.load(write(tmp_path, ""), environ={})
    assert cfg.db_schemas == ["public"] and cfg.db_extra_search_path == ["public"]
    assert cfg.db_anon_role is None and cfg.db_max_rows is None
    assert cfg.db_pool == 10 and cfg.db_tx_end == "commit" and cfg.server_port == 3000
    assert cfg.jwt_role_claim_key == ".role"


def test_env_interpolation(tmp_path):
    cfg = config.load(write(tmp_path, 'db-uri = "postgres://$(DB_USER)@$(DB_HOST)/x"\n'),
                      environ={"DB_USER": "me", "DB_HOST": "127.0.0.1"})
    assert cfg.db_uri == "postgres://me@127.0.0.1/x"


def test_secret_from_file(tmp_path):
    (tmp_path / "secret").write_text(SECRET + "\n")
    (tmp_path / "uri").write_text("postgres://u@127.0.0.1/db\n")
    cfg = config.load(write(tmp_path, f'jwt-secret = "@{tmp_path}/secret"\ndb-uri = "@{tmp_path}/uri"\n'),
                      environ={})
    assert cfg.jwt_secret == SECRET and cfg.db_uri == "postgres://u@127.0.0.1/db"


def test_pgrst_environment_overrides_the_file(tmp_path):
    cfg = config.load(write(tmp_path, 'db-schemas = "api"\nserver-port = 4000\n'),
                      environ={"PGRST_DB_SCHEMAS": "env_schema", "PGRST_SERVER_PORT": "5000",
                               "PGRST_JWT_SECRET": SECRET, "PGRST_APP_SETTINGS_REGION": "eu",
                               "PGRST_DB_ANON_ROLE": "web_anon"})
    assert cfg.db_schemas == ["env_schema"] and cfg.server_port == 5000
    assert cfg.jwt_secret == SECRET and cfg.app_settings == {"region": "eu"} and cfg.db_anon_role == "web_anon"


def test_aliases(tmp_path):
    cfg = config.load(write(tmp_path, 'db-schema = "api"\nmax-rows = 5\npre-request = "check"\n'
                                      'role-claim-key = ".r"\n'), environ={})
    assert cfg.db_schemas == ["api"] and cfg.db_max_rows == 5
    assert cfg.db_pre_request == "check" and cfg.jwt_role_claim_key == ".r"


def test_base64_secret(tmp_path):
    import base64

    encoded = base64.b64encode(SECRET.encode()).decode()
    cfg = config.load(write(tmp_path, f'jwt-secret = "{encoded}"\njwt-secret-is-base64 = true\n'), environ={})
    assert cfg.jwt_key == SECRET.encode()


@pytest.mark.parametrize("text, message", [
    ('jwt-secret = "short"\n', "at least 32 characters"),
    ('db-tx-end = "sometimes"\n', "db-tx-end"),
    ("db-pool = many\n", "db-pool"),
    ('db-uri "missing equals"\n', "expected key = value"),
    ('jwt-secret = "@/nonexistent/secret"\n', "cannot read"),
])
def test_invalid_configs_are_refused(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        config.load(write(tmp_path, text), environ={})


def test_the_project_postgrest_conf_parses(tmp_path):
    root = Path(__file__).resolve().parents[2]
    cfg = config.load(root / "postgrest.conf", environ={"PGRST_JWT_SECRET": SECRET})
    assert cfg.db_schemas == ["public"] and cfg.server_port == 54321 and cfg.db_anon_role == "anon"
    assert cfg.db_extra_search_path == ["public", "extensions"]


def test_role_claim_key_paths():
    from avenir_gateway.auth import _follow, parse_role_claim_key

    claims = {"app": {"roles": ["viewer", "admin_x"]}, "a.b": {"role": "dotted"}, "role": "plain"}
    assert _follow(claims, parse_role_claim_key(".role")) == "plain"
    assert _follow(claims, parse_role_claim_key(".app.roles[1]")) == "admin_x"
    assert _follow(claims, parse_role_claim_key('."a.b".role')) == "dotted"
    assert _follow(claims, parse_role_claim_key('.app.roles[?(@ ^== "admin")]')) == "admin_x"
    assert _follow(claims, parse_role_claim_key(".missing.role")) is None


def test_the_product_config_keeps_connections_for_the_form_and_traces_refused_form_calls(tmp_path):
    # Issue 10 items 3 and 6 as `avenir up` runs them: a share of the pool for lead capture, and the
    # hook that logs a submit_lead the gateway refuses before it runs.
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "secret").write_text(SECRET)
    cfg = config.load(root / "postgrest.conf", {"PGRST_JWT_SECRET": f"@{tmp_path / 'secret'}"})
    assert 0 < cfg.db_pool_reserved < cfg.db_pool
    assert cfg.db_pool_reserved_paths == ["/rpc/submit_lead"]
    assert cfg.db_rejected_rpc_hook == "gateway_hooks.rejected_rpc"


def test_the_search_path_names_each_schema_once():
    # PostgREST's search_path for a request on an extra schema: the request's schema first, no repeat.
    from avenir_gateway.transaction import _search_path
    assert _search_path(("public", "public", "extensions")) == '"public", "extensions"'
    assert _search_path(("gw", "public", "extensions")) == '"gw", "public", "extensions"'


def test_hoisted_setting_names_are_matched_in_lower_case(tmp_path):
    # pg_proc.proconfig names are lower case; the file may spell them as the docs do.
    text = f'jwt-secret = "{SECRET}"\ndb-hoisted-tx-settings = "Statement_Timeout, WORK_MEM"\n'
    cfg = config.load(write(tmp_path, text), environ={})
    assert cfg.db_hoisted_tx_settings == ["statement_timeout", "work_mem"]
