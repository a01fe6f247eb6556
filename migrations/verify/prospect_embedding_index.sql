-- Verify avenir:prospect_embedding_index on pg
do $$
begin
  if not exists (select from pg_catalog.pg_class c
                  where c.oid = 'public.prospect_candidates_embedding_idx'::regclass
                    and c.reloptions @> array['m=24', 'ef_construction=400']) then
    raise exception 'prospect_candidates_embedding_idx is not built with m 24, ef_construction 400';
  end if;
end
$$;
