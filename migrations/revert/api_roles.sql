-- Revert avenir:api_roles to its @v0.1.0 definition
-- (the frozen deploy script; add above it the drops of anything the reworked change adds).
do $$
declare
  r record;
begin
  for r in
    select rolname from pg_roles
     where rolname in ('anon', 'authenticated', 'service_role')
       and shobj_description(oid, 'pg_authid') = 'created by avenir'
  loop
    execute format('alter role %I reset statement_timeout', r.rolname);
  end loop;
end
$$;
\ir ../deploy/api_roles@v0.1.0.sql
