-- claim_jobs: due pending jobs only, highest priority first then earliest run_at, filtered by
-- type, marked processing for the worker with an attempt counted.
begin;
select plan(14);

delete from queue_jobs;
select tests.authenticate_as('service_role');

insert into queue_jobs (id, job_type, payload, priority, run_at) values
  ('00000000-0000-4000-8000-000000000001', 'form_test', '{"k": "low-old"}', 0, now() - interval '2 minutes'),
  ('00000000-0000-4000-8000-000000000002', 'form_test', '{"k": "high"}', 5, now() - interval '1 minute'),
  ('00000000-0000-4000-8000-000000000003', 'form_test', '{"k": "low-new"}', 0, now() - interval '1 minute'),
  ('00000000-0000-4000-8000-000000000004', 'form_test', '{"k": "future"}', 9, now() + interval '1 hour'),
  ('00000000-0000-4000-8000-000000000005', 'bulk_email', '{"k": "other-type"}', 9, now() - interval '1 minute');

select is((select array_agg(payload ->> 'k') from claim_jobs('w1', array['form_test'], 1)), array['high'],
          'the highest priority due job is claimed first');
select is((select array_agg(payload ->> 'k') from claim_jobs('w1', array['form_test'], 1)), array['low-old'],
          'among equal priorities, the earliest run_at comes next');
select is((select status from queue_jobs where id = '00000000-0000-4000-8000-000000000002'), 'processing',
          'a claimed job is processing');
select is((select locked_by from queue_jobs where id = '00000000-0000-4000-8000-000000000002'), 'w1',
          'a claimed job is locked by its worker');
select is((select attempts from queue_jobs where id = '00000000-0000-4000-8000-000000000002'), 1,
          'a claim counts an attempt');
select ok((select started_at is not null and heartbeat_at is not null from queue_jobs
            where id = '00000000-0000-4000-8000-000000000002'), 'a claim stamps started_at and heartbeat_at');
select is((select array_agg(payload ->> 'k') from claim_jobs('w2', array['form_test'], 10)), array['low-new'],
          'a job scheduled later and a job of another type are not claimed');
select is((select count(*)::int from claim_jobs('w2', array['form_test'], 10)), 0, 'nothing left to claim');
select is((select array_agg(payload ->> 'k') from claim_jobs('w3', null, 10)), array['other-type'],
          'null job_types claims every type');

select throws_ok($$select claim_jobs('', null, 1)$$, '22023', null, 'an empty worker_id is refused');
select throws_ok($$select claim_jobs('w', null, 0)$$, '22023', null, 'n below 1 is refused');
select throws_ok($$select claim_jobs('w', null, 1001)$$, '22023', null, 'n above 1000 is refused');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok($$select claim_jobs('w', null, 1)$$, '42501', null, 'a client cannot claim jobs');
select tests.authenticate_as('anon');
select throws_ok($$select claim_jobs('w', null, 1)$$, '42501', null, 'anon cannot claim jobs');

select * from finish();
rollback;
