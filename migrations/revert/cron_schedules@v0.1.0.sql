-- Revert avenir:cron_schedules from pg
begin;
drop view if exists private.cron_status;
do $$ begin perform cron.unschedule(jobid) from cron.job where jobname like 'avenir-%'; end $$;
commit;
