"""The newcomer's first minute: one is_test demo client, created once, its key kept 0600, and
curl snippets whose payloads the database accepts."""

import json
import shlex
import stat

import psycopg
import pytest

from avenir.local import demo


@pytest.fixture
def demo_client(cluster, db_url):
    yield
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("delete from public.clients where email = %s", [demo.DEMO_EMAIL])
        conn.execute("delete from private.login_attempts where email = %s", [demo.DEMO_EMAIL])
    for name in ("demo_api_key", "demo_password"):
        (cluster.secrets_dir / name).unlink(missing_ok=True)


@pytest.mark.usefixtures("demo_client")
def test_demo_client_is_created_once_and_its_key_kept_private(cluster, db_url, rpc):
    key = demo.ensure_demo_client(cluster)
    assert demo.ensure_demo_client(cluster) == key
    key_file = cluster.secrets_dir / "demo_api_key"
    assert key_file.read_text() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("select is_test from clients where email = %s", [demo.DEMO_EMAIL]).fetchall()
    assert rows == [(True,)]
    login = rpc("anon", "select login(%s, %s) as r", [demo.DEMO_EMAIL, demo.demo_password(cluster)])
    assert login.body["token_type"] == "bearer"


@pytest.mark.usefixtures("demo_client")
def test_a_lost_key_file_gets_a_fresh_key_and_the_old_one_stops(cluster, rpc):
    old_key = demo.ensure_demo_client(cluster)
    (cluster.secrets_dir / "demo_api_key").unlink()
    new_key = demo.ensure_demo_client(cluster)
    assert new_key != old_key
    submit = "select submit_lead(%s, 'Ann', 'ann@lead.test', 'Hello') as r"
    assert rpc("anon", submit, [old_key]).body["code"] == "PT401"
    assert rpc("anon", submit, [new_key]).body["status"] == "received"


@pytest.mark.usefixtures("demo_client")
def test_first_minute_prints_curls_whose_payloads_work(cluster, rpc):
    key = demo.ensure_demo_client(cluster)
    text = demo.first_minute("http://127.0.0.1:54321", key, demo.demo_password(cluster), "ANON.KEY")
    assert "curl -s -X POST http://127.0.0.1:54321/rest/v1/rpc/submit_lead" in text
    assert "http://127.0.0.1:54321/rest/v1/rpc/login" in text
    assert "http://127.0.0.1:54321/rest/v1/lead_memory?" in text
    assert 'Authorization: Bearer $TOKEN' in text and "apikey: ANON.KEY" in text
    payloads = [json.loads(shlex.split(line)[1]) for line in text.splitlines() if line.strip().startswith("-d ")]
    lead, login = payloads[0], payloads[1]
    assert lead["api_key"] == key
    submitted = rpc("anon", "select submit_lead(%(api_key)s, %(name)s, %(email)s, %(message)s) as r", lead)
    assert submitted.body["status"] == "received"
    assert "access_token" in rpc("anon", "select login(%(email)s, %(password)s) as r", login).body
