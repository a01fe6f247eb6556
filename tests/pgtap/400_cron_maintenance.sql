-- pg_cron schedules and the clean-up they run.
begin;
select plan(10);

select set_eq(
  $$ select jobname, schedule from cron.job where jobname like 'avenir-%' $$,
  $$ values ('avenir-prune-login-attempts', '*/15 * * * *'), ('avenir-purge-expired', '17 3 * * *'),
            ('avenir-purge-integration-logs', '41 3 * * *'),
            ('avenir-growth-brain-weekly', '0 6 * * 1'), ('avenir-evaluate-ab-tests', '5 * * * *'),
            ('avenir-learning-pass', '35 * * * *'),
            ('avenir-daily-prospect-queue', '0 8 * * 1-5'), ('avenir-expire-form-tests', '*/30 * * * *'),
            ('avenir-outreach-metrics', '20 * * * *'), ('avenir-industry-performance', '25 * * * *'),
            ('avenir-outreach-follow-ups', '10 * * * *') $$,
  'every periodic task is scheduled once, by name');
select is((select count(*)::int from private.cron_status), 11, 'private.cron_status lists the avenir-* jobs');

-- Each scheduled command runs as it is written.
select is_empty($$ select from cron.job where command like '%reap_stale_jobs%' $$,
                'stale jobs are not reaped by pg_cron: the workers own it (functions/jobs.sql)');
select lives_ok((select command from cron.job where jobname = 'avenir-prune-login-attempts'), 'prune command runs');

-- Rows on both sides of each expiry.
insert into public.feedback_tracking (action_type, context_data, expires_at, notes)
values ('system_performance', '{}', now() - interval '1 minute', 'cron-test expired'),
       ('system_performance', '{}', now() + interval '1 day', 'cron-test live');
insert into public.translation_cache (source_text, source_language, target_language, translated_text, context_type, expires_at)
values ('cron-test old', 'en', 'fr', 'vieux', 'ui_text', now() - interval '1 day'),
       ('cron-test new', 'en', 'fr', 'neuf', 'ui_text', now() + interval '1 day');
insert into public.queue_jobs (job_type, status, completed_at, payload)
values ('translation', 'completed', now() - interval '8 days', '{"cron_test": "old"}'),
       ('translation', 'completed', now() - interval '1 hour', '{"cron_test": "recent"}'),
       ('translation', 'failed', now() - interval '30 days', '{"cron_test": "dead letter"}');

select lives_ok((select command from cron.job where jobname = 'avenir-purge-expired'), 'purge command runs');
select is((select count(*)::int from public.feedback_tracking where notes like 'cron-test%'), 1,
          'expired feedback is deleted, live feedback kept');
select is((select notes from public.feedback_tracking where notes like 'cron-test%'), 'cron-test live',
          'the kept feedback is the live one');
select set_eq($$ select source_text from public.translation_cache where source_text like 'cron-test%' $$,
              $$ values ('cron-test new') $$, 'expired translations are deleted');
select set_eq($$ select payload ->> 'cron_test' from public.queue_jobs where payload ? 'cron_test' $$,
              $$ values ('recent'), ('dead letter') $$,
              'completed jobs older than 7 days are deleted; recent ones and dead letters stay');
select throws_ok($$ select private.purge_expired_rows() $$, '42501', null,
                 'only the owner and service_role run the purge') from tests.authenticate_as('authenticated');

select * from finish();
rollback;
