-- The HNSW build parameters of the prospect embedding index (sqitch change prospect_embedding_index).
-- db/prospects.sql describes the result (a fresh deploy already has it from there): idempotent,
-- the index is rebuilt only when its options differ. m 24 and ef_construction 400 instead of
-- pgvector's 16 and 64: a better connected graph. With 16/64 a few queries of the benchmark lose
-- most of their neighbours at 35,000; with 16/200 6 of 100 queries lose all of theirs at 200,000
-- (recall@10 0.94 at ef_search 100); 24/400 loses none there (0.998), for a build of 850 s
-- instead of 761 s at 200,000 (bench/prospects/RESULTS.md).
do $$
begin
  if not exists (select from pg_catalog.pg_class c
                  where c.oid = 'public.prospect_candidates_embedding_idx'::regclass
                    and c.reloptions @> array['m=24', 'ef_construction=400']) then
    drop index public.prospect_candidates_embedding_idx;
    create index prospect_candidates_embedding_idx
      on public.prospect_candidates using hnsw (embedding extensions.vector_cosine_ops)
      with (m = 24, ef_construction = 400);
  end if;
end
$$;
