-- Verify avenir:pg_prewarm on pg
do $$
begin
  if exists (select from pg_catalog.pg_available_extensions where name = 'pg_prewarm')
     and not exists (select from pg_catalog.pg_extension where extname = 'pg_prewarm') then
    raise exception 'pg_prewarm is offered by the server but not installed';
  end if;
end
$$;
