-- Revert avenir:prospect_schedules from pg
begin;
do $$ begin
  perform cron.unschedule(jobid) from cron.job
   where jobname in ('avenir-daily-prospect-queue', 'avenir-expire-form-tests');
end $$;
commit;
