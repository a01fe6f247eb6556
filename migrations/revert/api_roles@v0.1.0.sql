-- Revert avenir:api_roles from pg
-- Roles are cluster-wide: drop only those this project created (marked by their comment).
begin;
do $$
declare
  r record;
begin
  for r in
    select rolname from pg_roles
    where rolname in ('authenticator', 'anon', 'authenticated', 'service_role')
      and shobj_description(oid, 'pg_authid') = 'created by avenir'
    order by rolname = 'authenticator' desc
  loop
    execute format('drop role %I', r.rolname);
  end loop;
end
$$;
commit;
