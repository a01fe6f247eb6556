"""A project-local PostgreSQL 15 cluster run as the `postgres` OS user.

The same code serves `avenir up` (state under .avenir/, port 54322) and the test run (a
throwaway directory on a free port). PostgreSQL refuses to run as root, so every server
command goes through `runuser -u postgres`.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import python_udfs
from avenir_gateway.sql_files import NamedQueries

from ..errors import AvenirError
from .paths import MARKER

PG_BIN = Path("/usr/lib/postgresql/15/bin")
OS_USER = "postgres"
SUPERUSER = "postgres"
QUERIES = NamedQueries(__package__, "queries.sql")


@dataclass
class Cluster:
    root: Path
    port: int
    dbname: str = "avenir"
    host: str = "127.0.0.1"
    durable: bool = True  # a throwaway test cluster may skip fsync
    bin_dir: Path = PG_BIN  # another installation tree (e.g. one without PL/Python, as on managed hosts)
    # Enough for the schema and the tests; a cluster serving the prospect HNSW index (1.6 GB at
    # 200,000 x 1536 float4) needs it to hold the index, or each query reads its pages through the
    # OS cache: `make up` passes local_shared_buffers(), bench/prospects/bench.py --shared-buffers.
    shared_buffers: str = "256MB"
    # Preload pg_prewarm where the server ships it: its autoprewarm worker records the cached pages
    # and reads them back after a restart (the `make up` cluster; throwaway ones need not).
    autoprewarm: bool = False

    @property
    def datadir(self) -> Path:
        return self.root / "pgdata"

    @property
    def rundir(self) -> Path:
        return self.root / "run"

    @property
    def logfile(self) -> Path:
        return self.rundir / "postgres.log"

    @property
    def secrets_dir(self) -> Path:
        return self.root / "secrets"

    # -- secrets ---------------------------------------------------------------------

    def secret(self, name: str, length: int = 32) -> str:
        """A generated secret, created once and kept 0600 under <root>/secrets/."""
        self.secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.secrets_dir / name
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(length)[:length])
        return path.read_text().strip()

    @property
    def superuser_password(self) -> str:
        return self.secret("superuser_password")

    def url(self, user: str = SUPERUSER, password: str | None = None, dbname: str | None = None) -> str:
        if password is None and user == SUPERUSER:
            password = self.superuser_password
        auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname or self.dbname}"

    def libpq_env(self) -> dict[str, str]:
        """Environment for psql, sqitch and pg_prove (the password never goes on a command line)."""
        return {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGUSER": SUPERUSER,
            "PGPASSWORD": self.superuser_password,
            "PGDATABASE": self.dbname,
        }

    # -- lifecycle -------------------------------------------------------------------

    def is_initialized(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def is_running(self) -> bool:
        if not self.is_initialized():
            return False
        result = self._pg("pg_ctl", "status", "-D", str(self.datadir), check=False)
        return result.returncode == 0

    def init(self) -> None:
        """initdb with a generated superuser password, then write our settings."""
        if self.is_initialized():
            return
        _require_postgres_tools()
        pw = pwd.getpwnam(OS_USER)
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        _require_traversable(self.root)
        for d in (self.datadir, self.rundir):
            d.mkdir(mode=0o700, exist_ok=True)
            os.chown(d, pw.pw_uid, pw.pw_gid)
        pwfile = self.rundir / "initdb.pw"
        pwfile.write_text(self.superuser_password + "\n")
        os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        pwfile.chmod(0o600)
        try:
            self._pg("initdb", "-D", str(self.datadir), "-U", SUPERUSER, "--pwfile", str(pwfile),
                     "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions")
        finally:
            pwfile.unlink(missing_ok=True)
        conf = self.datadir / "postgresql.conf"
        with conf.open("a") as f:
            f.write("\ninclude 'avenir.conf'\n")
        self.write_settings()

    def write_settings(self) -> None:
        settings = {
            "listen_addresses": f"'{self.host}'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.rundir}'",
            "shared_preload_libraries": "'" + ",".join(self.preload_libraries()) + "'",
            "cron.database_name": f"'{self.dbname}'",
            # pg_cron runs jobs in background workers: no libpq login, so no password needed.
            "cron.use_background_workers": "on",
            "max_worker_processes": "32",
            "max_connections": "200",
            "shared_buffers": self.shared_buffers,
            # Logical replication feeds the failover database; changing it needs a restart.
            "wal_level": "logical",
            "max_replication_slots": "10",
            "max_wal_senders": "10",
            "log_line_prefix": "'%m [%p] %q%u@%d '",
        }
        if not self.durable:
            settings.update({"fsync": "off", "full_page_writes": "off"})
        body = "".join(f"{k} = {v}\n" for k, v in settings.items())
        path = self.datadir / "avenir.conf"
        path.write_text("# Written by avenir; edit sidecar/avenir/local/cluster.py instead.\n" + body)
        pw = pwd.getpwnam(OS_USER)
        os.chown(path, pw.pw_uid, pw.pw_gid)

    def preload_libraries(self) -> list[str]:
        libraries = ["pg_cron", "pg_stat_statements"]
        if self.autoprewarm and (self.bin_dir.parent / "lib" / "pg_prewarm.so").exists():
            libraries.append("pg_prewarm")
        return libraries

    def start(self) -> None:
        if self.is_running():
            return
        if port_in_use(self.host, self.port):
            raise AvenirError(
                f"port {self.port} on {self.host} is already in use by another program; "
                f"stop it or choose another port (AVENIR_DB_PORT)")
        self.write_settings()
        env = {"PYTHONPATH": str(_python_path_for_postgres(self.root))}
        result = self._pg("pg_ctl", "start", "-D", str(self.datadir), "-l", str(self.logfile),
                          "-w", "-t", "60", check=False, env=env)
        if result.returncode != 0:
            tail = self.logfile.read_text()[-2000:] if self.logfile.exists() else result.stderr
            raise AvenirError(f"PostgreSQL did not start:\n{tail}")

    def stop(self) -> None:
        if self.is_running():
            self._pg("pg_ctl", "stop", "-D", str(self.datadir), "-m", "fast", "-w")

    def ensure_database(self) -> None:
        import psycopg
        from psycopg import sql
        from psycopg.rows import dict_row

        with psycopg.connect(self.url(dbname="postgres"), autocommit=True, row_factory=dict_row) as conn:
            if not conn.execute(QUERIES["database_exists"], {"dbname": self.dbname}).fetchone()["found"]:
                conn.execute(sql.SQL(QUERIES["create_database"]).format(dbname=sql.Identifier(self.dbname)))

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def _pg(self, tool: str, *args: str, check: bool = True, env: dict[str, str] | None = None):
        full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **(env or {})}
        cmd = ["runuser", "-u", OS_USER, "--", "env", *[f"{k}={v}" for k, v in full_env.items()],
               str(self.bin_dir / tool), *args]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
        if check and result.returncode != 0:
            raise AvenirError(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result


# The `make up` cluster's shared_buffers unless AVENIR_SHARED_BUFFERS says otherwise: a quarter of
# the machine's memory (PostgreSQL's usual advice), at least 256MB and at most 8GB. The prospect
# HNSW index must fit in it (README "Prospects": 1.6 GB at 200,000 prospects, 280 MB at 35,000).
SHARED_BUFFERS_ENV = "AVENIR_SHARED_BUFFERS"
SHARED_BUFFERS_MIN_MB, SHARED_BUFFERS_MAX_MB = 256, 8192
_MEMORY_UNITS = {"kB": 1 / 1024, "MB": 1, "GB": 1024, "TB": 1024 * 1024}


def local_shared_buffers() -> str:
    """AVENIR_SHARED_BUFFERS (a PostgreSQL memory size such as 2GB or 512MB), else the default."""
    value = os.environ.get(SHARED_BUFFERS_ENV, "").strip()
    if value:
        number, unit = value.rstrip("kMGTB"), value[len(value.rstrip("kMGTB")):]
        if not number.isdigit() or unit not in _MEMORY_UNITS or int(number) * _MEMORY_UNITS[unit] < 1:
            raise AvenirError(f"{SHARED_BUFFERS_ENV}={value} is not a memory size PostgreSQL reads "
                              f"(a whole number and kB, MB, GB or TB, at least 1MB, e.g. 2GB)")
        return value
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    return f"{min(SHARED_BUFFERS_MAX_MB, max(SHARED_BUFFERS_MIN_MB, memory_mb // 4))}MB"


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _require_postgres_tools() -> None:
    if not (PG_BIN / "initdb").exists():
        raise AvenirError("PostgreSQL 15 is not installed; run `make up` (it installs the toolchain)")
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        raise AvenirError("the `postgres` OS user is missing; install postgresql-15 (`make up`)") from None
    if os.geteuid() != 0:
        raise AvenirError("the local cluster runs as the postgres OS user: run avenir as root")


def _can_read_as_postgres(path: Path) -> bool:
    return subprocess.run(["runuser", "-u", OS_USER, "--", "test", "-r", str(path)],
                          capture_output=True).returncode == 0


def _require_traversable(path: Path) -> None:
    if not subprocess.run(["runuser", "-u", OS_USER, "--", "test", "-x", str(path)],
                          capture_output=True).returncode == 0:
        raise AvenirError(f"{path} is not reachable by the postgres OS user; make its parent "
                          f"directories world-executable (chmod o+x)")


def _python_path_for_postgres(root: Path) -> Path:
    """A directory PL/Python can import `python_udfs` from: the same code this process imports.

    The checkout itself when the package comes from one the postgres user can read; otherwise
    (an installed wheel: site-packages holds much more than ours) a copy under the cluster's own
    directory, refreshed at every start.
    """
    package = Path(python_udfs.__file__).resolve().parent
    if (package.parent / MARKER).is_file() and _can_read_as_postgres(package / "__init__.py"):
        return package.parent
    target = root / "python_path"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(package, target / "python_udfs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(["chmod", "-R", "a+rX", str(target)], check=True)
    return target
