"""The job handlers, one module per job_type (the contract: avenir.worker.jobs).

A new handler: a module here with `async def handle(job, ctx) -> Outcome` (its queries in a
`.sql` file beside it), and one line in BUILTIN. AVENIR_WORKER_EXTRA_HANDLERS adds others
(tests, plugins) without touching this file.
"""

from __future__ import annotations

import importlib

from ...errors import AvenirError
from ..jobs import Handler
from . import bulk_email, daily_prospect_queue, email_response, lead_enrichment, translation

BUILTIN: dict[str, Handler] = {
    "lead_enrichment": lead_enrichment.handle,
    "email_response": email_response.handle_email_response,
    "translation": translation.handle_translation,
    "daily_prospect_queue": daily_prospect_queue.handle_daily_prospect_queue,
    "bulk_email": bulk_email.handle_bulk_email,
}


def load_handlers(extra: str | None) -> dict[str, Handler]:
    """BUILTIN plus the `module:attribute` dict named by AVENIR_WORKER_EXTRA_HANDLERS."""
    email_response.mail_runtime()  # AVENIR_MAIL_URL checked, and where mail goes said, at the worker's start
    handlers = dict(BUILTIN)
    if extra:
        module_name, _, attribute = extra.partition(":")
        try:
            handlers.update(getattr(importlib.import_module(module_name), attribute or "HANDLERS"))
        except (ImportError, AttributeError) as e:
            raise AvenirError(f"AVENIR_WORKER_EXTRA_HANDLERS={extra!r} cannot be loaded: {e}") from None
    return handlers
