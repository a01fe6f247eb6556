-- Revert avenir:log_retention from pg
begin;
do $$ begin perform cron.unschedule(jobid) from cron.job where jobname = 'avenir-purge-integration-logs'; end $$;
commit;
