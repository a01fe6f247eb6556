-- Prospect discovery's periodic tasks (cron.schedule replaces a job of the same name: re-applying
-- this file is safe). The daily queue runs in the worker (job daily_prospect_queue); one job per
-- day, whatever the retries of the schedule (dedup_key).
do $$
begin
  perform cron.schedule('avenir-daily-prospect-queue', '0 8 * * 1-5',
    $job$select public.enqueue_job('daily_prospect_queue', '{"n": 16}'::jsonb,
           dedup_key => 'daily_prospect_queue:' || (now() at time zone 'utc')::date)$job$);
  perform cron.schedule('avenir-expire-form-tests', '*/30 * * * *', 'select public.expire_form_tests()');
end
$$;
