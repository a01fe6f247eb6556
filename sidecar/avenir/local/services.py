"""Background services that `avenir up` starts beside the cluster: the API gateway, the worker and
the web pages (`avenir web`: the form script, the dashboard and the demo client site) and the
outreach tracking endpoints (`avenir tracking`).

Each runs as `avenir <name>` in its own session, with a pid file and a log under .avenir/.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import AvenirError
from .paths import project_root


@dataclass(frozen=True)
class Service:
    name: str
    args: tuple[str, ...]

    def pidfile(self, home: Path) -> Path:
        return home / "services" / f"{self.name}.pid"

    def logfile(self, home: Path) -> Path:
        return home / "logs" / f"{self.name}.log"

    def pid(self, home: Path) -> int | None:
        try:
            pid = int(self.pidfile(home).read_text())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        return pid

    def start(self, home: Path, env: dict[str, str]) -> bool:
        """Start unless running; False when it was already running."""
        if self.pid(home):
            return False
        for d in (self.pidfile(home).parent, self.logfile(home).parent):
            d.mkdir(parents=True, exist_ok=True)
        log = self.logfile(home).open("ab")
        proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", *self.args], cwd=project_root(),
                                env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.pidfile(home).write_text(str(proc.pid))
        time.sleep(0.3)
        if proc.poll() is not None:
            self.pidfile(home).unlink(missing_ok=True)
            tail = self.logfile(home).read_text(errors="replace")[-1500:]
            raise AvenirError(f"{self.name} exited at start (log {self.logfile(home)}):\n{tail}")
        return True

    def stop(self, home: Path, timeout: float = 15) -> bool:
        pid = self.pid(home)
        if not pid:
            return False
        os.kill(pid, signal.SIGTERM)  # both services shut down gracefully on SIGTERM
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pidfile(home).unlink(missing_ok=True)
        return True


GATEWAY = Service("gateway", ("gateway", "--config", "postgrest.conf"))
WORKER = Service("worker", ("worker",))
WEB = Service("web", ("web",))
TRACKING = Service("tracking", ("tracking",))
SERVICES = (GATEWAY, TRACKING, WORKER, WEB)
