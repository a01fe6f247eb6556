-- Verify avenir:intelligence_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['growth_brain', 'feedback_tracking', 'performance_metrics'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['growth_brain', 'feedback_tracking', 'performance_metrics'])) < 16 then
    raise exception 'expected at least 16 policies on %', array['growth_brain', 'feedback_tracking', 'performance_metrics'];
  end if;
end
$$;
