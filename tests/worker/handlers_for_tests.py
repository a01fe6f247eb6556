"""Handlers the worker tests plug in with AVENIR_WORKER_EXTRA_HANDLERS=handlers_for_tests:HANDLERS.

All run under job_type form_test; payload["mode"] picks the behaviour:
- noop: completes at once;
- effect: its apply writes one performance_metrics row tagged with payload["marker"] (the
  visible effect whose count proves "exactly once");
- fail: always raises (a poison job);
- slow_enrichment: sleeps payload["sleep"] seconds on its first attempt, then runs the real
  lead_enrichment handler on payload["lead_id"] (a job a worker can be killed in the middle of).
"""

import asyncio

from psycopg.types.json import Jsonb

from avenir.worker.handlers import lead_enrichment
from avenir.worker.jobs import Outcome


async def form_test(job, ctx):
    mode = job.payload.get("mode", "noop")
    if mode == "noop":
        return Outcome(result={"mode": mode})
    if mode == "fail":
        raise RuntimeError(f"poison job, attempt {job.attempts}")
    if mode == "slow_enrichment":
        if job.attempts == 1:
            await asyncio.sleep(float(job.payload.get("sleep", 30)))
        return await lead_enrichment.handle(job, ctx)
    if mode == "effect":
        await asyncio.sleep(float(job.payload.get("sleep", 0)))

        async def apply(conn):
            await conn.execute(
                "insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, "
                "source_component, metadata) values ('lead_processing', 'success_rate', 1, 'count', 'job_queue', %s)",
                [Jsonb({"marker": job.payload["marker"], "job_id": str(job.id), "worker": ctx.worker_id})])
            return {"effect": True}

        return Outcome(result={"mode": mode}, apply=apply)
    raise ValueError(f"unknown form_test mode {mode!r}")


HANDLERS = {"form_test": form_test}
