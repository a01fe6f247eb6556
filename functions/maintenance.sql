-- Periodic clean-up that the spec implies: expired predictions (1 year), expired translations
-- (90 days), finished jobs ("periodically cleaned up after completion"). Run by pg_cron.

-- Finished jobs are swept by age; failed ones stay (dead letters) until re-queued or inspected.
create index if not exists queue_jobs_completed_idx on public.queue_jobs (completed_at) where status = 'completed';

create or replace function private.purge_expired_rows(completed_jobs_kept_for interval default interval '7 days')
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  feedback integer;
  translations integer;
  jobs integer;
begin
  delete from public.feedback_tracking where expires_at < pg_catalog.now();
  get diagnostics feedback = row_count;
  delete from public.translation_cache where expires_at < pg_catalog.now();
  get diagnostics translations = row_count;
  delete from public.queue_jobs
   where status = 'completed' and completed_at < pg_catalog.now() - completed_jobs_kept_for;
  get diagnostics jobs = row_count;
  return pg_catalog.jsonb_build_object('feedback_tracking', feedback, 'translation_cache', translations,
                                       'queue_jobs', jobs);
end
$$;
comment on function private.purge_expired_rows(interval) is
  'Delete expired feedback_tracking and translation_cache rows and completed jobs older than the given age '
  '(default 7 days); returns the counts. Scheduled as avenir-purge-expired.';
revoke execute on function private.purge_expired_rows(interval) from public;
grant execute on function private.purge_expired_rows(interval) to service_role;
