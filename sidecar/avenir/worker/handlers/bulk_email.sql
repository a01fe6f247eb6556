-- Queries of the bulk_email handler (bulk_email.py) and of the daily queue's handoff to outreach:
-- `-- name: <name>` blocks loaded with avenir_gateway.sql_files.NamedQueries.

-- name: campaign_for_send
select c.id, c.status, c.send_concurrency from public.outreach_campaigns c where c.id = %(campaign_id)s;

-- name: begin_outreach_sends
select public.begin_outreach_sends(%(campaign_id)s, %(n)s, %(sender)s, %(domain)s, %(tracking_url)s, %(job_id)s,
                                   %(job_attempt)s) as claim;

-- name: finish_outreach_sends
select public.finish_outreach_sends(%(outcomes)s) as outcome;

-- name: enqueue_campaign_send_later
select public.enqueue_job('bulk_email', jsonb_build_object('campaign_id', %(campaign_id)s::uuid,
                                                           'client_id', %(client_id)s::uuid),
                          run_at => now() + make_interval(secs => %(seconds)s),
                          dedup_key => 'bulk_email:' || %(campaign_id)s) as job_id;

-- name: queue_daily_outreach
select public.queue_daily_outreach(%(n)s, %(campaign_id)s) as queue;
