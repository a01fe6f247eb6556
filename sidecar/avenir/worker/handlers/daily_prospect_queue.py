"""daily_prospect_queue: today's ranked prospects (build_daily_prospect_queue), stored as the job's result.

Until the outreach issue turns the list into pending e-mails, the queue IS the result; building it
in `apply` keeps it in the completing transaction, where the e-mails will be written too.
"""

from __future__ import annotations

from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome

QUERIES = NamedQueries("avenir.prospects", "queries.sql")
DEFAULT_SIZE = 16


async def handle_daily_prospect_queue(job: Job, ctx: Context) -> Outcome:
    n = int(job.payload.get("n", DEFAULT_SIZE))

    async def apply(conn) -> dict:
        cur = conn.cursor(row_factory=dict_row)
        return (await (await cur.execute(QUERIES["build_daily_prospect_queue"], {"n": n})).fetchone())["queue"]

    return Outcome(result={"n": n}, apply=apply)
