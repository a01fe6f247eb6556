"""Structured log lines: `ts=... level=... event=... key=value ...` on stderr, one per event."""

from __future__ import annotations

import json
import os
import sys
import time

LEVELS = {"debug": 10, "info": 20, "warning": 30, "error": 40}
_threshold = LEVELS.get(os.environ.get("AVENIR_LOG_LEVEL", "info").lower(), 20)


def _value(v: object) -> str:
    if isinstance(v, str):
        text = v
    elif isinstance(v, (bool, int, float, list, dict)):
        text = json.dumps(v, default=str)
    else:
        text = str(v)  # uuid, datetime, ...
    return json.dumps(text) if (not text or any(c in text for c in ' ="\n')) else text


def log(level: str, event: str, **fields: object) -> None:
    if LEVELS[level] < _threshold:
        return
    ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{int(time.time() * 1000) % 1000:03d}Z"
    parts = [f"ts={ts}", f"level={level}", f"event={event}"]
    parts += [f"{k}={_value(v)}" for k, v in fields.items() if v is not None]
    print(" ".join(parts), file=sys.stderr, flush=True)


def enabled(level: str) -> bool:
    return LEVELS[level] >= _threshold
