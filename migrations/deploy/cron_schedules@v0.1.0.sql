-- Deploy avenir:cron_schedules to pg
begin;
-- cron/schedules.sql as of @v0.1.0
-- Every periodic task, named avenir-<task>. cron.schedule replaces a job of the same name, so
-- re-applying this file is safe. Jobs run in cron.database_name as the user who scheduled them.
do $$
begin
  perform cron.schedule('avenir-reap-stale-jobs', '* * * * *', 'select public.reap_stale_jobs()');
  perform cron.schedule('avenir-prune-login-attempts', '*/15 * * * *', 'select private.prune_login_attempts()');
  perform cron.schedule('avenir-purge-expired', '17 3 * * *', 'select private.purge_expired_rows()');
end
$$;

-- One place to inspect them: schedule, state and the last run of each.
create or replace view private.cron_status with (security_invoker = true) as
select j.jobname, j.schedule, j.command, j.active, last.status as last_status,
       last.start_time as last_start, last.end_time as last_end, last.return_message as last_message
  from cron.job j
  left join lateral (
    select d.status, d.start_time, d.end_time, d.return_message
      from cron.job_run_details d
     where d.jobid = j.jobid
     order by d.start_time desc nulls last
     limit 1
  ) last on true
 where j.jobname like 'avenir-%';
comment on view private.cron_status is 'The avenir-* pg_cron jobs with their schedule and last run (for DBAs: avenir cron).';
commit;
