-- Revert avenir:outreach_follow_up_schedule from pg
begin;
do $$ begin
  perform cron.unschedule(jobid) from cron.job where jobname = 'avenir-outreach-follow-ups';
end $$;
commit;
