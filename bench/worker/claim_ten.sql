-- pgbench: claim ten due jobs with SKIP LOCKED, then complete them in one statement.
with picked as (
  select id from public.queue_jobs
   where status = 'pending' and run_at <= now()
   order by priority desc, run_at limit 10 for update skip locked
), claimed as (
  update public.queue_jobs q
     set status = 'processing', started_at = now(), heartbeat_at = now(), locked_by = 'pgbench', attempts = q.attempts + 1
    from picked where q.id = picked.id
  returning q.id
)
select quote_literal(array_agg(id)::text) as job_ids from claimed \gset
update public.queue_jobs set status = 'completed', completed_at = now(), result = '{}', locked_by = null
 where id = any (:job_ids::uuid[]);
