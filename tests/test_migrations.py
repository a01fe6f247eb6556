"""The sqitch project: complete, one definition per object, and reversible."""

import hashlib
import re
import subprocess
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
        # A change that only removes what an earlier one created says so instead of including.
        assert includes or "-- No definition file:" in script, \
            f"deploy/{change}.sql must include its definitions from db/, functions/, ..."
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


def test_changes_since_the_release_have_deploy_scripts_of_their_own():
    # sqitch records each deployed script's hash and refuses a second change with the same one
    # (changes_project_script_hash_key): a rework whose script is still the released one's would
    # fail on every database deployed at the tag (scripts/sqitch-rework adds a line against it).
    lines = (MIGRATIONS / "sqitch.plan").read_text().splitlines()
    tag_at = max(i for i, line in enumerate(lines) if line.startswith("@"))
    after_tag = [line.split()[0] for line in lines[tag_at + 1:] if line.strip() and not line.startswith("#")]
    release = subprocess.run([str(MIGRATIONS.parent / "scripts" / "release-commit")], check=True,
                             capture_output=True, text=True).stdout.split()[1]
    released = {}
    for change in set(plan_changes()):
        shown = subprocess.run(["git", "-C", str(MIGRATIONS), "show", f"{release}:migrations/deploy/{change}.sql"],
                               capture_output=True)
        if shown.returncode == 0:
            released[hashlib.sha1(shown.stdout).hexdigest()] = change
    for change in after_tag:
        digest = hashlib.sha1((MIGRATIONS / "deploy" / f"{change}.sql").read_bytes()).hexdigest()
        assert digest not in released, (
            f"deploy/{change}.sql is byte for byte the released deploy/{released[digest]}.sql: "
            "sqitch cannot record both; say in it what the rework changes")
