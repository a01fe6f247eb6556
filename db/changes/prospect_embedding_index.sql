-- The HNSW build parameters of the prospect embedding index (sqitch change prospect_embedding_index).
-- db/prospects.sql describes the result (a fresh deploy already has it from there): idempotent,
-- the index is rebuilt only when its options differ. ef_construction 200 instead of pgvector's 64:
-- a better connected graph (with 64 a few queries of the benchmark lose most of their neighbours
-- whatever ef_search), for a build about twice as long (bench/prospects/RESULTS.md).
do $$
begin
  if not exists (select from pg_catalog.pg_class c
                  where c.oid = 'public.prospect_candidates_embedding_idx'::regclass
                    and c.reloptions @> array['m=16', 'ef_construction=200']) then
    drop index public.prospect_candidates_embedding_idx;
    create index prospect_candidates_embedding_idx
      on public.prospect_candidates using hnsw (embedding extensions.vector_cosine_ops)
      with (m = 16, ef_construction = 200);
  end if;
end
$$;
