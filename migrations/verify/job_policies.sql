-- Verify avenir:job_policies on pg
do $$
declare
  t text;
begin
  foreach t in array array['queue_jobs'] loop
    if not exists (select from pg_policies where schemaname = 'public' and tablename = t
                   and policyname = t || '_select_service_role') then
      raise exception 'public.% has no service_role policies', t;
    end if;
  end loop;
  if (select count(*) from pg_policies where schemaname = 'public' and tablename = any (array['queue_jobs'])) < 4 then
    raise exception 'expected at least 4 policies on %', array['queue_jobs'];
  end if;
end
$$;
