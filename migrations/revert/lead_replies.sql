-- Revert avenir:lead_replies from pg
begin;
drop function if exists public.finish_lead_reply(uuid, text, jsonb);
drop function if exists public.begin_lead_reply(uuid, text, text);
drop function if exists public.enqueue_lead_reply(uuid);
commit;
