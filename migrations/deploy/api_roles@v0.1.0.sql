-- Deploy avenir:api_roles to pg
begin;
-- db/roles.sql as of @v0.1.0
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
commit;
