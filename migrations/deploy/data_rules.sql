-- Deploy avenir:data_rules to pg
-- requires: client_tables, lead_tables
-- The rules of functions/data_rules.sql (a fresh deploy has them already: client_tables includes
-- the file), and the constraints of databases deployed before, which now call them.
begin;
\ir ../../functions/data_rules.sql
alter table public.clients drop constraint clients_email_format_check,
  add constraint clients_email_format_check check (private.is_email_address(email));
alter table public.lead_memory drop constraint if exists lead_memory_tone_check,
  add constraint lead_memory_tone_check check (tone = any (private.lead_tones()));
comment on column public.lead_memory.tone is 'AI-detected tone, canonical English, one of private.lead_tones() (e.g. Professional).';
commit;
