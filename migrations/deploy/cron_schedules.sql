-- Deploy avenir:cron_schedules to pg
begin;
-- Reaping left pg_cron for the workers (functions/jobs.sql says why).
select cron.unschedule(jobid) from cron.job where jobname = 'avenir-reap-stale-jobs';
\ir ../../cron/schedules.sql
commit;
