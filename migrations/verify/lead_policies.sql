-- Verify avenir:lead_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['lead_memory', 'lead_actions', 'lead_notes'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['lead_memory', 'lead_actions', 'lead_notes'])) < 15 then
    raise exception 'expected at least 15 policies on %', array['lead_memory', 'lead_actions', 'lead_notes'];
  end if;
end
$$;
