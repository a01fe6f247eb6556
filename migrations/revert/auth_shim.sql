-- Revert avenir:auth_shim from pg
-- Drop only the helpers this project created; Supabase's own auth schema stays.
begin;
do $$
declare
  name text;
  f regprocedure;
begin
  foreach name in array array['auth.jwt()', 'auth.role()', 'auth.uid()'] loop
    f := to_regprocedure(name);
    if f is not null and obj_description(f, 'pg_proc') like '%(created by avenir).' then
      execute format('drop function %s', f);
    end if;
  end loop;
  if not exists (select from pg_depend d join pg_namespace n on d.refobjid = n.oid
                 where n.nspname = 'auth' and d.refclassid = 'pg_namespace'::regclass) then
    drop schema if exists auth;
  end if;
end
$$;
commit;
