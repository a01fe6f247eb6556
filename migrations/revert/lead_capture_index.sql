-- Revert avenir:lead_capture_index from pg
begin;
drop index if exists public.lead_memory_client_id_email_created_at_idx;
commit;
