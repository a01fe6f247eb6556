-- Verify avenir:support_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['integration_logs', 'avenir_profile_embeddings', 'intent_translations'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['integration_logs', 'avenir_profile_embeddings', 'intent_translations'])) < 16 then
    raise exception 'expected at least 16 policies on %', array['integration_logs', 'avenir_profile_embeddings', 'intent_translations'];
  end if;
end
$$;
