-- Revert avenir:form_keys from pg
begin;
-- submit_lead as it was before this change (a frozen copy of functions/leads.sql at the change's parent).
\ir form_keys_before.sql
drop function if exists public.set_form_origins(text[]);
drop function if exists public.rotate_form_key();
drop function if exists private.new_form_key();
alter table public.clients drop column if exists form_origins;
alter table public.clients drop column if exists form_key;
commit;
