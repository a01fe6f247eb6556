-- Revert avenir:prospect_embedding_halfvec from pg
-- (back to prospect_embedding_index's float4 index, which match_prospects then reads again).
begin;
drop index if exists public.prospect_candidates_embedding_idx;
create index prospect_candidates_embedding_idx
  on public.prospect_candidates using hnsw (embedding extensions.vector_cosine_ops)
  with (m = 24, ef_construction = 400);
commit;
