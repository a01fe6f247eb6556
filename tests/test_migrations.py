"""The sqitch project: complete, one definition per object, and reversible."""

import re
from pathlib import Path

from avenir.local import migrations

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def plan_changes() -> list[str]:
    lines = (MIGRATIONS / "sqitch.plan").read_text().splitlines()
    return [line.split()[0] for line in lines
            if line.strip() and not line.startswith(("%", "#", "@"))]


def test_every_change_has_deploy_revert_and_verify():
    for change in plan_changes():
        for kind in ("deploy", "revert", "verify"):
            assert (MIGRATIONS / kind / f"{change}.sql").is_file(), f"{kind}/{change}.sql is missing"


def test_deploy_scripts_include_the_declarative_files_that_exist():
    for change in plan_changes():
        script = (MIGRATIONS / "deploy" / f"{change}.sql").read_text()
        includes = re.findall(r"^\\ir\s+(\S+)", script, flags=re.M)
        assert includes, f"deploy/{change}.sql must include its definitions from db/, functions/, ..."
        for include in includes:
            assert (MIGRATIONS / "deploy" / include).resolve().is_file(), f"{change}: {include} not found"


def test_round_trip_deploys_reverts_and_redeploys_every_change(cluster):
    log = cluster.migration_log
    for change in plan_changes():
        line = rf"{re.escape(change)}( @\S+)? \.+ ok"  # a change carrying a tag is logged with it
        assert re.search(rf"\+ {line}", log["deploy"]), change
        assert re.search(rf"- {line}", log["revert"]), change
        assert re.search(rf"\+ {line}", log["redeploy"]), change


def test_deployed_database_verifies(cluster):
    assert "Verify successful" in migrations.verify(cluster)


def test_nothing_left_to_deploy(cluster):
    assert "Nothing to deploy" in migrations.sqitch(cluster, "deploy").stdout
