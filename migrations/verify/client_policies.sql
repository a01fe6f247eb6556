-- Verify avenir:client_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['clients'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['clients'])) < 6 then
    raise exception 'expected at least 6 policies on %', array['clients'];
  end if;
end
$$;
