-- enqueue_job: inserts a due pending job, dedups on dedup_key while pending, refuses bad input,
-- notifies only when no other due job waits, and is service_role's alone.
begin;
select plan(17);

delete from queue_jobs;  -- rolled back: this file sees only its own jobs
select tests.authenticate_as('service_role');

select ok(enqueue_job('form_test', '{"n": 1}') is not null, 'enqueue_job returns the new job id');
select is((select status from queue_jobs where payload = '{"n": 1}'), 'pending', 'a new job is pending');
select is((select attempts from queue_jobs where payload = '{"n": 1}'), 0, 'a new job has no attempt yet');
select is((select max_attempts from queue_jobs where payload = '{"n": 1}'), 5, 'max_attempts defaults to 5');
select is((select timeout_seconds from queue_jobs where payload = '{"n": 1}'), 300, 'timeout defaults to the spec''s 300 s');

select is(enqueue_job('lead_enrichment', '{"lead_id": 1}', dedup_key => 'lead_enrichment:1'),
          enqueue_job('lead_enrichment', '{"lead_id": 1}', dedup_key => 'lead_enrichment:1'),
          'the same dedup_key while pending returns the pending job''s id');
select is((select count(*)::int from queue_jobs where dedup_key = 'lead_enrichment:1'), 1,
          'a pending job with the same dedup_key is not enqueued twice');
update queue_jobs set status = 'completed' where dedup_key = 'lead_enrichment:1';
select isnt(enqueue_job('lead_enrichment', '{"lead_id": 1}', dedup_key => 'lead_enrichment:1'),
            (select id from queue_jobs where dedup_key = 'lead_enrichment:1' and status = 'completed'),
            'once the job is done, the same dedup_key enqueues a new job');

select throws_ok($$select enqueue_job('nonsense', '{}')$$, '22023', null, 'an unknown job_type is refused with 22023');
select throws_ok($$select enqueue_job('form_test', '[1, 2]')$$, '22023', null, 'a payload that is not an object is refused');
select throws_ok($$select enqueue_job('form_test', '{"client_id": "nope"}')$$, '22023', null,
                 'a payload client_id that is not a uuid is refused');
select throws_ok($$select enqueue_job('form_test', '{}', dedup_key => repeat('k', 201))$$, '22023', null,
                 'a dedup_key over 200 characters is refused');

select enqueue_job('form_test', '{"p": 7}', priority => 7);
select enqueue_job('form_test', '{"later": true}', now() + interval '1 hour');
select is((select priority from queue_jobs where payload = '{"p": 7}'), 7, 'priority is stored');
select ok((select run_at > now() from queue_jobs where payload = '{"later": true}'), 'run_at schedules the job later');
select is((select count(*)::int from queue_jobs), 5, 'the refused calls enqueued nothing');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok($$select enqueue_job('form_test')$$, '42501', null, 'a client cannot enqueue jobs');
select tests.authenticate_as('anon');
select throws_ok($$select enqueue_job('form_test')$$, '42501', null, 'anon cannot enqueue jobs');

select * from finish();
rollback;
