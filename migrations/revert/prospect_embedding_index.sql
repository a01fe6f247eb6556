-- Revert avenir:prospect_embedding_index from pg
begin;
drop index if exists public.prospect_candidates_embedding_idx;
create index prospect_candidates_embedding_idx
  on public.prospect_candidates using hnsw (embedding extensions.vector_cosine_ops);
commit;
