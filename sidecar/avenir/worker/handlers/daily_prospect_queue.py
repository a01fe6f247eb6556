"""daily_prospect_queue: today's ranked prospects handed to outreach (queue_daily_outreach).

The queue (build_daily_prospect_queue) becomes pending e-mails of the campaign the payload names,
or of Avenir's newest active internal campaign with a template; with none, the queue alone is the
result. Built in `apply`, so the e-mails commit with the job's completion.
"""

from __future__ import annotations

from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome

QUERIES = NamedQueries(__package__, "bulk_email.sql")
DEFAULT_SIZE = 16


async def handle_daily_prospect_queue(job: Job, ctx: Context) -> Outcome:
    n = int(job.payload.get("n", DEFAULT_SIZE))
    campaign_id = job.payload.get("campaign_id")

    async def apply(conn) -> dict:
        cur = conn.cursor(row_factory=dict_row)
        return (await (await cur.execute(QUERIES["queue_daily_outreach"],
                                         {"n": n, "campaign_id": campaign_id})).fetchone())["queue"]

    return Outcome(result={"n": n}, apply=apply)
