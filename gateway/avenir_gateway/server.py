"""`avenir gateway --config F`: uvicorn (uvloop + httptools with the limits of http_limits, one process)."""

from __future__ import annotations

import logging
import sys

import uvicorn

from . import config as config_module
from . import http_limits
from .app import Gateway
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
    app = Gateway(cfg)
    http_limits.LIMITS.update(head_timeout=cfg.server_head_timeout, max_head=cfg.server_max_header_size,
                              max_url=cfg.server_max_url_length)
    server = uvicorn.Server(uvicorn.Config(
        app, host=cfg.bind_host, port=cfg.server_port, loop="uvloop", http=http_limits.LimitedHttpToolsProtocol,
        lifespan="on", access_log=False, log_level=max(level, logging.WARNING), server_header=False,
        date_header=True, timeout_keep_alive=cfg.server_keep_alive_timeout, timeout_graceful_shutdown=10))
    server.run()
