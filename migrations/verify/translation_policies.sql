-- Verify avenir:translation_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['translation_cache', 'translation_dictionary'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['translation_cache', 'translation_dictionary'])) < 10 then
    raise exception 'expected at least 10 policies on %', array['translation_cache', 'translation_dictionary'];
  end if;
end
$$;
