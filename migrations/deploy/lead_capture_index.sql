-- Deploy avenir:lead_capture_index to pg
-- requires: lead_tables
-- No definition file: lead_memory_client_id_email_created_at_idx is defined with its table in
-- db/leads.sql (lead_tables creates it on a fresh deploy). This creates it where lead_tables was
-- deployed before the index moved there (then reverted to this change and deployed again).
begin;
create index if not exists lead_memory_client_id_email_created_at_idx
  on public.lead_memory (client_id, email, created_at desc);
commit;
