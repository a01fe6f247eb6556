"""Start the real worker (`python -m avenir.cli worker`) as a subprocess against a test cluster."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from avenir.local import configure
from avenir.local.cluster import Cluster
from avenir.local.paths import project_root


def wait_for(predicate: Callable[[], object], timeout: float = 30, what: str = "condition") -> object:
    """Poll until predicate() is truthy; fail the test after `timeout` seconds (a bound, not a timing check)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class WorkerProcess:
    """A worker process; `handlers_path` adds a directory whose modules AVENIR_WORKER_EXTRA_HANDLERS may name."""

    def __init__(self, cluster: Cluster, logdir: Path, handlers_path: Path | None = None, **env: object) -> None:
        self.worker_id = str(env.pop("AVENIR_WORKER_ID", f"test-worker-{uuid.uuid4().hex[:8]}"))
        self.logfile = logdir / f"{self.worker_id}.log"
        full_env = {
            **os.environ,
            "AVENIR_DB_URL": configure.authenticator_url(cluster),
            "AVENIR_DB_ROLE": "service_role",
            "AVENIR_WORKER_ID": self.worker_id,
            "PYTHONPATH": os.pathsep.join([str(handlers_path or project_root()), os.environ.get("PYTHONPATH", "")]),
            **{k: str(v) for k, v in env.items()},
        }
        self.proc = subprocess.Popen([sys.executable, "-m", "avenir.cli", "worker"], cwd=project_root(), env=full_env,
                                     stdout=subprocess.DEVNULL, stderr=self.logfile.open("wb"))

    def log(self) -> str:
        return self.logfile.read_text(errors="replace")

    def wait_started(self) -> None:
        wait_for(lambda: "event=taxonomy_loaded" in self.log() or self.proc.poll() is not None, 30, "worker start")
        assert self.proc.poll() is None, f"worker exited at start:\n{self.log()}"

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)


def started_workers(make: Callable[..., WorkerProcess]) -> Iterator[Callable[..., WorkerProcess]]:
    """The body of a `start_worker` fixture: `start(**env)` makes a worker with `make` and waits until
    it runs; at teardown every worker still running is killed."""
    started: list[WorkerProcess] = []

    def start(**env: object) -> WorkerProcess:
        worker = make(**env)
        started.append(worker)
        worker.wait_started()
        return worker

    yield start
    for worker in started:
        if worker.proc.poll() is None:
            worker.proc.kill()
            worker.proc.wait(timeout=10)
