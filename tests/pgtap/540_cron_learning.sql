-- The learning loop's schedules: one function per periodic task, named avenir-<task>, in UTC.
begin;
select plan(4);

select is((select schedule || ' ' || command from cron.job where jobname = 'avenir-growth-brain-weekly'),
          '0 6 * * 1 select public.refresh_growth_brain()', 'the growth brain runs Mondays at 06:00 UTC for every client');
select is((select schedule || ' ' || command from cron.job where jobname = 'avenir-evaluate-ab-tests'),
          '5 * * * * select public.evaluate_ab_tests()', 'A/B tests are evaluated hourly');
select is((select schedule || ' ' || command from cron.job where jobname = 'avenir-learning-pass'),
          '35 * * * * select public.learning_pass()', 'the learning pass runs hourly');
select is((select count(*)::int from private.cron_status
            where jobname in ('avenir-growth-brain-weekly', 'avenir-evaluate-ab-tests', 'avenir-learning-pass') and active),
          3, 'all three are active and listed in private.cron_status');

select * from finish();
rollback;
