-- Revert avenir:lead_lifecycle from pg
begin;
drop function if exists public.reactivate_lead(uuid);
drop function if exists public.delete_lead(uuid);
drop function if exists public.archive_lead(uuid);
drop function if exists private.set_lead_state(uuid, text);
drop function if exists public.tag_lead(uuid, text, text);
drop function if exists private.performed_by();
drop function if exists private.lock_client_lead(uuid, uuid);
commit;
