-- Revert avenir:lead_notes_rpc from pg
begin;
drop function if exists public.delete_lead_note(uuid);
drop function if exists public.update_lead_note(uuid, text);
drop function if exists public.add_lead_note(uuid, text);
drop function if exists private.lock_client_note(uuid, uuid);
drop function if exists private.check_note(text);
commit;
