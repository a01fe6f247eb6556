-- release_jobs (graceful shutdown), retry_job (dead letter back to the queue), reap_stale_jobs
-- (a silent worker loses its jobs after timeout_seconds).
begin;
select plan(15);

delete from queue_jobs;
select tests.authenticate_as('service_role');

insert into queue_jobs (id, job_type, status, attempts, max_attempts, locked_by, heartbeat_at, timeout_seconds,
                        dedup_key, error, last_error) values
  ('00000000-0000-4000-8000-000000000021', 'form_test', 'processing', 1, 5, 'w1', now(), 300, null, null, null),
  ('00000000-0000-4000-8000-000000000022', 'form_test', 'processing', 2, 5, 'w1', now() - interval '301 s', 300, null, null, null),
  ('00000000-0000-4000-8000-000000000023', 'form_test', 'processing', 5, 5, 'w1', now() - interval '11 s', 10, null, null, null),
  ('00000000-0000-4000-8000-000000000024', 'form_test', 'processing', 1, 5, 'w1', now() - interval '299 s', 300, null, null, null),
  ('00000000-0000-4000-8000-000000000025', 'form_test', 'failed', 5, 5, null, null, 300, 'k25', 'gone', 'gone'),
  ('00000000-0000-4000-8000-000000000026', 'form_test', 'failed', 5, 5, null, null, 300, 'k26', 'gone', 'gone'),
  ('00000000-0000-4000-8000-000000000027', 'form_test', 'pending', 0, 5, null, null, 300, 'k26', null, null);

select is(release_jobs('w2', array['00000000-0000-4000-8000-000000000021']::uuid[]), 0,
          'a worker cannot release a job it does not hold');
select is(release_jobs('w1', array['00000000-0000-4000-8000-000000000021']::uuid[]), 1, 'the holder releases its job');
select is((select status || ' ' || attempts from queue_jobs where id = '00000000-0000-4000-8000-000000000021'),
          'pending 0', 'a released job is pending again and its attempt is given back');

select is(reap_stale_jobs(), 2, 'reap_stale_jobs takes back the two jobs past their timeout');
select is((select status from queue_jobs where id = '00000000-0000-4000-8000-000000000022'), 'pending',
          'a stale job with attempts left is pending again');
select ok((select last_error like 'timed out%' and locked_by is null from queue_jobs
            where id = '00000000-0000-4000-8000-000000000022'), 'the timeout is recorded and the lock dropped');
select is((select status from queue_jobs where id = '00000000-0000-4000-8000-000000000023'), 'failed',
          'a stale job out of attempts fails for good (per-job timeout_seconds honoured)');
select is((select status from queue_jobs where id = '00000000-0000-4000-8000-000000000024'), 'processing',
          'a job within its timeout is left alone');
select is(reap_stale_jobs(), 0, 'reaping twice takes nothing more');

select is((retry_job('00000000-0000-4000-8000-000000000025')).status, 'pending', 'retry_job re-queues a dead letter');
select is((select attempts || ' ' || last_error from queue_jobs where id = '00000000-0000-4000-8000-000000000025'),
          '0 gone', 'a re-queued job starts its attempts again and keeps its last error');
select throws_ok($$select retry_job('00000000-0000-4000-8000-000000000025')$$, '22023', null,
                 'only a failed job can be re-queued');
select throws_ok($$select retry_job('00000000-0000-4000-8000-000000000026')$$, '23505', null,
                 'a dead letter whose dedup_key is pending again is not re-queued twice');
select throws_ok($$select retry_job('00000000-0000-4000-8000-0000000000ff')$$, '22023', null,
                 'an unknown job cannot be re-queued');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok($$select reap_stale_jobs()$$, '42501', null, 'a client cannot reap jobs');

select * from finish();
rollback;
