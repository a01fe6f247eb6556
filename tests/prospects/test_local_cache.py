"""The `make up` cluster follows the deployment rule of the prospect HNSW index: shared_buffers
sized to hold it (AVENIR_SHARED_BUFFERS or a quarter of the machine's memory), pg_prewarm preloaded
where the server ships it, and `avenir up` reading the index into shared_buffers or saying it
does not fit."""

import os
import pwd
import tempfile
from pathlib import Path

import psycopg
import pytest

from avenir.errors import AvenirError
from avenir.local import commands
from avenir.local.cluster import Cluster, local_shared_buffers


def test_the_default_is_a_quarter_of_the_machines_memory_within_bounds(monkeypatch):
    monkeypatch.delenv("AVENIR_SHARED_BUFFERS", raising=False)
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    assert local_shared_buffers() == f"{min(8192, max(256, memory_mb // 4))}MB"


def test_avenir_shared_buffers_is_taken_as_written_and_checked(monkeypatch):
    for value in ("2GB", "512MB", "131072kB"):
        monkeypatch.setenv("AVENIR_SHARED_BUFFERS", value)
        assert local_shared_buffers() == value
    for value in ("2gb", "lots", "12", "1.5GB", "0MB", "512kB"):
        monkeypatch.setenv("AVENIR_SHARED_BUFFERS", value)
        with pytest.raises(AvenirError, match="AVENIR_SHARED_BUFFERS"):
            local_shared_buffers()


def test_the_local_cluster_is_configured_with_them(monkeypatch, tmp_path):
    monkeypatch.setenv("AVENIR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AVENIR_SHARED_BUFFERS", "3GB")
    cluster = commands.local_cluster()
    assert (cluster.shared_buffers, cluster.autoprewarm) == ("3GB", True)
    cluster.datadir.mkdir(parents=True)
    pw = pwd.getpwnam("postgres")
    os.chown(cluster.datadir, pw.pw_uid, pw.pw_gid)
    cluster.write_settings()
    conf = (cluster.datadir / "avenir.conf").read_text()
    assert "shared_buffers = 3GB\n" in conf
    shipped = (cluster.bin_dir.parent / "lib" / "pg_prewarm.so").exists()
    preload = "pg_cron,pg_stat_statements" + (",pg_prewarm" if shipped else "")
    assert f"shared_preload_libraries = '{preload}'\n" in conf
    # Throwaway clusters (tests, bench) keep their own small default and no preload.
    throwaway = Cluster(root=Path(tmp_path / "t"), port=1, durable=False)
    assert (throwaway.shared_buffers, throwaway.preload_libraries()) == ("256MB", ["pg_cron", "pg_stat_statements"])


def test_up_reads_the_index_into_shared_buffers_with_pg_prewarm(cluster, db_url):
    with psycopg.connect(db_url) as conn:
        offered = conn.execute("select exists (select from pg_available_extensions where name = 'pg_prewarm')"
                               ).fetchone()[0]
        installed = conn.execute("select exists (select from pg_extension where extname = 'pg_prewarm')"
                                 ).fetchone()[0]
        assert installed == offered
        if installed:  # reading whole relations into memory is not an API role's call
            assert not conn.execute(
                "select bool_or(has_function_privilege(r, "
                "'extensions.pg_prewarm(regclass, text, text, bigint, bigint)', 'execute')) "
                "from unnest(array['anon', 'authenticated', 'service_role']) r").fetchone()[0]
    note = commands.prewarm_prospect_index(cluster)
    # The test cluster's 256MB hold the (small) test index.
    assert note.startswith("prospect HNSW indexes ")
    assert ("read into shared_buffers (256 MB) by pg_prewarm" in note) == offered


def test_up_says_when_the_index_does_not_fit():
    assert commands.index_cache_warning(391 * 2 ** 20, 4 * 2 ** 30) is None
    assert commands.index_cache_warning(1_600_000_000, 256 * 2 ** 20) == (
        "warning: the prospect HNSW indexes (1.5 GB) are larger than shared_buffers (256 MB): "
        "set AVENIR_SHARED_BUFFERS above them, then make down && make up")


def test_a_cluster_with_autoprewarm_starts_with_its_worker():
    from avenir.local.cluster import free_port

    # Under /tmp as the test cluster is (pytest's tmp_path is not traversable by the postgres user).
    cluster = Cluster(root=Path(tempfile.mkdtemp(prefix="avenir-prewarm-")), port=free_port(), durable=False,
                      shared_buffers="300MB", autoprewarm=True)
    try:
        cluster.init()
        cluster.start()
        with psycopg.connect(cluster.url(dbname="postgres")) as conn:
            assert conn.execute("show shared_buffers").fetchone()[0] == "300MB"
        # The leader attaches to no database, so pg_stat_activity does not list it: the postmaster's
        # children do.
        postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                    children.append((stat.parent / "cmdline").read_bytes().decode(errors="replace"))
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
        assert any("autoprewarm leader" in c for c in children) == ("pg_prewarm" in cluster.preload_libraries())
    finally:
        cluster.destroy()
