-- Revert avenir:outreach_schedules from pg
begin;
do $$ begin
  perform cron.unschedule(jobid) from cron.job
   where jobname in ('avenir-outreach-metrics', 'avenir-industry-performance');
end $$;
commit;
