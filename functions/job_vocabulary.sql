-- The job queue's vocabulary, stated once: the job types queue_jobs accepts (its CHECK and
-- enqueue_job's HINT read them here) and the NOTIFY channel that wakes the workers (enqueue_job,
-- release_jobs and retry_job notify it; the worker reads it before it LISTENs).

create or replace function private.job_types()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- The spec's three (daily_prospect_queue, bulk_email, intelligence_analysis), then those of the
  -- lead, translation, embedding and form-test flows. Adding one: append it here (rework the
  -- job_vocabulary change); removing one needs the rows of that type gone first.
  select array['daily_prospect_queue', 'bulk_email', 'intelligence_analysis',
               'lead_enrichment', 'email_response', 'translation', 'embedding', 'form_test'];
$$;
comment on function private.job_types() is
  'The job types of queue_jobs (its CHECK queue_jobs_job_type_check and enqueue_job''s hint read them).';
revoke execute on function private.job_types() from public, anon, authenticated;
grant execute on function private.job_types() to service_role;

create or replace function private.job_channel()
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select 'avenir_jobs';
$$;
comment on function private.job_channel() is
  'The NOTIFY channel on which due jobs wake the workers (the worker LISTENs on what this returns).';
revoke execute on function private.job_channel() from public, anon, authenticated;
grant execute on function private.job_channel() to service_role;
