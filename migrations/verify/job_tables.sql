-- Verify avenir:job_tables on pg
\set tables 'queue_jobs'
\ir lib/secured_tables.sql
do $$
begin
  if has_table_privilege('authenticated', 'public.queue_jobs', 'select') then
    raise exception 'queue_jobs is service_role only';
  end if;
end
$$;
do $$
begin
  if pg_get_constraintdef((select oid from pg_constraint where conname = 'queue_jobs_job_type_check'
                            and conrelid = 'public.queue_jobs'::regclass)) not like '%private.job_types()%' then
    raise exception 'queue_jobs_job_type_check must read private.job_types()';
  end if;
end
$$;
do $$
begin
  if not 'lead_enrichment' = any (private.job_types()) then
    raise exception 'private.job_types() lacks lead_enrichment';
  end if;
  if coalesce(private.job_channel(), '') = '' then
    raise exception 'private.job_channel() names no channel';
  end if;
  if has_function_privilege('authenticated', 'private.job_types()', 'execute') then
    raise exception 'private.job_types() must not be executable by authenticated';
  end if;
end
$$;
