-- Outreach's periodic tasks (cron.schedule replaces a job of the same name: re-applying is safe).
do $$
begin
  perform cron.schedule('avenir-outreach-metrics', '20 * * * *', 'select public.refresh_outreach_metrics()');
  perform cron.schedule('avenir-industry-performance', '25 * * * *', 'select public.refresh_industry_performance()');
end
$$;
