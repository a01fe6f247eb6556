-- Lead notes RPCs for authenticated clients: add, update, delete, each with its lead_actions row
-- (note_added / note_updated / note_deleted) in the same transaction; the tenant from the JWT only.
-- Stamped with clock_timestamp() so that the journal keeps the order within one transaction.

create or replace function private.check_note(note text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if note is null or pg_catalog.btrim(note, E' \t\r\n') = '' or pg_catalog.char_length(note) > 10000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('note must be 1 to 10,000 characters, got %s', coalesce(pg_catalog.char_length(pg_catalog.btrim(note, E' \t\r\n')), 0)),
      hint = 'Write the note text (not only spaces); split a very long note.';
  end if;
  return pg_catalog.btrim(note, E' \t\r\n');
end
$$;
comment on function private.check_note(text) is 'The trimmed note, or 22023 when empty or over 10,000 characters.';
revoke execute on function private.check_note(text) from public;

create or replace function private.lock_client_note(client uuid, note_id uuid)
returns public.lead_notes
language plpgsql
set search_path = ''
as $$
declare
  found_note public.lead_notes;
begin
  select * into found_note from public.lead_notes n
   where n.id = lock_client_note.note_id and n.client_id = client
   for update;
  if not found then
    raise exception using errcode = 'PT404',
      message = pg_catalog.format('note %s not found', lock_client_note.note_id),
      hint = 'Use the id of a note on one of your own leads (GET /lead_notes).';
  end if;
  return found_note;
end
$$;
comment on function private.lock_client_note(uuid, uuid) is
  'The caller''s note, locked for update; PT404 (HTTP 404) when missing or another tenant''s.';
revoke execute on function private.lock_client_note(uuid, uuid) from public;

create or replace function public.add_lead_note(lead_id uuid, note text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  clean_note text := private.check_note(add_lead_note.note);
  target public.lead_memory := private.lock_client_lead(caller, add_lead_note.lead_id);
  author text := private.performed_by();
  added public.lead_notes;
begin
  insert into public.lead_notes as n (lead_id, client_id, note, performed_by, created_at, updated_at)
  values (target.id, caller, clean_note, author, pg_catalog.clock_timestamp(), pg_catalog.clock_timestamp())
  returning * into added;
  insert into public.lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
  values (target.id, caller, 'note_added', author, added.created_at);
  return pg_catalog.jsonb_build_object('note_id', added.id, 'lead_id', added.lead_id, 'note', added.note,
                                       'performed_by', added.performed_by, 'created_at', added.created_at);
end
$$;
comment on function public.add_lead_note(uuid, text) is
  'Add a note to one of the caller''s leads (audited as note_added). Returns {note_id, lead_id, note, performed_by, created_at}.';
revoke execute on function public.add_lead_note(uuid, text) from public;
grant execute on function public.add_lead_note(uuid, text) to authenticated;

create or replace function public.update_lead_note(note_id uuid, note text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  clean_note text := private.check_note(update_lead_note.note);
  target public.lead_notes := private.lock_client_note(caller, update_lead_note.note_id);
  updated public.lead_notes;
begin
  update public.lead_notes n set note = clean_note, performed_by = private.performed_by()
   where n.id = target.id
  returning * into updated;
  insert into public.lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
  values (target.lead_id, caller, 'note_updated', updated.performed_by, pg_catalog.clock_timestamp());
  return pg_catalog.jsonb_build_object('note_id', updated.id, 'lead_id', updated.lead_id, 'note', updated.note,
                                       'performed_by', updated.performed_by, 'updated_at', updated.updated_at);
end
$$;
comment on function public.update_lead_note(uuid, text) is
  'Replace the text of one of the caller''s notes (audited as note_updated). Returns {note_id, lead_id, note, ...}.';
revoke execute on function public.update_lead_note(uuid, text) from public;
grant execute on function public.update_lead_note(uuid, text) to authenticated;

create or replace function public.delete_lead_note(note_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := private.request_client_id();
  target public.lead_notes := private.lock_client_note(caller, delete_lead_note.note_id);
begin
  delete from public.lead_notes n where n.id = target.id;
  insert into public.lead_actions (lead_id, client_id, action_type, performed_by, "timestamp")
  values (target.lead_id, caller, 'note_deleted', private.performed_by(), pg_catalog.clock_timestamp());
  return pg_catalog.jsonb_build_object('note_id', target.id, 'lead_id', target.lead_id, 'deleted', true);
end
$$;
comment on function public.delete_lead_note(uuid) is
  'Delete one of the caller''s notes (the note_deleted action keeps the trace). Returns {note_id, lead_id, deleted}.';
revoke execute on function public.delete_lead_note(uuid) from public;
grant execute on function public.delete_lead_note(uuid) to authenticated;
