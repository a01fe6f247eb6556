"""email_response: the personalised reply to a new lead, sent at most once (issue 12).

Enqueued by the enrichment (public.enqueue_lead_reply) when the client has ai_personalized_reply.
The words come from the provider (OpenAI: the active email_reply.chat prompt) or, offline or when
the provider fails, from the bilingual templates; both go through avenir.worker.mail.render.

At most once: begin_lead_reply commits the idempotency record (status sending, a Message-ID
derived from the lead) BEFORE the send; finish_lead_reply closes it in the transaction that
completes the job. A retry that finds 'sending' asks the sender whether that Message-ID left:
yes -> recorded sent (not resent); no -> sent now; cannot tell (SMTP, log) -> 'uncertain', never
resent. A refusal (unknown recipient) -> 'failed' with the server's reason, the job completes.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from functools import cache

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome
from ..logs import log
from ..mail import UNKNOWN, MailNotSent, MailRefused, Sender, make_sender
from ..mail.config import MailConfig
from ..mail.render import ReplyContent, render_reply
from ..mail.templates import register, template_reply
from ..providers.base import LANGUAGES

QUERIES = NamedQueries(__package__, "replies.sql")
REPLY_PROMPT = "email_reply.chat"


@dataclass(frozen=True)
class MailRuntime:
    config: MailConfig
    sender: Sender


@cache
def mail_runtime() -> MailRuntime:
    """The sender AVENIR_MAIL_URL names, made once per process and said at the worker's start."""
    config = MailConfig.from_env()
    sender = make_sender(config.url)
    log("info", "mail_sender", sender=sender.name, where=sender.describe(), from_address=config.from_address)
    return MailRuntime(config, sender)


async def _one(ctx: Context, name: str, params: dict) -> dict | None:
    async with ctx.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        return await (await cur.execute(QUERIES[name], params)).fetchone()


async def compose(ctx: Context, lead: dict, language: str, tone: str) -> tuple[ReplyContent, str]:
    """(content, renderer): the provider's words when it writes replies, else the templates."""
    intent_label = (lead["intent_fr"] if language == "fr" else lead["intent"]) or \
        ("Demande générale" if language == "fr" else "General Inquiry")
    name = (lead["name"] or "").strip() or ("Madame, Monsieur" if language == "fr" else "there")
    context = {"name": name, "business": lead["business_name"], "message": lead["message"] or "",
               "intent": intent_label, "tone": tone, "language": language}
    try:
        prompt = None
        if getattr(ctx.provider, "uses_prompt_registry", False):
            prompt = (await _one(ctx, "active_prompt", {"prompt_name": REPLY_PROMPT, "language": language}))["prompt"]
        if ctx.provider.blocking:
            pieces = await asyncio.to_thread(ctx.provider.write_reply, context, prompt)
        else:
            pieces = ctx.provider.write_reply(context, prompt)
        return ReplyContent.from_json(pieces), ctx.provider.name
    except NotImplementedError:
        renderer = "template"
    except Exception as e:  # noqa: BLE001 - any provider failure: the templates still answer the lead
        renderer = f"template (provider failed: {type(e).__name__})"
    return template_reply(name=name, business=lead["business_name"], intent_label=intent_label,
                          category=lead["category"], tone=tone, language=language), renderer


def _finish(lead_id, status: str, details: dict):
    async def apply(conn) -> dict:
        cur = conn.cursor(row_factory=dict_row)
        row = await (await cur.execute(QUERIES["finish_lead_reply"], {
            "lead_id": lead_id, "status": status, "details": Jsonb(details)})).fetchone()
        return row["outcome"]
    return apply


async def handle_email_response(job: Job, ctx: Context) -> Outcome:
    lead_id = job.payload.get("lead_id")
    if not lead_id:
        raise ValueError(f"payload has no lead_id: {job.payload}")
    lead = await _one(ctx, "lead_for_reply", {"lead_id": lead_id})
    if lead is None or lead["deleted"] or not lead["email"]:
        return Outcome(result={"skipped": "lead not found, deleted or without e-mail", "lead_id": str(lead_id)})
    if not lead["ai_personalized_reply"]:
        return Outcome(result={"skipped": "client turned ai_personalized_reply off", "lead_id": str(lead_id)})

    mail = mail_runtime()
    language = lead["language"] if lead["language"] in LANGUAGES else "en"
    tone = lead["email_tone"]
    content, renderer = await compose(ctx, lead, language, tone)
    message = render_reply(content, lead_id=lead["id"], to_name=lead["name"], to_address=lead["email"],
                           from_name=lead["business_name"], from_address=mail.config.from_address,
                           language=language, booking_label=register(tone, language)["booking"],
                           booking_link=lead["booking_link"], unsubscribe_url=mail.config.unsubscribe_url)
    message_id = message["Message-ID"]
    details = {"language": language, "tone": tone, "subject": content.subject, "renderer": renderer}
    result = {"lead_id": str(lead_id), "message_id": message_id, "sender": mail.sender.name, "renderer": renderer}

    # Committed before the send (the pool's connections are autocommit): the at-most-once record.
    begun = (await _one(ctx, "begin_lead_reply", {"lead_id": lead_id, "message_id": message_id,
                                                   "sender": mail.sender.name}))["reply"]
    if begun["action"] == "done":
        return Outcome(result={**result, "skipped": f"reply already {begun['status']}"})
    if begun["action"] == "check":
        found = await mail.sender.lookup(message_id)
        if found is UNKNOWN:
            why = (f"an earlier attempt began sending {message_id} and {mail.sender.name} cannot tell whether it "
                   "left; not sent again (at most once)")
            return Outcome(result={**result, "status": "uncertain"},
                           apply=_finish(lead_id, "uncertain", {**details, "error": why}))
        if found is not None:
            return Outcome(result={**result, "status": "sent", "recovered": True},
                           apply=_finish(lead_id, "sent", {**details, "thread_id": found.thread_id,
                                                            "gmail_message_id": found.provider_message_id}))

    started = time.perf_counter()
    try:
        receipt = await mail.sender.send(message)
    except MailRefused as e:
        return Outcome(result={**result, "status": "failed", "error": str(e)},
                       apply=_finish(lead_id, "failed", {**details, "error": str(e)}))
    except MailNotSent as e:
        async with ctx.connection() as conn:
            await _finish(lead_id, "released", {**details, "error": str(e)})(conn)
        raise
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    return Outcome(result={**result, "status": "sent", "send_ms": elapsed_ms},
                   apply=_finish(lead_id, "sent", {**details, "thread_id": receipt.thread_id,
                                                    "gmail_message_id": receipt.provider_message_id,
                                                    "response_time_ms": elapsed_ms}))
