-- integration_logs bounds: the rejected-call budget per address and key prefix, the 30-day
-- retention purge and its pg_cron job.
begin;
select plan(8);

select is((select array_agg(private.claim_log_budget('192.0.2.50', 'avk_x', 3)) from generate_series(1, 5)),
          array[true, true, true, false, false], 'a budget of 3 logs three calls, then refuses');
select is((select row(logged, dropped)::text from private.rejected_call_budget
            where client_address = '192.0.2.50' and key_prefix = 'avk_x'), row(3, 2)::text,
          'the refused calls are counted as dropped');
update private.rejected_call_budget set window_start = now() - interval '11 minutes'
 where client_address = '192.0.2.50' and key_prefix = 'avk_x';
select is(private.claim_log_budget('192.0.2.50', 'avk_x', 3), true, 'a new 10-minute window logs again');
select is(private.may_log_rejection(null, null), true, 'a call with no address and no key has a budget too');

insert into public.integration_logs (endpoint, method, response_status, created_at)
values ('/rpc/submit_lead', 'POST', 401, now() - interval '31 days'),
       ('/rpc/submit_lead', 'POST', 401, now() - interval '29 days');
select is((private.purge_integration_logs() ->> 'integration_logs')::int >= 1, true,
          'purge_integration_logs deletes rows older than 30 days');
select is((select count(*)::int from integration_logs where created_at < now() - interval '28 days'), 1,
          'rows inside the retention are kept');
select is((select count(*)::int from private.rejected_call_budget where client_address = '192.0.2.50'), 1,
          'budgets in use are kept');
select is((select schedule || ' ' || command from cron.job where jobname = 'avenir-purge-integration-logs'),
          '41 3 * * * select private.purge_integration_logs()', 'the purge runs every night');

select * from finish();
rollback;
