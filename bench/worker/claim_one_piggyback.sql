-- pgbench: complete the previous job and claim the next in one statement (what the worker does).
with done as (
  update public.queue_jobs set status = 'completed', completed_at = now(), result = '{}', locked_by = null
   where id = :job_id::uuid
  returning 1
), picked as (
  select id from public.queue_jobs
   where status = 'pending' and run_at <= now()
   order by priority desc, run_at limit 1 for update skip locked
)
update public.queue_jobs q
   set status = 'processing', started_at = now(), heartbeat_at = now(), locked_by = 'pgbench', attempts = q.attempts + 1
  from picked where q.id = picked.id
returning quote_literal(q.id) as job_id \gset
