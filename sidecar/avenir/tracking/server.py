"""`avenir tracking`: the tracking endpoints on uvicorn (uvloop + httptools with the gateway's head and
URL limits), in the foreground. `avenir up` starts it beside the gateway, the worker and the web pages.

AVENIR_DB_URL          the database (`avenir up`: the authenticator; every connection is set to anon)
AVENIR_TRACKING_PORT   the port on 127.0.0.1 (54325)
AVENIR_TRACKING_POOL   pooled connections (4)
"""

from __future__ import annotations

import logging
import os
import sys

import uvicorn

from avenir_gateway import http_limits

from ..errors import AvenirError
from .app import Tracking

DEFAULT_TRACKING_PORT = 54325


def tracking_port() -> int:
    return int(os.environ.get("AVENIR_TRACKING_PORT", DEFAULT_TRACKING_PORT))


def run() -> None:
    url = os.environ.get("AVENIR_DB_URL")
    if not url:
        raise AvenirError("AVENIR_DB_URL is not set (the database the tracking service calls)")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format='{"time":"%(asctime)s","level":"%(levelname)s","logger":"%(name)s","msg":%(message)r}')
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    app = Tracking(url, pool_size=int(os.environ.get("AVENIR_TRACKING_POOL", 4)))
    uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=tracking_port(), loop="uvloop", http=http_limits.LimitedHttpToolsProtocol,
        lifespan="on", access_log=False,  # no access log: the URLs carry tokens
        log_level=logging.WARNING, server_header=False, date_header=True, timeout_graceful_shutdown=10)).run()
