-- Revert avenir:outreach_sequences from pg
begin;
drop function if exists public.schedule_follow_ups(timestamptz);
commit;
