"""The commands behind `avenir up / down / status / migrate / cron`: the local system of
`make up`, a cluster on 127.0.0.1:54322 (database `avenir`), the API gateway on
127.0.0.1:54321 and the worker."""

from __future__ import annotations

import os

import psycopg
from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

from ..errors import AvenirError
from ..tracking.server import tracking_port
from . import configure, demo, migrations
from .cluster import Cluster, local_shared_buffers, port_in_use
from .paths import state_dir
from .services import GATEWAY, SERVICES, TRACKING, WEB, Service
from .web import DEFAULT_SITE_PORT, DEFAULT_WEB_PORT

DEFAULT_DB_PORT = 54322
DEFAULT_API_PORT = 54321
QUERIES = NamedQueries(__package__, "queries.sql")


def local_cluster() -> Cluster:
    return Cluster(root=state_dir(), port=int(os.environ.get("AVENIR_DB_PORT", DEFAULT_DB_PORT)),
                   shared_buffers=local_shared_buffers(), autoprewarm=True)


def api_port() -> int:
    return int(os.environ.get("AVENIR_API_PORT", DEFAULT_API_PORT))


def web_port() -> int:
    return int(os.environ.get("AVENIR_WEB_PORT", DEFAULT_WEB_PORT))


def site_port() -> int:
    return int(os.environ.get("AVENIR_SITE_PORT", DEFAULT_SITE_PORT))


def mail_notice() -> str:
    """Where the worker's replies go (AVENIR_MAIL_URL), said plainly by `avenir up`."""
    from ..worker.mail import make_sender
    from ..worker.mail.config import MailConfig

    try:
        return make_sender(MailConfig.from_env().url).describe()
    except AvenirError as e:
        return f"misconfigured, the worker will not start: {e}"


def service_env(cluster: Cluster, service: Service) -> dict[str, str]:
    if service is GATEWAY:
        return {"PGRST_DB_URI": configure.authenticator_url(cluster),
                "PGRST_JWT_SECRET": configure.jwt_secret(cluster),
                "PGRST_SERVER_PORT": str(api_port())}
    if service is WEB:
        return {"AVENIR_API_URL": f"http://127.0.0.1:{api_port()}",
                "AVENIR_ANON_KEY": configure.api_key(cluster, "anon"),
                "AVENIR_WEB_PORT": str(web_port()), "AVENIR_SITE_PORT": str(site_port()),
                "AVENIR_SITE_FORM_KEY": demo.ensure_demo_form_key(cluster, f"http://127.0.0.1:{site_port()}")}
    if service is TRACKING:  # its connections set themselves to anon (avenir/tracking/queries.sql)
        return {"AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_TRACKING_PORT": str(tracking_port())}
    # The outreach e-mails' pixel, links and one-click unsubscribe point at the tracking service unless
    # AVENIR_TRACKING_URL names a public base in front of it.
    return {"AVENIR_DB_URL": configure.authenticator_url(cluster), "AVENIR_DB_ROLE": "service_role",
            "AVENIR_TRACKING_URL": tracking_url()}


def tracking_url() -> str:
    return os.environ.get("AVENIR_TRACKING_URL") or f"http://127.0.0.1:{tracking_port()}"


def up() -> None:
    cluster = local_cluster()
    if not cluster.is_running() and port_in_use(cluster.host, cluster.port):
        raise AvenirError(f"port {cluster.port} on {cluster.host} is already in use by another program; "
                          f"stop it or set AVENIR_DB_PORT to a free port")
    created, was_running = not cluster.is_initialized(), cluster.is_running()
    cluster.init()
    cluster.start()
    cluster.ensure_database()
    out = migrations.deploy(cluster)
    configure.configure_database(cluster)
    demo_key = demo.ensure_demo_client(cluster)
    state = "created" if created else "found running" if was_running else "started"
    print(f"{state} the local cluster in {cluster.root}")
    print(prewarm_prospect_index(cluster))
    if "Nothing to deploy" not in out:
        print(out.rstrip())
    for service in SERVICES:
        if service.pid(cluster.root):
            continue
        if service is GATEWAY and port_in_use("127.0.0.1", api_port()):
            raise AvenirError(f"port {api_port()} is already in use by another program; "
                              f"stop it or set AVENIR_API_PORT to a free port")
        if service is TRACKING and port_in_use("127.0.0.1", tracking_port()):
            raise AvenirError(f"port {tracking_port()} is already in use by another program; "
                              f"stop it or set AVENIR_TRACKING_PORT to a free port")
        for port, var in ((web_port(), "AVENIR_WEB_PORT"), (site_port(), "AVENIR_SITE_PORT")):
            if service is WEB and port_in_use("127.0.0.1", port):
                raise AvenirError(f"port {port} is already in use by another program; "
                                  f"stop it or set {var} to a free port")
        service.start(cluster.root, service_env(cluster, service))
        print(f"started the {service.name} (log {service.logfile(cluster.root)})")
    print(f"mail: {mail_notice()}")
    print()
    status("pretty")
    print()
    demo.print_first_minute(f"http://127.0.0.1:{api_port()}", demo_key, demo.demo_password(cluster),
                            configure.api_key(cluster, "anon"))
    print()
    print(f"Dashboard (log in as the demo client): http://127.0.0.1:{web_port()}/dashboard/")
    print(f"The demo client's website with the embedded form: http://127.0.0.1:{site_port()}/ "
          f"(its own form enhanced: /existing.html)")


