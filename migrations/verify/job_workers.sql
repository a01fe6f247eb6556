-- Verify avenir:job_workers on pg
do $$
begin
  if to_regclass('private.queue_workers') is null then
    raise exception 'private.queue_workers is missing';
  end if;
  if not (select relrowsecurity and relforcerowsecurity from pg_class where oid = 'private.queue_workers'::regclass) then
    raise exception 'private.queue_workers must have row-level security enabled and forced';
  end if;
  if not has_table_privilege('service_role', 'private.queue_workers', 'insert') then
    raise exception 'service_role must write private.queue_workers';
  end if;
end
$$;
