-- The foundation: extensions, API roles, schemas, the auth shim, default privileges.
begin;
select plan(22);

select has_extension('vector', 'pgvector is created');
select has_extension('pg_cron', 'pg_cron is created');
select has_extension('plpython3u', 'plpython3u is created where offered');
select has_extension('pgcrypto', 'pgcrypto is created');
select has_extension('pg_trgm', 'pg_trgm is created');
select has_extension('pg_stat_statements', 'pg_stat_statements is created');
select is((select extversion from pg_extension where extname = 'vector'), '0.8.0', 'pgvector is 0.8.0');

select has_role('anon', 'role anon exists');
select has_role('authenticated', 'role authenticated exists');
select has_role('service_role', 'role service_role exists');
select is((select rolbypassrls from pg_roles where rolname = 'service_role'), true, 'service_role bypasses RLS');
select is((select rolcanlogin and not rolinherit from pg_roles where rolname = 'authenticator'), true,
          'authenticator is LOGIN NOINHERIT');
select ok(pg_has_role('authenticator', 'service_role', 'member'), 'authenticator can switch to service_role');

select has_schema('private', 'schema private exists');
select ok(not has_schema_privilege('anon', 'private', 'usage'), 'anon cannot reach schema private');
select ok(not has_schema_privilege('authenticated', 'private', 'usage'), 'authenticated cannot reach schema private');

-- A function created from now on is executable by nobody until granted.
create function public.lint_probe() returns int language sql as 'select 1';
select ok(not has_function_privilege('anon', 'public.lint_probe()', 'execute'),
          'a new function is not executable by anon until granted');

select is(
  (select setting from pg_settings where name = 'shared_preload_libraries'),
  'pg_cron,pg_stat_statements', 'pg_cron and pg_stat_statements are preloaded');

select lives_ok($$ do $py$ import python_udfs $py$ language plpython3u $$,
                'PL/Python imports the project''s python_udfs package');

select tests.authenticate_as('authenticated', '{"client_id": "6f1c2d9e-0000-4000-8000-000000000001", "sub": "6f1c2d9e-0000-4000-8000-000000000001"}');
select is(current_user::text, 'authenticated', 'the persona helper switches the role');
select is(auth.jwt() ->> 'client_id', '6f1c2d9e-0000-4000-8000-000000000001', 'auth.jwt() reads the request claims');
select is(auth.uid(), '6f1c2d9e-0000-4000-8000-000000000001'::uuid, 'auth.uid() reads the sub claim');

select * from finish();
rollback;
