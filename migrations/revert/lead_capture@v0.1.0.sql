-- Revert avenir:lead_capture from pg
begin;
drop function if exists public.submit_lead(text, text, text, text, text);
drop function if exists private.submit_lead_error(text, text, text, text, text, text, integer);
drop function if exists private.detect_language(text);
commit;
