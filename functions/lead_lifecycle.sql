-- Lead lifecycle RPCs for authenticated clients: tag, archive, delete (soft), reactivate. Each
-- writes its lead_actions row in the same transaction; the tenant comes from the JWT only.
-- Actions are stamped with clock_timestamp(): several in one transaction keep their order.
-- Security definer (in public, search_path = ''): authenticated has no write grant on the lead
-- tables, and these RPCs are the only way a client changes a lead.

create or replace function private.lock_client_lead(client uuid, lead uuid)
returns public.lead_memory
language plpgsql
set search_path = ''
as $$
declare
  found_lead public.lead_memory;
begin
  select * into found_lead from public.lead_memory m
   where m.id = lead and m.client_id = client
   for update;
  if not found then
    -- Another tenant's lead and a missing one fail alike: no existence leak.
    raise exception using errcode = 'PT404',
      message = pg_catalog.format('lead %s not found', lead),
      hint = 'Use the id of one of your own leads (GET /lead_memory).';
  end if;
  return found_lead;
end
$$;
comment on function private.lock_client_lead(uuid, uuid) is
  'The caller''s lead, locked for update; PT404 (HTTP 404) when missing or another tenant''s.';
revoke execute on function private.lock_client_lead(uuid, uuid) from public;

create or replace function private.performed_by()
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(nullif((select auth.jwt()) ->> 'email', ''), 'admin')
$$;
comment on function private.performed_by() is 'Who acts, for the audit rows: the session''s e-mail claim, else admin.';
revoke execute on function private.performed_by() from public;

create or replace function public.tag_lead(lead_id uuid, tag text, reversion_reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  target public.lead_memory;
  canonical text;
  reverting boolean;
  reason text := nullif(pg_catalog.btrim(tag_lead.reversion_reason), '');
begin
  if tag_lead.tag is not null then
    canonical := private.canonical_term('tag', tag_lead.tag);
    if canonical is null then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('tag %1$L is not a known tag', pg_catalog.left(tag_lead.tag, 80)),
        hint = private.ui_text_both('Use one of: %1$s, or null to remove the tag.', private.vocabulary('tag'));
    end if;
  end if;
  if pg_catalog.char_length(reason) > 1000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'reversion_reason must be at most 1000 characters',
      hint = 'Summarise why the conversion is reverted.';
  end if;
  target := private.lock_client_lead(caller, tag_lead.lead_id);
  reverting := target.current_tag = 'Converted' and canonical is distinct from 'Converted';
  if reverting and reason is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('lead %s is converted: changing its tag needs a reversion_reason', target.id),
      hint = 'Send reversion_reason explaining why the conversion no longer holds.';
  end if;

  update public.lead_memory m set current_tag = canonical where m.id = target.id;
  insert into public.lead_actions (lead_id, client_id, action_type, tag, conversion_outcome, reversion_reason,
                                   performed_by, "timestamp")
  values (target.id, caller, case when canonical is null then 'untagged' else 'tagged' end, canonical,
          canonical is not distinct from 'Converted', case when reverting then reason end, private.performed_by(),
          pg_catalog.clock_timestamp());
  return pg_catalog.jsonb_build_object('lead_id', target.id, 'tag', canonical,
                                       'previous_tag', target.current_tag,
                                       'conversion_outcome', canonical is not distinct from 'Converted',
                                       'reverted', reverting);
end
$$;
comment on function public.tag_lead(uuid, text, text) is
  'Tag one of the caller''s leads (English or French label; canonical English stored; null removes the tag). '
  'Converted records conversion_outcome; re-tagging a converted lead needs reversion_reason. Returns {lead_id, tag, ...}.';
revoke execute on function public.tag_lead(uuid, text, text) from public;
grant execute on function public.tag_lead(uuid, text, text) to authenticated;

create or replace function private.set_lead_state(lead uuid, verb text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  target public.lead_memory := private.lock_client_lead(caller, lead);
  updated public.lead_memory;
begin
  update public.lead_memory m
     set archived = case verb when 'archived' then true when 'reactivated' then false else m.archived end,
         deleted = case verb when 'deleted' then true when 'reactivated' then false else m.deleted end
   where m.id = target.id
  returning * into updated;
  insert into public.lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
  values (target.id, caller, verb, private.performed_by(), pg_catalog.clock_timestamp());
  return pg_catalog.jsonb_build_object('lead_id', updated.id, 'archived', updated.archived, 'deleted', updated.deleted,
                                       'changed', (updated.archived, updated.deleted) is distinct from (target.archived, target.deleted));
end
$$;
comment on function private.set_lead_state(uuid, text) is
  'archive / delete / reactivate one of the caller''s leads and write the lead_actions row.';
revoke execute on function private.set_lead_state(uuid, text) from public;

create or replace function public.archive_lead(lead_id uuid)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.set_lead_state(archive_lead.lead_id, 'archived')
$$;
comment on function public.archive_lead(uuid) is
  'Archive one of the caller''s leads (hidden from the active list, kept for analytics). Returns {lead_id, archived, deleted, changed}.';
revoke execute on function public.archive_lead(uuid) from public;
grant execute on function public.archive_lead(uuid) to authenticated;

create or replace function public.delete_lead(lead_id uuid)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.set_lead_state(delete_lead.lead_id, 'deleted')
$$;
comment on function public.delete_lead(uuid) is
  'Soft-delete one of the caller''s leads (deleted = true; reactivate_lead undoes it). Returns {lead_id, archived, deleted, changed}.';
revoke execute on function public.delete_lead(uuid) from public;
grant execute on function public.delete_lead(uuid) to authenticated;

create or replace function public.reactivate_lead(lead_id uuid)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.set_lead_state(reactivate_lead.lead_id, 'reactivated')
$$;
comment on function public.reactivate_lead(uuid) is
  'Undo archive_lead / delete_lead on one of the caller''s leads. Returns {lead_id, archived, deleted, changed}.';
revoke execute on function public.reactivate_lead(uuid) from public;
grant execute on function public.reactivate_lead(uuid) to authenticated;
