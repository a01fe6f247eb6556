-- Revert avenir:form_keys from pg
begin;
-- submit_lead and purge_integration_logs as they were before this change (frozen copies of
-- functions/leads.sql and functions/log_retention.sql at the change's parent).
\ir form_keys_before.sql
drop function if exists private.claim_form_budget(uuid, text);
drop function if exists public.set_form_origins(text[]);
drop function if exists public.rotate_form_key();
drop function if exists private.new_form_key();
drop table if exists private.form_submission_budget;
alter table public.clients drop column if exists form_origins;
alter table public.clients drop column if exists form_key;
commit;