def prewarm_prospect_index(cluster: Cluster) -> str:
    """Read the prospect HNSW indexes (the table's, those of single industries, regions, languages) into shared_buffers
    (pg_prewarm, where installed), and say so plainly when they do not fit: similarity queries
    then read the graph through the OS."""
    with psycopg.connect(cluster.url(), autocommit=True, row_factory=dict_row) as conn:
        cache = conn.execute(QUERIES["prospect_index_cache"]).fetchone()
        warning = index_cache_warning(cache["index_bytes"], cache["buffer_bytes"])
        if warning:
            return warning
        size, buffers = _size(cache["index_bytes"]), _size(cache["buffer_bytes"])
        if not cache["can_prewarm"]:
            return f"prospect HNSW indexes {size}, shared_buffers {buffers} (pg_prewarm not offered: read on first use)"
        conn.execute(QUERIES["prewarm_prospect_index"])
        return f"prospect HNSW indexes {size} read into shared_buffers ({buffers}) by pg_prewarm"


def index_cache_warning(index_bytes: int, buffer_bytes: int) -> str | None:
    if index_bytes <= buffer_bytes:
        return None
    return (f"warning: the prospect HNSW indexes ({_size(index_bytes)}) are larger than shared_buffers "
            f"({_size(buffer_bytes)}): set AVENIR_SHARED_BUFFERS above them, then make down && make up")


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.1f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"


def down() -> None:
    cluster = local_cluster()
    for service in reversed(SERVICES):
        if service.stop(cluster.root):
            print(f"stopped the {service.name}")
    if cluster.is_running():
        cluster.stop()
        print("stopped the local cluster")
    else:
        print("the local cluster is not running")


def status_values(cluster: Cluster) -> dict[str, str]:
    return {"API_URL": f"http://127.0.0.1:{api_port()}", "DB_URL": cluster.url(),
            "DASHBOARD_URL": f"http://127.0.0.1:{web_port()}/dashboard/",
            "TRACKING_URL": tracking_url(),
            "ANON_KEY": configure.api_key(cluster, "anon"),
            "SERVICE_ROLE_KEY": configure.api_key(cluster, "service_role")}


def status(output: str) -> None:
    cluster = local_cluster()
    running = cluster.is_running()
    if output == "env":
        if not running:
            raise AvenirError("the local cluster is not running; start it with `make up`")
        for key, value in status_values(cluster).items():
            print(f"{key}={value}")
        return
    print(f"PostgreSQL 15  {'running' if running else 'stopped'} on {cluster.host}:{cluster.port}, "
          f"database {cluster.dbname}")
    for service in SERVICES:
        state = f"running (pid {service.pid(cluster.root)})" if service.pid(cluster.root) else "stopped"
        print(f"{service.name:<14} {state}")
    if running:
        print()
        for key, value in status_values(cluster).items():
            print(f"{key}={value}")
        print("\npsql: psql \"$(make -s status | sed -n 's/^DB_URL=//p')\"")


def migrate(action: str) -> None:
    cluster = local_cluster()
    if not cluster.is_running():
        raise AvenirError("the local cluster is not running; start it with `make up`")
    if action == "deploy":
        print(migrations.deploy(cluster).rstrip())
        configure.configure_database(cluster)
    elif action == "verify":
        print(migrations.verify(cluster).rstrip())
    elif action == "revert":
        print(migrations.revert_all(cluster).rstrip())
    else:
        print(migrations.sqitch(cluster, "status").stdout.rstrip())


def cron() -> None:
    cluster = local_cluster()
    if not cluster.is_running():
        raise AvenirError("the local cluster is not running; start it with `make up`")
    with psycopg.connect(cluster.url(), row_factory=dict_row) as conn:
        jobs = conn.execute(QUERIES["cron_jobs"]).fetchall()
    for job in jobs:
        last = f"{job['last_status']} at {job['last_start']:%Y-%m-%d %H:%M:%S}" if job["last_start"] else "never run"
        print(f"{job['jobname']:<30} {job['schedule']:<14} {'active' if job['active'] else 'paused':<7} {last}")
