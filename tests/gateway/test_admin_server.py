"""The admin server (admin-server-port) over real HTTP, on gateways of their own: health answers (/live,
/ready, including a database that goes away and one that never answered), Prometheus metrics that move
with the pool and the schema cache, the configuration with its secrets masked, the schema cache as JSON."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from gateway_process import GatewayProcess, start_gateway
from gw_config import gateway_config
from tcp_proxy import TcpProxy
from worker_process import wait_for

from avenir.local import configure
from avenir.local.cluster import free_port
from avenir.local.paths import project_root
from avenir_gateway.config import build, dump_text, parse_text
from avenir_gateway.errors import ConfigError

SAMPLE = re.compile(r"^([a-z_]+)(\{[^}]*\})? (\S+)$")


def metrics(admin: httpx.Client) -> dict[str, float]:
    """`name{labels}` -> value of the Prometheus text; every sample line must parse."""
    r = admin.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    values = {}
    for line in r.text.splitlines():
        if line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, line
        values[match.group(1) + (match.group(2) or "")] = float(match.group(3))
    return values


@pytest.fixture(scope="module")
def proxied(cluster, gw_workdir, jwt_secret_file, fixture_schema) -> Iterator[tuple[GatewayProcess, TcpProxy, str]]:
    """A gateway reaching the database through a relay the tests can cut, with an admin port."""
    proxy = TcpProxy(free_port(), (cluster.host, cluster.port))
    proxy.start()
    uri = configure.authenticator_url(cluster).replace(f":{cluster.port}/", f":{proxy.listen_port}/")
    port, admin_port = free_port(), free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{
        "db-uri": f'"{uri}"', "db-pool": "1", "db-pool-acquisition-timeout": "2",
        "admin-server-port": str(admin_port), "app.settings.partner_api_key": '"kept-out-of-sight-42"'})
    gw = start_gateway(text, gw_workdir, port, env={"GW_TEST_GREETING": "the environment"}, name="admin")
    try:
        yield gw, proxy, f"http://127.0.0.1:{admin_port}"
    finally:
        gw.stop()
        proxy.stop()


@pytest.fixture
def admin(proxied) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=proxied[2], timeout=30) as c:
        assert wait_for(lambda: c.get("/ready").status_code == 200)  # a test before may have cut the database
        yield c


def test_live_and_ready_answer_200_with_an_empty_body(admin):
    for path in ("/live", "/ready"):
        r = admin.get(path)
        assert (r.status_code, r.content) == (200, b"")
        head = admin.head(path)
        assert head.status_code == 200
        assert head.content == b""


def test_unknown_paths_are_404_and_any_method_is_answered_as_get(admin):
    for path in ("/", "/nothing", "/live/", "/metrics/extra", "/books"):
        assert admin.get(path).status_code == 404, path
    assert admin.post("/live").status_code == 200  # as PostgREST's admin server: the method is not looked at
    assert admin.get("/live?verbose=1").status_code == 200  # the query string is not part of the path


def test_head_answers_the_get_headers_without_the_body(admin):
    get, head = admin.get("/config"), admin.head("/config")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.content))


def test_metrics_carry_postgrest_names_and_follow_schema_cache_loads(admin, db_url):
    r = admin.get("/metrics")
    for name, kind in (("pgrst_schema_cache_query_time_seconds", "gauge"),
                       ("pgrst_schema_cache_loads_total", "counter"), ("pgrst_db_pool_timeouts_total", "counter"),
                       ("pgrst_db_pool_available", "gauge"), ("pgrst_db_pool_waiting", "gauge"),
                       ("pgrst_db_pool_max", "gauge")):
        assert f"# TYPE {name} {kind}\n" in r.text
        assert f"# HELP {name} " in r.text
    before = metrics(admin)
    assert before["pgrst_db_pool_max"] == 1
    assert before['pgrst_schema_cache_loads_total{status="SUCCESS"}'] >= 1
    assert 'pgrst_schema_cache_loads_total{status="FAIL"}' in before
    assert before["pgrst_schema_cache_query_time_seconds"] > 0
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("notify pgrst, 'reload schema'")
    key = 'pgrst_schema_cache_loads_total{status="SUCCESS"}'
    assert wait_for(lambda: metrics(admin)[key] == before[key] + 1)


def test_pool_metrics_follow_a_busy_pool_and_count_timeouts(proxied, admin, token):
    gw = proxied[0]
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    with httpx.Client(base_url=gw.url, timeout=30) as api:
        assert api.get("/books?limit=1").status_code == 200
        before = metrics(admin)
        assert before["pgrst_db_pool_available"] == 1
        assert before["pgrst_db_pool_waiting"] == 0
        slow = threading.Thread(target=lambda: httpx.post(gw.url + "/rpc/slow", json={"seconds": 4}, headers=auth,
                                                          timeout=30))
        slow.start()
        waiting: list[int] = []
        waiter = threading.Thread(
            target=lambda: waiting.append(httpx.get(gw.url + "/books?limit=1", timeout=30).status_code))
        try:
            assert wait_for(lambda: metrics(admin)["pgrst_db_pool_available"] == 0, timeout=3)
            waiter.start()  # the only connection is busy: this request waits out the 2 s acquisition timeout
            assert wait_for(lambda: metrics(admin)["pgrst_db_pool_waiting"] == 1, timeout=3)
            waiter.join()
        finally:
            slow.join()
        assert waiting == [504]
        after = metrics(admin)
        assert after["pgrst_db_pool_timeouts_total"] == before["pgrst_db_pool_timeouts_total"] + 1
        assert after["pgrst_db_pool_waiting"] == 0
        assert wait_for(lambda: metrics(admin)["pgrst_db_pool_available"] == 1)


def test_config_is_the_effective_configuration_without_its_secrets(proxied, admin, cluster, jwt_secret_file):
    r = admin.get("/config")
    assert r.status_code == 200
    for line in r.text.splitlines():
        assert re.match(r'^[a-z0-9.\-_]+ = ("([^"\\]|\\.)*"|-?[0-9.]+|true|false)$', line), line
    values = parse_text(r.text, {})  # postgrest.conf syntax: our own reader reads it back
    admin_port = proxied[2].rsplit(":", 1)[1]
    assert values["db-pool"] == "1"
    assert values["db-pool-acquisition-timeout"] == "2"
    assert values["db-schemas"] == "gw,gw_other"
    assert values["admin-server-port"] == admin_port
    assert values["admin-server-host"] == "127.0.0.1"  # unset: server-host's
    assert values["db-max-rows"] == "50"
    assert values["server-workers"] == "1"
    assert values["app.settings.greeting"] == "hello from the environment"
    # Secrets: the JWT secret, the password in db-uri, an app setting named like a key.
    jwt_secret = jwt_secret_file.read_text().strip()
    password = configure.authenticator_password(cluster)
    assert jwt_secret not in r.text
    assert password not in r.text
    assert "kept-out-of-sight-42" not in r.text
    assert values["jwt-secret"] == "********"
    assert values["app.settings.partner_api_key"] == "********"
    assert values["db-uri"].startswith("postgresql://authenticator:********@")


def test_schema_cache_is_json_of_the_loaded_relations_and_functions(admin):
    r = admin.get("/schema_cache")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    cache = r.json()
    books = cache["relations"]["gw.books"]
    assert books["schema"] == "gw"
    assert books["primary_key"] == ["id"]
    assert "title" in books["columns"]
    assert "gw.slow" in cache["functions"]


def test_ready_is_503_while_the_database_is_away_and_200_when_it_is_back(proxied, admin):
    gw, proxy, _ = proxied
    proxy.stop()
    try:
        assert wait_for(lambda: admin.get("/ready").status_code == 503)
        assert admin.get("/live").status_code == 200  # the process still serves
        with httpx.Client(base_url=gw.url, timeout=30) as api:
            assert api.get("/books?limit=1").status_code == 503
    finally:
        proxy.start()
    assert wait_for(lambda: admin.get("/ready").status_code == 200)


@pytest.fixture(scope="module")
def unreachable(gw_workdir, jwt_secret_file, cluster) -> Iterator[str]:
    """A gateway whose database port is closed from the start: it never loads a schema cache."""
    closed = free_port()
    uri = configure.authenticator_url(cluster).replace(f":{cluster.port}/", f":{closed}/")
    port, admin_port = free_port(), free_port()
    path = gw_workdir / "admin-unreachable.conf"
    path.write_text(gateway_config(cluster, port, jwt_secret_file, **{"db-uri": f'"{uri}"',
                                                                        "admin-server-port": str(admin_port)}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PGRST_")}
    with (gw_workdir / "admin-unreachable.log").open("ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "avenir.cli", "gateway", "--config", str(path)],
                                   cwd=project_root(), env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{admin_port}"

    def answers() -> bool:
        try:
            return httpx.get(url + "/live", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    try:
        assert wait_for(answers), (gw_workdir / "admin-unreachable.log").read_text()[-2000:]
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_ready_is_503_when_the_database_never_answered(unreachable):
    with httpx.Client(base_url=unreachable, timeout=30) as admin:
        assert admin.get("/live").status_code == 200
        assert admin.get("/ready").status_code == 503
        r = admin.get("/schema_cache")
        assert (r.status_code, r.content) == (200, b"")  # no cache yet: an empty body
        values = metrics(admin)
        assert values['pgrst_schema_cache_loads_total{status="SUCCESS"}'] == 0
        assert values["pgrst_db_pool_available"] == 0


def test_with_several_workers_one_admin_server_answers(cluster, gw_workdir, jwt_secret_file, fixture_schema):
    port, admin_port = free_port(), free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{"server-workers": "2", "db-pool": "2",
                                                             "admin-server-port": str(admin_port)})
    gw = start_gateway(text, gw_workdir, port, name="admin-workers")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{admin_port}", timeout=30) as admin:
            assert wait_for(lambda: admin.get("/ready").status_code == 200)
            assert metrics(admin)["pgrst_db_pool_max"] == 2  # the serving worker's own pool
            assert "server-workers = 2\n" in admin.get("/config").text
    finally:
        gw.stop()


def test_the_admin_port_cannot_be_the_api_port():
    with pytest.raises(ConfigError, match="admin-server-port"):
        build({"server-port": "3100", "admin-server-port": "3100"})
    assert build({"server-port": "3100", "admin-server-port": "3101"}).admin_server_port == 3101
    assert build({"server-port": "3100"}).admin_server_port is None


@pytest.mark.parametrize("conninfo", [
    "postgresql://authenticator:pa55-word@db.local:5432/app",
    "postgres://authenticator:pa55-word@db.local/app?sslmode=require",
    "postgresql://authenticator@db.local/app?password=pa55-word&sslmode=require",
    "host=db.local user=authenticator password=pa55-word dbname=app",
    "host=db.local password = 'pa55-word and more' dbname=app",
])
def test_every_form_of_db_uri_has_its_password_masked(conninfo):
    text = dump_text(build({"db-uri": conninfo}))
    line = next(x for x in text.splitlines() if x.startswith("db-uri = "))
    assert "pa55-word" not in line
    assert "********" in line
    assert "db.local" in line  # the rest is shown


def test_waiting_counts_requests_queued_for_the_shared_part_of_a_reserved_pool(cluster, gw_workdir,
                                                                              jwt_secret_file, fixture_schema,
                                                                              token):
    port, admin_port = free_port(), free_port()
    text = gateway_config(cluster, port, jwt_secret_file, **{
        "db-pool": "2", "db-pool-reserved": "1", "db-pool-reserved-paths": '"/rpc/add"',
        "db-pool-acquisition-timeout": "2", "admin-server-port": str(admin_port)})
    gw = start_gateway(text, gw_workdir, port, name="admin-reserved")
    auth = {"Authorization": f"Bearer {token('service_role')}"}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{admin_port}", timeout=30) as admin:
            slow = threading.Thread(target=lambda: httpx.post(gw.url + "/rpc/slow", json={"seconds": 4},
                                                              headers=auth, timeout=30))
            slow.start()
            waiting: list[int] = []
            try:
                # The slow call holds the only shared connection; the reserved one stays idle.
                assert wait_for(lambda: metrics(admin)["pgrst_db_pool_available"] == 1, timeout=3)
                waiter = threading.Thread(
                    target=lambda: waiting.append(httpx.get(gw.url + "/books?limit=1", timeout=30).status_code))
                waiter.start()
                assert wait_for(lambda: metrics(admin)["pgrst_db_pool_waiting"] == 1, timeout=3)
                waiter.join()
            finally:
                slow.join()
            assert waiting == [504]
            values = metrics(admin)
            assert values["pgrst_db_pool_waiting"] == 0
            assert values["pgrst_db_pool_timeouts_total"] == 1
    finally:
        gw.stop()
