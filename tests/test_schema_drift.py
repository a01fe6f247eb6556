"""Schema drift: the database the migrations give an existing installation is the one the files describe.

Graphile-worker's CI check, for sqitch: deploy the last release (the plan's last @tag, taken from
git as scripts/sqitch-rework finds it), upgrade it with the current plan, and compare its catalogue
with a fresh deploy of the current tree. A file of db/, functions/, policies/ or cron/ edited
without a migration (a rework or a new change) changes the fresh deploy only, and this fails.
Runs on its own throwaway cluster: pg_cron lives in one database only, the one deploys target.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from avenir.local.cluster import Cluster, free_port

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_SQL = Path(__file__).parent / "setup" / "drift_catalogue.sql"
SCHEMA_DIRS = ("migrations", "db", "functions", "policies", "cron")


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def last_tag() -> str:
    tags = [line.split()[0] for line in (ROOT / "migrations" / "sqitch.plan").read_text().splitlines()
            if line.startswith("@")]
    assert tags, "the plan has no release tag"
    return tags[-1]


def deploy_scripts(plan: Path) -> list[str]:
    """The deploy script of each change in plan order: a change reworked later runs, at its first
    place, the copy frozen at the next tag (deploy/<change>@<tag>.sql), as sqitch does."""
    entries = [line.split()[0] for line in plan.read_text().splitlines()
               if line.strip() and not line.startswith(("%", "#"))]
    scripts = []
    for i, name in enumerate(entries):
        if name.startswith("@"):
            continue
        if name in entries[i + 1:]:
            tag = next(e for e in entries[i + 1:] if e.startswith("@"))
            scripts.append(f"{name}{tag}")
        else:
            scripts.append(name)
    return scripts


def release_commit(tag: str) -> str:
    # scripts/release-commit finds it as scripts/sqitch-rework does: one rule for "the release".
    released_tag, commit = subprocess.run([str(ROOT / "scripts" / "release-commit")], check=True,
                                          capture_output=True, text=True).stdout.split()
    assert released_tag == tag, (released_tag, tag)
    return commit


class DriftCluster:
    """A throwaway cluster whose one database is rebuilt from scratch for every deploy."""

    def __init__(self, root: Path):
        self.cluster = Cluster(root=root, port=free_port(), durable=False)

    def env(self) -> dict[str, str]:
        return {**os.environ, **self.cluster.libpq_env(),
                "SQITCH_USER_NAME": "avenir", "SQITCH_USER_EMAIL": "avenir@localhost"}

    def recreate_database(self) -> None:
        for tool in (["dropdb", "--if-exists", "--force"], ["createdb"]):
            subprocess.run([*tool, "--maintenance-db=postgres", self.cluster.dbname],
                           env=self.env(), check=True, capture_output=True)

    def sqitch(self, tree: Path, *args: str) -> None:
        c = self.cluster
        target = f"db:pg://postgres@{c.host}:{c.port}/{c.dbname}"
        result = subprocess.run(["sqitch", *args, target], cwd=tree / "migrations",
                                env=self.env(), capture_output=True, text=True)
        assert result.returncode == 0, f"sqitch {args} from {tree} failed:\n{result.stdout}{result.stderr}"

    def psql_deploy(self, tree: Path) -> None:
        """Every deploy script of the plan, in order, in one psql session: what `sqitch deploy`
        runs (a psql per change), without its per-change cost."""
        script = "".join(f"\\ir deploy/{name}.sql\n" for name in deploy_scripts(tree / "migrations" / "sqitch.plan"))
        result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"], input=script,
                                cwd=tree / "migrations", env=self.env(), capture_output=True, text=True)
        assert result.returncode == 0, f"deploying {tree} failed:\n{result.stderr}"

    def catalogue(self) -> str:
        dump = subprocess.run(["pg_dump", "--schema-only", "--exclude-schema=sqitch"],
                              env=self.env(), capture_output=True, text=True)
        assert dump.returncode == 0, dump.stderr
        extra = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(CATALOGUE_SQL)],
                               env=self.env(), capture_output=True, text=True)
        assert extra.returncode == 0, extra.stderr
        return normalise(dump.stdout) + extra.stdout


def normalise(dump: str) -> str:
    """pg_dump's text without what differs between two identical schemas (comments, blank lines)."""
    lines = [line for line in dump.splitlines()
             if line.strip() and not line.startswith("--") and not re.match(r"^\\(un)?restrict ", line)]
    return "\n".join(lines) + "\n"


def export_tree(commit: str, dest: Path) -> Path:
    """The schema files of a commit (git archive), as a directory sqitch can deploy from."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, *SCHEMA_DIRS],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def copy_working_tree(dest: Path) -> Path:
    for d in SCHEMA_DIRS:
        shutil.copytree(ROOT / d, dest / d)
    return dest


@pytest.fixture(scope="module")
def drift() -> Iterator[DriftCluster]:
    root = Path(tempfile.mkdtemp(prefix="avenir-drift-"))
    root.chmod(0o755)  # mkdtemp makes it 0700; the postgres OS user must reach the cluster in it
    dc = DriftCluster(root / "cluster")
    try:
        dc.cluster.init()
        dc.cluster.start()
        yield dc
    finally:
        dc.cluster.destroy()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def upgraded_catalogue(drift: DriftCluster, tmp_path_factory) -> str:
    """The last release deployed from git, then the current plan deployed on top."""
    release = export_tree(release_commit(last_tag()), tmp_path_factory.mktemp("release") / "tree")
    drift.recreate_database()
    # The release as an installation has it: its scripts run, then recorded in sqitch's registry
    # (--log-only) so that the real `sqitch deploy` below upgrades it as it would upgrade a customer's.
    drift.psql_deploy(release)
    drift.sqitch(release, "deploy", "--log-only")
    drift.sqitch(ROOT, "deploy")
    return drift.catalogue()


def fresh_catalogue(drift: DriftCluster, tree: Path) -> str:
    drift.recreate_database()
    drift.psql_deploy(tree)
    return drift.catalogue()


def drift_report(upgraded: str, fresh: str) -> str:
    return "".join(difflib.unified_diff(upgraded.splitlines(True), fresh.splitlines(True),
                                        "upgraded from the last release", "fresh deploy of the files", n=2))


def test_upgrading_the_last_release_gives_the_schema_the_files_describe(drift, upgraded_catalogue):
    fresh = fresh_catalogue(drift, ROOT)
    assert upgraded_catalogue == fresh, (
        "the migrations do not bring a released database to what db/, functions/, policies/ and cron/ "
        "describe: an edited file needs `scripts/sqitch-rework <change>` or a new change\n"
        + drift_report(upgraded_catalogue, fresh))


def test_a_function_file_edited_without_its_migration_is_caught(drift, upgraded_catalogue, tmp_path):
    # functions/errors.sql is included by api_errors only, a released change that no later change
    # reworks: editing it without a migration leaves the upgrade path as it is.
    tree = copy_working_tree(tmp_path / "tree")
    after_tag = (tree / "migrations" / "sqitch.plan").read_text().split(f"\n{last_tag()} ", 1)[1]
    assert not re.search(r"^api_errors ", after_tag, flags=re.M), "api_errors was reworked: pick another file"
    errors = tree / "functions" / "errors.sql"
    errors.write_text(errors.read_text().replace(
        "set_config('response.status', status::text, true);",
        "set_config('response.status', (status + 0)::text, true);"))
    fresh = fresh_catalogue(drift, tree)
    report = drift_report(upgraded_catalogue, fresh)
    assert "(status + 0)" in report, "an edit of functions/errors.sql without a rework went unnoticed"
