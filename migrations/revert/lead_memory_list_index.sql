-- Revert avenir:lead_memory_list_index from pg: back to the @v0.1.0 partial index.
begin;
drop index if exists public.lead_memory_client_id_created_at_idx;
create index lead_memory_client_id_created_at_idx
  on public.lead_memory (client_id, created_at desc) where not deleted;
commit;
