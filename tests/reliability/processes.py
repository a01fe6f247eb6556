"""Real processes for the fault tests and the soak: a gateway of its own on the test cluster (so a
fault test can kill it), and load generators that record every answer."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
from gateway_process import GatewayProcess, product_gateway

from avenir.local.cluster import Cluster


@contextmanager
def own_gateway(cluster: Cluster, pool: int = 4, name: str = "fault") -> Iterator[GatewayProcess]:
    """A gateway serving `public` like the session's `api`, on its own port and process."""
    with product_gateway(cluster, pool, name) as gw:
        yield gw


@dataclass
class Answer:
    started: float
    ended: float
    status: int | None  # None: no HTTP answer (connection refused or cut)
    lead_id: str | None = None


@dataclass
class Load:
    """Threads posting leads (and optionally reading) in a loop until stopped; every answer kept."""
    base_url: str
    anon_key: str
    api_key: str
    threads: int = 4
    read_path: str | None = None
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _workers: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _run(self, n: int) -> None:
        with httpx.Client(base_url=self.base_url + "/rest/v1", headers={"apikey": self.anon_key}, timeout=30) as c:
            i = 0
            while not self._stop.is_set():
                i += 1
                started = time.monotonic()
                lead_id = None
                try:
                    if self.read_path and i % 2 == 0:
                        status = c.get(self.read_path).status_code
                    else:
                        r = c.post("/rpc/submit_lead", json={"api_key": self.api_key, "name": "Load",
                                                             "email": "load@lead.test",
                                                             "message": f"load {n} {i} {uuid.uuid4().hex}"})
                        status = r.status_code
                        if status == 200:
                            lead_id = r.json()["lead_id"]
                except httpx.TransportError:
                    status = None
                    time.sleep(0.05)
                with self._lock:
                    self.answers.append(Answer(started, time.monotonic(), status, lead_id))

    def start(self) -> Load:
        self._workers = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.threads)]
        for w in self._workers:
            w.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for w in self._workers:
            w.join(timeout=60)

    def acknowledged(self) -> list[str]:
        with self._lock:
            return [a.lead_id for a in self.answers if a.lead_id]

    def wait_for_answers(self, n: int, timeout: float = 60) -> None:
        """Until n answers arrived (a bound on a hang, not a timing check)."""
        deadline = time.monotonic() + timeout
        while len(self.answers) < n and time.monotonic() < deadline:
            time.sleep(0.05)


def kill(gw: GatewayProcess, sig) -> None:
    gw.process.send_signal(sig)
    gw.process.wait(timeout=30)
