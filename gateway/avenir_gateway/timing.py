"""`Server-Timing` (server-timing-enabled, §1.17): the duration of each stage of a request in
milliseconds, as PostgREST names them: jwt, parse, plan, transaction, response."""

from __future__ import annotations

from time import perf_counter

# The stage names, stated once: the marks of app.py and the order mark_failed completes.
JWT, PARSE, PLAN, TRANSACTION, RESPONSE = "jwt", "parse", "plan", "transaction", "response"
STAGES = (JWT, PARSE, PLAN, TRANSACTION, RESPONSE)


class ServerTiming:
    """Stages marked in order; each lasts from the previous mark (or the start) to its own."""

    __slots__ = ("_last", "stages")

    def __init__(self) -> None:
        self._last = perf_counter()
        self.stages: list[tuple[str, float]] = []

    def mark(self, stage: str) -> None:
        now = perf_counter()
        self.stages.append((stage, now - self._last))
        self._last = now

    def mark_failed(self) -> None:
        """An error ended the request: the stage under way (the one after the last marked) is timed up
        to it, as PostgREST times it; the later stages never ran."""
        done = len(self.stages)
        if done < len(STAGES) and (not done or self.stages[-1][0] == STAGES[done - 1]):
            self.mark(STAGES[done])

    def header(self) -> str:
        return ", ".join(f"{stage};dur={seconds * 1000:.1f}" for stage, seconds in self.stages)


class NoTiming:
    """server-timing-enabled = false: marks cost one call and record nothing."""

    __slots__ = ()

    def mark(self, stage: str) -> None:
        pass

    def mark_failed(self) -> None:
        pass


NO_TIMING = NoTiming()
