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
