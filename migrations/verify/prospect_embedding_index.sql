-- Verify avenir:prospect_embedding_index on pg
do $$
begin
  if not exists (select from pg_catalog.pg_class c
                  where c.oid = 'public.prospect_candidates_embedding_idx'::regclass
                    and c.reloptions @> array['m=16', 'ef_construction=200']) then
    raise exception 'prospect_candidates_embedding_idx is not built with m 16, ef_construction 200';
  end if;
end
$$;
