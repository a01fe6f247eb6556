"""The `avenir` CLI answers expected failures with one clear line, never a traceback."""

import os
import socket
import subprocess
import sys

import pytest


def avenir(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "avenir.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_help_lists_the_commands():
    result = avenir("--help")
    assert result.returncode == 0
    for command in ("up", "down", "status", "migrate", "cron", "gateway", "worker", "web", "tracking", "outreach"):
        assert command in result.stdout


def test_outreach_ingest_without_a_source_or_gmail_settings_is_a_clear_error():
    neither = avenir("outreach", "ingest")
    assert neither.returncode == 1 and "give either FILE (or -) or --gmail" in neither.stderr
    gmail = avenir("outreach", "ingest", "--gmail", env={"AVENIR_GMAIL_API_URL": "", "AVENIR_GMAIL_ACCESS_TOKEN": ""})
    assert gmail.returncode == 1 and "AVENIR_GMAIL_API_URL" in gmail.stderr
    assert "Traceback" not in neither.stderr + gmail.stderr


def test_tracking_without_a_database_url_is_a_clear_error():
    result = avenir("tracking", env={"AVENIR_DB_URL": ""})
    assert result.returncode == 1
    assert "AVENIR_DB_URL is not set" in result.stderr and "Traceback" not in result.stderr


def test_status_env_of_a_stopped_system_is_a_clear_error(tmp_path):
    result = avenir("status", "-o", "env", env={"AVENIR_HOME": str(tmp_path / "home")})
    assert result.returncode == 1
    assert "not running" in result.stderr and "make up" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def taken_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_up_on_a_taken_port_is_a_clear_error(tmp_path, taken_port):
    home = tmp_path / "home"
    result = avenir("up", env={"AVENIR_HOME": str(home), "AVENIR_DB_PORT": str(taken_port)})
    assert result.returncode == 1
    assert f"port {taken_port}" in result.stderr and "already in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "pgdata").exists(), "nothing is created when the port is taken"


def test_a_project_dir_without_migrations_is_a_clear_error(tmp_path):
    result = avenir("migrate", "status", env={"AVENIR_PROJECT_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert f"AVENIR_PROJECT_DIR={tmp_path} holds no migrations/sqitch.plan" in result.stderr
    assert "Traceback" not in result.stderr
