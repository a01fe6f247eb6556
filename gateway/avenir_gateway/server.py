"""`avenir gateway --config F`: uvicorn (uvloop + httptools with the limits of http_limits, one process or
`server-workers` processes sharing the port with SO_REUSEPORT)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import socket
import sys

import uvicorn

from . import config as config_module
from . import http_limits
from .admin import AdminServer
from .app import Gateway
from .config import Config
from .errors import ConfigError

LOG_LEVELS = {"crit": logging.CRITICAL, "error": logging.ERROR, "warn": logging.WARNING, "info": logging.INFO,
              "debug": logging.DEBUG}


def run(config_path: str | None) -> None:
    try:
        cfg = config_module.load(config_path)
    except ConfigError as e:
        print(f"avenir gateway: {e}", file=sys.stderr)
        raise SystemExit(1) from None
    level = LOG_LEVELS[cfg.log_level]
    logging.basicConfig(level=level, stream=sys.stderr,
                        format='{"time":"%(asctime)s","level":"%(levelname)s","logger":"%(name)s","msg":%(message)r}')
    # psycopg warns about every pipeline an SQL error aborted; those errors are answered to the client.
    logging.getLogger("psycopg").setLevel(max(level, logging.ERROR))
    http_limits.LIMITS.update(head_timeout=cfg.server_head_timeout, max_head=cfg.server_max_header_size,
                              max_url=cfg.server_max_url_length)
    if cfg.server_workers == 1:
        _serve(cfg, level)
    else:
        _supervise(cfg, level)


def _serve(cfg: Config, level: int, sockets: list[socket.socket] | None = None, admin: bool = True) -> None:
    """One process: the API's uvicorn server and, when `admin-server-port` is set and `admin` (the first
    worker, see _supervise), the admin server (admin.py) in the same event loop."""
    gateway = Gateway(cfg)
    server = uvicorn.Server(uvicorn.Config(
        gateway, host=cfg.bind_host, port=cfg.server_port, loop="uvloop",
        http=http_limits.LimitedHttpToolsProtocol, lifespan="on", access_log=False,
        log_level=max(level, logging.WARNING), server_header=False, date_header=True,
        timeout_keep_alive=cfg.server_keep_alive_timeout, timeout_graceful_shutdown=10))
    _tune_gc()
    if not admin or cfg.admin_server_port is None:
        server.run(sockets=sockets)
        return

    async def both() -> None:
        admin_server = AdminServer(gateway, cfg)
        await admin_server.start()  # a port already taken stops the gateway at start, as PostgREST
        try:
            await server.serve(sockets=sockets)
        finally:
            await admin_server.stop()

    with asyncio.Runner(loop_factory=server.config.get_loop_factory()) as runner:  # as uvicorn's Server.run
        runner.run(both())


def _tune_gc() -> None:
    """The objects alive at start (modules, the app, the config) leave the collector's sight, and the young
    generation is collected every 50,000 allocations instead of 2,000: a request allocates a few hundred
    short-lived objects, so the default ran a collection every few requests, a pause in a request's p99."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _reuseport_socket(cfg: Config) -> socket.socket:
    family = socket.AF_INET6 if ":" in cfg.bind_host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((cfg.bind_host, cfg.server_port))
    sock.listen(2048)
    return sock


def _supervise(cfg: Config, level: int) -> None:
    """server-workers = N: N forked processes, each with its own socket on the same port
    (SO_REUSEPORT: the kernel spreads connections), its own pool (db-pool each) and schema cache.
    The parent forwards SIGTERM/SIGINT and stops everything when a worker dies. The first worker serves the
    admin server (admin.py: its figures are that worker's)."""
    log = logging.getLogger("avenir_gateway.server")
    workers: list[int] = []
    for index in range(cfg.server_workers):
        pid = os.fork()
        if pid == 0:  # nothing runs yet before the fork: no event loop, no connection
            code = 0
            try:
                _serve(cfg, level, [_reuseport_socket(cfg)], admin=index == 0)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        workers.append(pid)
    stopping = False

    def forward(signum, _frame):
        nonlocal stopping
        stopping = True
        for worker in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    failed = False
    while workers:
        pid, _status = os.wait()
        workers.remove(pid)
        if not stopping:
            log.error("gateway worker %s exited: stopping the others", pid)
            failed = True
            forward(signal.SIGTERM, None)
    raise SystemExit(1 if failed else 0)
