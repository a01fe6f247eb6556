-- The Supabase API roles, created only where missing (Supabase and a shared cluster have them).
-- A role this project created carries the comment below, so the revert drops only those.
do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon',          'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role',  'nologin noinherit bypassrls'),
      ('authenticator', 'login noinherit')
    ) as roles(name, options)
  loop
    if not exists (select from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.options);
      execute format('comment on role %I is %L', r.name, 'created by avenir');
    end if;
  end loop;
end
$$;

-- The gateway connects as authenticator and switches to the role the JWT names.
grant anon, authenticated, service_role to authenticator;

-- A statement_timeout per API role, as Supabase sets them: a stranger's query cannot pin a core.
-- anon 3 s, authenticated 8 s (Supabase's values), service_role 60 s (the spec's API limit; jobs
-- run in the worker, whose session is authenticator's and keeps no limit). The gateway (like
-- PostgREST) applies the impersonated role's settings to each request. Only roles this project
-- created are changed: on Supabase the platform's own settings stay.
do $$
declare
  r record;
begin
  for r in
    select * from (values ('anon', '3s'), ('authenticated', '8s'), ('service_role', '60s')) as limits(name, timeout)
  loop
    if exists (select from pg_roles where rolname = r.name
                and shobj_description(oid, 'pg_authid') = 'created by avenir') then
      execute format('alter role %I set statement_timeout = %L', r.name, r.timeout);
    end if;
  end loop;
end
$$;
