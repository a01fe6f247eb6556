-- pg_prewarm (a contrib extension) where the server offers it, as plpython3u in db/extensions.sql:
-- `avenir up` reads the prospect HNSW index into shared_buffers with it, so the first similarity
-- queries after a restart do not read the graph page by page (README "Prospects").
do $$
begin
  if exists (select from pg_catalog.pg_available_extensions where name = 'pg_prewarm') then
    create extension if not exists pg_prewarm with schema extensions;
    -- Reads whole relations into memory: the owner's and staff's call, not an API role's.
    revoke execute on function extensions.pg_prewarm(regclass, text, text, bigint, bigint),
      extensions.autoprewarm_start_worker(), extensions.autoprewarm_dump_now() from public;
  end if;
end
$$;
