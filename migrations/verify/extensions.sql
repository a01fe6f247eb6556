-- Verify avenir:extensions on pg
do $$
declare
  missing text;
begin
  select string_agg(name, ', ') into missing
  from unnest(array['pgcrypto', 'pg_trgm', 'vector', 'pg_stat_statements', 'pg_cron']) as name
  where not exists (select from pg_extension where extname = name);
  if missing is not null then
    raise exception 'extensions missing: %', missing;
  end if;
  if exists (select from pg_available_extensions where name = 'plpython3u')
     and not exists (select from pg_extension where extname = 'plpython3u') then
    raise exception 'plpython3u is available but not created';
  end if;
end
$$;
