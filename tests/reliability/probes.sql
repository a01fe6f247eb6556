-- Test-only probes for test_statement_timeouts.py, created and dropped by its fixture.
create or replace function public.tests_statement_timeout() returns text
language sql volatile as $$ select current_setting('statement_timeout') $$;
create or replace function public.tests_sleep(seconds float8) returns integer
language sql volatile as $$ select 1 from pg_sleep(seconds) $$;
grant execute on function public.tests_statement_timeout(), public.tests_sleep(float8)
  to anon, authenticated, service_role;
