"""The worker's daily_prospect_queue handler: the ranked list becomes the job's result."""

import asyncio

import psycopg

from avenir.worker.handlers import BUILTIN
from avenir.worker.jobs import Context, Job


def test_daily_prospect_queue_job_applies_the_ranked_list(db_url):
    async def run():
        async with await psycopg.AsyncConnection.connect(db_url) as conn:
            await conn.execute("delete from prospect_candidates")
            await conn.execute(
                "insert into prospect_candidates (business_name, website, contact_email, industry, "
                "automation_need_score) values ('A', 'job-a.test', 'a@job-a.test', 'Dental', 90), "
                "('B', 'job-b.test', 'b@job-b.test', 'Dental', 80), ('C', 'job-c.test', 'c@job-c.test', 'Legal', 50)")
            handler = BUILTIN["daily_prospect_queue"]
            job = Job(id="00000000-0000-4000-8000-000000000001", job_type="daily_prospect_queue", payload={"n": 2},
                      attempts=1, max_attempts=3, timeout_seconds=300)
            outcome = await handler(job, Context(provider=None, worker_id="test", connection=None))
            applied = await outcome.apply(conn)
            await conn.rollback()
            return outcome, applied

    outcome, applied = asyncio.run(run())
    assert outcome.result == {"n": 2}
    assert [p["website"] for p in applied["prospects"]] == ["job-a.test", "job-c.test"]  # spread over industries
    assert applied["eligible"] == 3
