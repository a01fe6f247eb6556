"""lead_enrichment: analyse a new lead with the AI provider and record it (record_lead_enrichment)."""

from __future__ import annotations

import asyncio
import time

from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome

QUERIES = NamedQueries(__package__, "lead_enrichment.sql")

REPLIES = NamedQueries(__package__, "replies.sql")  # issue 12: prompt text, quality, the reply job


async def handle(job: Job, ctx: Context) -> Outcome:
    lead_id = job.payload.get("lead_id")
    if not lead_id:
        raise ValueError(f"payload has no lead_id: {job.payload}")
    async with ctx.connection() as conn:
        lead = await (await conn.execute(QUERIES["lead_for_enrichment"], {"lead_id": lead_id})).fetchone()
    if lead is None:
        return Outcome(result={"skipped": "lead not found", "lead_id": str(lead_id)})

    started = time.perf_counter()
    args = (lead["message"] or "", lead["name"], lead["language"])
    kwargs = {}
    if getattr(ctx.provider, "uses_prompt_registry", False):  # the prompt text comes from prompt_registry
        async with ctx.connection() as conn:
            row = await (await conn.execute(REPLIES["active_prompt"], {
                "prompt_name": "lead_analysis.chat", "language": lead["language"] or "en"})).fetchone()
        kwargs["prompt"] = row["prompt"]
    if ctx.provider.blocking:
        analysis, prompt = await asyncio.to_thread(ctx.provider.analyse_lead, *args, **kwargs)
    else:
        analysis, prompt = ctx.provider.analyse_lead(*args, **kwargs)
    elapsed_ms = round((time.perf_counter() - started) * 1000)

    async def apply(conn) -> dict:
        recorded = await (await conn.execute(QUERIES["record_lead_enrichment"], {
            "lead_id": lead_id, "analysis": Jsonb(analysis.as_json()), "prompt": Jsonb(prompt.as_json()),
            "execution_id": f"job:{job.id}", "response_time_ms": elapsed_ms,
        })).fetchone()
        outcome = recorded["outcome"]
        if outcome.get("applied"):
            if prompt.extra.get("quality"):
                await conn.execute(REPLIES["annotate_prompt_execution"], {
                    "execution_id": f"job:{job.id}", "quality": Jsonb(prompt.extra["quality"])})
            reply = await (await conn.execute(REPLIES["enqueue_lead_reply"], {"lead_id": lead_id})).fetchone()
            outcome = {**outcome, "reply": reply["outcome"]}
        return outcome

    return Outcome(result={"lead_id": str(lead_id), "intent": analysis.intent, "urgency": analysis.urgency,
                           "tone": analysis.tone, "confidence": analysis.confidence, "provider": ctx.provider.name,
                           "response_time_ms": elapsed_ms}, apply=apply)
