-- integration_logs bounds: the one per-address budget rule (the rejected-call scope), the 30-day
-- retention purge and its pg_cron job.
begin;
select plan(10);

select is((select array_agg(private.claim_address_budget('rejected_call_log', 'avk_x', '192.0.2.50') is null)
             from generate_series(1, 22)),
          array_fill(true, array[20]) || array[false, false], 'a budget of 20 logs twenty calls, then refuses');
select is((select row(used, refused)::text from private.address_budgets
            where scope = 'rejected_call_log' and client_address = '192.0.2.50' and subject = 'avk_x'), row(20, 2)::text,
          'the refused calls are counted');
select is(private.claim_address_budget('rejected_call_log', 'avk_x', '192.0.2.50') - now(), interval '10 minutes',
          'a refused call is told when the window ends');
update private.address_budgets set window_start = now() - interval '11 minutes'
 where scope = 'rejected_call_log' and client_address = '192.0.2.50' and subject = 'avk_x';
select is(private.claim_address_budget('rejected_call_log', 'avk_x', '192.0.2.50'), null,
          'a new 10-minute window logs again');
select throws_ok($$select private.claim_address_budget('nothing', '', '192.0.2.50')$$, '22023', null,
                 'an unknown scope is refused');
select is(private.may_log_rejection(null, null), true, 'a call with no address and no key has a budget too');

insert into public.integration_logs (endpoint, method, response_status, created_at)
values ('/rpc/submit_lead', 'POST', 401, now() - interval '31 days'),
       ('/rpc/submit_lead', 'POST', 401, now() - interval '29 days');
select is((private.purge_integration_logs() ->> 'integration_logs')::int >= 1, true,
          'purge_integration_logs deletes rows older than 30 days');
select is((select count(*)::int from integration_logs where created_at < now() - interval '28 days'), 1,
          'rows inside the retention are kept');
select is((select count(*)::int from private.address_budgets where client_address = '192.0.2.50'), 1,
          'budgets in use are kept');
select is((select schedule || ' ' || command from cron.job where jobname = 'avenir-purge-integration-logs'),
          '41 3 * * * select private.purge_integration_logs()', 'the purge runs every night');

select * from finish();
rollback;
