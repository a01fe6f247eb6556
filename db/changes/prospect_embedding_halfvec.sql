-- The prospect embedding index over 16-bit floats (sqitch change prospect_embedding_halfvec): an
-- expression index on embedding::halfvec(1536), the column staying vector(1536). db/prospects.sql
-- describes the result (a fresh deploy already has it from there): idempotent, the index is
-- rebuilt only when it is not this one. Same graph options (m 24, ef_construction 400), half the
-- index (781 vs 1,563 MB at 200,000 x 1536), a build 2.4x faster, the same recall@10 against the
-- float4 exact scan; match_prospects' HNSW path orders by this distance and returns the float4
-- similarity of the rows it keeps (bench/prospects/RESULTS.md, 2026-12-03, halfvec).
do $$
begin
  -- halfvec_cosine_ops on a vector column: the expression index on its halfvec cast.
  if not exists (select from pg_catalog.pg_index i
                   join pg_catalog.pg_class c on c.oid = i.indexrelid
                   join pg_catalog.pg_opclass o on o.oid = i.indclass[0]
                  where i.indexrelid = 'public.prospect_candidates_embedding_idx'::regclass
                    and o.opcname = 'halfvec_cosine_ops'
                    and c.reloptions @> array['m=24', 'ef_construction=400']) then
    drop index public.prospect_candidates_embedding_idx;
    create index prospect_candidates_embedding_idx
      on public.prospect_candidates
      using hnsw ((embedding::extensions.halfvec(1536)) extensions.halfvec_cosine_ops)
      with (m = 24, ef_construction = 400);
  end if;
end
$$;
