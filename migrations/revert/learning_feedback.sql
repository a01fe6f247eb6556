-- Revert avenir:learning_feedback from pg
begin;
drop function if exists public.learning_pass(integer);
drop function if exists private.apply_client_corrections(uuid, text, jsonb);
drop function if exists public.correct_lead_analysis(uuid, text, text, text);
drop trigger if exists lead_actions_record_outcome on public.lead_actions;
drop function if exists private.tg_lead_actions__record_outcome();
commit;
