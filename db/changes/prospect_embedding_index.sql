-- The HNSW build parameters of the prospect embedding index (sqitch change prospect_embedding_index).
-- db/prospects.sql describes the result (a fresh deploy already has it from there): idempotent,
-- the index is rebuilt only when its options differ. m 16 and ef_construction 200 reach recall@10
-- 1.00 at hnsw.ef_search 40 on the benchmark's 35,000 prospects, where ef_construction 64 gave 0.88
-- (bench/prospects/RESULTS.md); the cost is a build about twice as long.
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
