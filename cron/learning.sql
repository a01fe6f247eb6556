-- The learning loop's periodic tasks, one function each (each takes its own advisory lock, so a
-- slow run never overlaps the next). pg_cron runs in UTC. cron.schedule replaces a job of the same
-- name, so re-applying this file is safe.
do $$
begin
  perform cron.schedule('avenir-growth-brain-weekly', '0 6 * * 1', 'select public.refresh_growth_brain()');
  perform cron.schedule('avenir-evaluate-ab-tests', '5 * * * *', 'select public.evaluate_ab_tests()');
  perform cron.schedule('avenir-learning-pass', '35 * * * *', 'select public.learning_pass()');
end
$$;
