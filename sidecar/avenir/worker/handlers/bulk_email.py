"""bulk_email: a campaign's approved outreach e-mails sent through the mail sender, at most once,
within the campaign's throttle (issue 15, item 3).

One job per campaign (enqueued when an e-mail is approved or the campaign becomes active). The job
runs `send_concurrency` lanes (4 by default); each lane, batch after batch, claims up to BATCH
e-mails with one begin_outreach_sends (the database decides under a lock on the campaign how many
may begin now, so send_per_second, send_per_hour and send_concurrency hold over every lane, job and
worker), sends them over one kept connection (the messages written as bytes: outreach_raw), and
closes them with one finish_outreach_sends. 'wait' answers of a few seconds are waited out; a longer
one (the hourly budget is spent) ends the job with a follow-up job at the time given.

At most once, as email_response: the send records are committed before the messages leave and
closed after; a record a dead job left 'sending' is looked up by Message-ID (Gmail, file:) or
recorded 'uncertain' (SMTP, log:) and never sent again. Messages of a batch not yet attempted when
it stops (a refusal of the connection, a cancellation) are released; so a dead worker leaves at
most one batch per lane to check.
"""

from __future__ import annotations

import asyncio
import time

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome
from ..mail import UNKNOWN, MailNotSent, MailRefused
from ..mail.outreach import outreach_raw, tracking_url
from .email_response import mail_runtime

QUERIES = NamedQueries(__package__, "bulk_email.sql")
DEFAULT_CONCURRENCY = 4
LONGEST_WAIT = 5.0  # seconds waited inside the job; longer: a follow-up job at that time
BATCH = 50  # e-mails per claim: a dead worker leaves at most this many per lane to check (SMTP: uncertain)
TIME_SHARE = 0.8  # of the job's timeout, then a follow-up job takes over


async def _one(ctx: Context, name: str, params: dict) -> dict | None:
    async with ctx.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        return await (await cur.execute(QUERIES[name], params)).fetchone()


class _Later(Exception):
    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.seconds = seconds


async def _checked(mail, item: dict, counts: dict) -> dict:
    """The outcome of a send an earlier attempt began and never closed (action check)."""
    message_id = item["message_id"]
    found = await mail.sender.lookup(message_id)
    if found is UNKNOWN:
        counts["uncertain"] += 1
        return {"email_id": item["email_id"], "status": "uncertain", "details": {"error": (
            f"an earlier attempt began sending {message_id} and {mail.sender.name} cannot tell whether it left; "
            "not sent again (at most once)")}}
    if found is not None:
        counts["sent"] += 1
        return {"email_id": item["email_id"], "status": "sent", "details": {
            "from_address": mail.config.from_address, "recovered": True, "thread_id": found.thread_id,
            "gmail_message_id": found.provider_message_id}}
    # Not found: it never left. Released: the next claim begins it again (the throttle counts it anew).
    return {"email_id": item["email_id"], "status": "released",
            "details": {"error": f"{message_id} not found at {mail.sender.name}"}}


def _outcomes(mail, sends: list[dict], results: list, counts: dict) -> list[dict]:
    """What became of each claimed message: results[i] is the i-th one's Receipt or refusal; a message with no
    result was not attempted (released), except the one a broken exchange left (no entry: stays sending)."""
    outcomes = []
    for i, item in enumerate(sends[:len(results)]):
        r = results[i]
        if isinstance(r, MailRefused):
            counts["failed"] += 1
            outcomes.append({"email_id": item["email_id"], "status": "failed", "details": {"error": str(r)}})
        elif isinstance(r, MailNotSent):
            outcomes.append({"email_id": item["email_id"], "status": "released", "details": {"error": str(r)}})
        else:
            counts["sent"] += 1
            outcomes.append({"email_id": item["email_id"], "status": "sent", "details": {
                "from_address": mail.config.from_address, "thread_id": r.thread_id,
                "gmail_message_id": r.provider_message_id}})
    return outcomes


