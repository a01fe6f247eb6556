-- Revert avenir:cron_learning from pg
begin;
do $$
begin
  perform cron.unschedule(jobid) from cron.job
   where jobname in ('avenir-growth-brain-weekly', 'avenir-evaluate-ab-tests', 'avenir-learning-pass');
end
$$;
commit;
