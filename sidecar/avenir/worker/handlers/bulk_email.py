"""bulk_email: a campaign's approved outreach e-mails sent through the mail sender, at most once,
within the campaign's throttle (issue 15, item 3).

One job per campaign (enqueued when an e-mail is approved or the campaign becomes active). The
handler asks begin_outreach_send before each message; the database decides (under a lock on the
campaign) whether the send may begin now, so the campaign's send_per_second, send_per_hour and
send_concurrency hold over every job and worker. 'wait' answers of a few seconds are waited out;
a longer one (the hourly budget is spent) ends the job with a follow-up job at the time given.

At most once, as email_response: the send record is committed before the message leaves and
closed after; a record a dead job left 'sending' is looked up by Message-ID (Gmail, file:) or
recorded 'uncertain' (SMTP, log:) and never sent again.
"""

from __future__ import annotations

import asyncio
import time

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome
from ..mail import UNKNOWN, MailNotSent, MailRefused
from ..mail.outreach import outreach_message, tracking_url
from .email_response import mail_runtime

QUERIES = NamedQueries(__package__, "bulk_email.sql")
DEFAULT_CONCURRENCY = 4
LONGEST_WAIT = 5.0  # seconds waited inside the job; longer: a follow-up job at that time
BATCH = 200
TIME_SHARE = 0.8  # of the job's timeout, then a follow-up job takes over


async def _one(ctx: Context, name: str, params: dict) -> dict | None:
    async with ctx.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        return await (await cur.execute(QUERIES[name], params)).fetchone()


class _Later(Exception):
    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.seconds = seconds


async def _finish(ctx: Context, email_id, status: str, details: dict) -> None:
    await _one(ctx, "finish_outreach_send", {"email_id": email_id, "status": status, "details": Jsonb(details)})


async def send_one(ctx: Context, job: Job, email_id, counts: dict) -> None:
    mail = mail_runtime()
    params = {"email_id": email_id, "sender": mail.sender.name, "domain": mail.config.domain,
              "tracking_url": tracking_url(), "job_id": job.id, "job_attempt": job.attempts}
    while True:
        begun = (await _one(ctx, "begin_outreach_send", params))["send"]
        action = begun["action"]
        if action != "wait":
            break
        counts["waits"] += 1
        if begun["seconds"] > LONGEST_WAIT:
            raise _Later(begun["seconds"], begun["limit"])
        await asyncio.sleep(begun["seconds"])
    if action == "stop":
        raise _Later(0, begun["reason"])
    if action in ("skip", "done", "busy"):
        counts[action] += 1
        return
    message_id = begun["message_id"]
    if action == "check":
        found = await mail.sender.lookup(message_id)
        if found is UNKNOWN:
            counts["uncertain"] += 1
            await _finish(ctx, email_id, "uncertain", {"error": (
                f"an earlier attempt began sending {message_id} and {mail.sender.name} cannot tell whether it left; "
                "not sent again (at most once)")})
            return
        if found is not None:
            counts["sent"] += 1
            await _finish(ctx, email_id, "sent", {"from_address": mail.config.from_address, "recovered": True,
                                                  "thread_id": found.thread_id,
                                                  "gmail_message_id": found.provider_message_id})
            return
        # Not found: it never left. Released, then begun again by this attempt (the throttle counts it anew).
        await _finish(ctx, email_id, "released", {"error": f"{message_id} not found at {mail.sender.name}"})
        return await send_one(ctx, job, email_id, counts)
    message = outreach_message(begun, mail.config.from_address)
    try:
        receipt = await mail.sender.send(message)
    except MailRefused as e:
        counts["failed"] += 1
        await _finish(ctx, email_id, "failed", {"error": str(e)})
        return
    except MailNotSent as e:
        await _finish(ctx, email_id, "released", {"error": str(e)})
        raise
    counts["sent"] += 1
    await _finish(ctx, email_id, "sent", {"from_address": mail.config.from_address, "thread_id": receipt.thread_id,
                                          "gmail_message_id": receipt.provider_message_id})


async def handle_bulk_email(job: Job, ctx: Context) -> Outcome:
    campaign_id = job.payload.get("campaign_id")
    if not campaign_id:
        raise ValueError(f"payload has no campaign_id: {job.payload}")
    campaign = await _one(ctx, "campaign_for_send", {"campaign_id": campaign_id})
    if campaign is None or campaign["status"] != "active":
        return Outcome(result={"campaign_id": campaign_id, "skipped": "campaign missing or not active"})
    concurrency = campaign["send_concurrency"] or DEFAULT_CONCURRENCY
    deadline = time.monotonic() + job.timeout_seconds * TIME_SHARE
    counts = dict.fromkeys(("sent", "failed", "uncertain", "skip", "done", "busy", "waits"), 0)
    later: _Later | None = None
    gate = asyncio.Semaphore(concurrency)

    async def guarded(email_id) -> None:
        async with gate:
            await send_one(ctx, job, email_id, counts)

    while later is None:
        ids = (await _one(ctx, "next_outreach_emails", {"campaign_id": campaign_id, "n": BATCH}))["ids"]
        if not ids:
            break
        if time.monotonic() > deadline:
            later = _Later(0, "job time share used")
            break
        results = await asyncio.gather(*(guarded(i) for i in ids), return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        later = next((r for r in errors if isinstance(r, _Later)), None)
        fatal = next((r for r in errors if not isinstance(r, _Later)), None)
        if fatal is not None:
            raise fatal
        if counts["sent"] + counts["failed"] + counts["uncertain"] + counts["skip"] + counts["done"] == 0 \
                and later is None:
            break  # nothing moved (every e-mail busy elsewhere): the other job carries on

    result = {"campaign_id": campaign_id, **counts}
    if later is None:
        return Outcome(result=result)
    result["continues"] = {"after_seconds": round(later.seconds, 3), "reason": str(later)}

    async def apply(conn) -> dict:
        cur = conn.cursor(row_factory=dict_row)
        row = await (await cur.execute(QUERIES["enqueue_campaign_send_later"], {
            "campaign_id": campaign_id, "client_id": job.payload.get("client_id") or job.client_id,
            "seconds": later.seconds})).fetchone()
        return {"follow_up_job": str(row["job_id"])}

    if str(later) == "campaign paused" or str(later).startswith("campaign "):
        return Outcome(result=result)  # a paused campaign resumes through its own trigger
    return Outcome(result=result, apply=apply)
