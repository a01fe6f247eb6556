-- Lookup the idempotency window of submit_lead needs: the same client's leads from one e-mail,
-- newest first (a double-submitted form within 10 minutes returns the first lead).
create index lead_memory_client_id_email_created_at_idx
  on public.lead_memory (client_id, email, created_at desc);
