"""No-op handler for the benchmark (AVENIR_WORKER_EXTRA_HANDLERS=bench_handlers:HANDLERS)."""

from avenir.worker.jobs import Outcome


async def noop(job, ctx):
    return Outcome(result={})


HANDLERS = {"form_test": noop}