async def send_batch(ctx: Context, job: Job, campaign_id, counts: dict) -> _Later | None:
    """One claim of up to BATCH e-mails, their messages over one connection, one finish. None: go on;
    a _Later: stop this lane (wait too long, campaign stopped, nothing left: seconds < 0)."""
    mail = mail_runtime()
    claim = (await _one(ctx, "begin_outreach_sends", {
        "campaign_id": campaign_id, "n": BATCH, "sender": mail.sender.name, "domain": mail.config.domain,
        "tracking_url": tracking_url(), "job_id": job.id, "job_attempt": job.attempts}))["claim"]
    if claim.get("stop"):
        return _Later(0, claim["stop"])
    if claim.get("wait"):
        counts["waits"] += 1
        if claim["wait"]["seconds"] > LONGEST_WAIT:
            return _Later(claim["wait"]["seconds"], claim["wait"]["limit"])
        await asyncio.sleep(claim["wait"]["seconds"])
        return None
    items = claim["items"]
    if not items:
        return _Later(-1, "nothing left")
    outcomes: list[dict] = []
    sends = []
    for item in items:
        action = item["action"]
        if action == "send":
            sends.append(item)
        elif action == "check":
            outcomes.append(await _checked(mail, item, counts))
        elif action in ("skip", "done", "busy"):
            counts[action] += 1
    results: list = []
    broken: Exception | None = None
    in_doubt = 1  # cancelled or broken: the message after the last result may have left (stays sending)
    try:
        await mail.sender.send_many([outreach_raw(i, mail.config.from_address) for i in sends], results)
        in_doubt = 0
    except Exception as e:  # the exchange broke: that message may have left (left sending: checked later)
        broken = e
    finally:
        outcomes += _outcomes(mail, sends, results, counts)
        attempted = len(results) + in_doubt
        # Never attempted (a stop, a MailNotSent, a cancellation): certainly not sent.
        outcomes += [{"email_id": i["email_id"], "status": "released", "details": {"error": "not attempted"}}
                     for i in sends[attempted:]]
        if outcomes:
            await asyncio.shield(_one(ctx, "finish_outreach_sends", {"outcomes": Jsonb(outcomes)}))
    if broken is not None:
        raise broken
    not_sent = next((r for r in results if isinstance(r, MailNotSent)), None)
    if not_sent is not None:
        raise not_sent
    return None


async def handle_bulk_email(job: Job, ctx: Context) -> Outcome:
    campaign_id = job.payload.get("campaign_id")
    if not campaign_id:
        raise ValueError(f"payload has no campaign_id: {job.payload}")
    campaign = await _one(ctx, "campaign_for_send", {"campaign_id": campaign_id})
    if campaign is None or campaign["status"] != "active":
        return Outcome(result={"campaign_id": campaign_id, "skipped": "campaign missing or not active"})
    lanes = campaign["send_concurrency"] or DEFAULT_CONCURRENCY
    deadline = time.monotonic() + job.timeout_seconds * TIME_SHARE
    counts = dict.fromkeys(("sent", "failed", "uncertain", "skip", "done", "busy", "waits"), 0)

    async def lane() -> _Later | None:
        # Each lane claims, sends over its own kept connection and closes, batch after batch; the
        # database's answers keep all lanes (and other jobs and workers) within the campaign's throttle.
        while True:
            if time.monotonic() > deadline:
                return _Later(0, "job time share used")
            later = await send_batch(ctx, job, campaign_id, counts)
            if later is not None:
                return None if later.seconds < 0 else later

    ends = await asyncio.gather(*(lane() for _ in range(lanes)), return_exceptions=True)
    fatal = next((e for e in ends if isinstance(e, BaseException) and not isinstance(e, _Later)), None)
    if fatal is not None:
        raise fatal
    # A stopped campaign first (no follow-up job), else the longest wait.
    later = max((e for e in ends if isinstance(e, _Later)),
                key=lambda e: (str(e).startswith("campaign "), e.seconds), default=None)

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
