-- Revert avenir:data_rules from pg: the @v0.1.0 constraints, without the rule functions.
begin;
alter table public.clients drop constraint clients_email_format_check,
  add constraint clients_email_format_check check (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');
alter table public.lead_memory drop constraint if exists lead_memory_tone_check;
comment on column public.lead_memory.tone is 'AI-detected tone, canonical English (e.g. Professional).';
drop function if exists private.is_email_address(text);
drop function if exists private.api_key_prefix(text);
drop function if exists private.lead_tones();
commit;
