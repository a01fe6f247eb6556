-- statement_timeout per API role (db/roles.sql): set where the roles are this project's.
begin;
select plan(4);

select is((select setconfig from pg_db_role_setting where setrole = 'anon'::regrole and setdatabase = 0),
          array['statement_timeout=3s'], 'anon statements stop after 3 s');
select is((select setconfig from pg_db_role_setting where setrole = 'authenticated'::regrole and setdatabase = 0),
          array['statement_timeout=8s'], 'authenticated statements stop after 8 s');
select is((select setconfig from pg_db_role_setting where setrole = 'service_role'::regrole and setdatabase = 0),
          array['statement_timeout=60s'], 'service_role statements stop after 60 s (the API limit)');
select is((select count(*)::int from pg_db_role_setting where setrole = 'authenticator'::regrole), 0,
          'authenticator keeps no limit of its own (the worker''s session is authenticator''s)');

select * from finish();
rollback;
