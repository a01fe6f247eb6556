-- complete_job, fail_job (backoff then dead letter) and heartbeat_jobs, each only for the holder.
begin;
select plan(20);

delete from queue_jobs;
select tests.authenticate_as('service_role');

insert into queue_jobs (id, job_type, status, attempts, max_attempts, locked_by, started_at, heartbeat_at) values
  ('00000000-0000-4000-8000-000000000011', 'form_test', 'processing', 1, 3, 'w1', now(), now() - interval '1 minute'),
  ('00000000-0000-4000-8000-000000000012', 'form_test', 'processing', 1, 3, 'w1', now(), now() - interval '1 minute'),
  ('00000000-0000-4000-8000-000000000013', 'form_test', 'processing', 3, 3, 'w1', now(), now()),
  ('00000000-0000-4000-8000-000000000014', 'form_test', 'pending', 0, 3, null, null, null);

select is(heartbeat_jobs('w1', array['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000014']::uuid[]),
          1, 'heartbeat_jobs counts only the processing jobs the worker holds');
select is((select heartbeat_at from queue_jobs where id = '00000000-0000-4000-8000-000000000011'), now(),
          'heartbeat_jobs stamps heartbeat_at');
select is(heartbeat_jobs('w2', array['00000000-0000-4000-8000-000000000011']::uuid[]), 0,
          'another worker cannot beat for a job it does not hold');

select is(complete_job('00000000-0000-4000-8000-000000000011', '{"ok": true}', 'w2'), false,
          'complete_job refuses a job held by another worker');
select is(complete_job('00000000-0000-4000-8000-000000000011', '{"ok": true}', 'w1'), true,
          'complete_job completes the holder''s job');
select is((select status || ' ' || result::text from queue_jobs where id = '00000000-0000-4000-8000-000000000011'),
          'completed {"ok": true}', 'a completed job keeps its result');
select ok((select completed_at is not null and locked_by is null from queue_jobs
            where id = '00000000-0000-4000-8000-000000000011'), 'a completed job is stamped and unlocked');
select is(complete_job('00000000-0000-4000-8000-000000000011', '{}'), false, 'a job completes once');
select throws_ok($$select complete_job('00000000-0000-4000-8000-0000000000ff', '{}')$$, '22023', null,
                 'complete_job of an unknown job is refused');

select is(fail_job('00000000-0000-4000-8000-000000000012', 'boom 1', 'w1'), 'pending',
          'a failed attempt with attempts left goes back to pending');
select ok((select run_at between now() + interval '0.5 s' and now() + interval '1 s' from queue_jobs
            where id = '00000000-0000-4000-8000-000000000012'), 'the first retry waits 0.5..1 s (1 s with jitter)');
select is((select last_error from queue_jobs where id = '00000000-0000-4000-8000-000000000012'), 'boom 1',
          'the attempt''s error is kept in last_error');
update queue_jobs set status = 'processing', attempts = 2, locked_by = 'w1' where id = '00000000-0000-4000-8000-000000000012';
select fail_job('00000000-0000-4000-8000-000000000012', 'boom 2', 'w1');
select ok((select run_at between now() + interval '1 s' and now() + interval '2 s' from queue_jobs
            where id = '00000000-0000-4000-8000-000000000012'), 'the second retry waits 1..2 s: exponential');
select is((select jsonb_array_length(result -> 'errors') from queue_jobs where id = '00000000-0000-4000-8000-000000000012'),
          2, 'every attempt''s error is kept');

select is(fail_job('00000000-0000-4000-8000-000000000013', 'boom last', 'w1'), 'failed',
          'the last allowed attempt fails for good');
select is((select error || ' / ' || last_error from queue_jobs where id = '00000000-0000-4000-8000-000000000013'),
          'boom last / boom last', 'a dead letter keeps error and last_error');
select is((select count(*)::int from dead_letter_jobs where id = '00000000-0000-4000-8000-000000000013'), 1,
          'the dead letter is listed in dead_letter_jobs');
select is(fail_job('00000000-0000-4000-8000-000000000013', 'again', 'w1'), null, 'a failed job cannot fail again');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok($$select complete_job('00000000-0000-4000-8000-000000000012', '{}')$$, '42501', null,
                 'a client cannot complete jobs');
select throws_ok($$select * from dead_letter_jobs$$, '42501', null, 'a client cannot list dead letters');

select * from finish();
rollback;
