-- The outreach e-mail's state machine, enforced in the database (issue 15, item 2).
--
--   pending -> approved | rejected      (the campaign's client decides: approve/reject RPCs)
--   approved -> sent                    (the bulk_email sender)
--   sent -> delivered | bounced | replied
--   delivered -> opened | replied       (a reply without an open)
--   opened -> replied
-- Clicks and unsubscribes are events (outreach_tracking), not states. The transitions are stated
-- once (private.outreach_email_transitions); the trigger refuses any other change of status with
-- PT409 (HTTP 409) naming both states, stamps `<state>_at` once and never lets it change.

create or replace function private.outreach_email_transitions()
returns table (from_status text, to_status text)
language sql
immutable
parallel safe
set search_path = ''
as $$
  values ('pending', 'approved'), ('pending', 'rejected'), ('approved', 'sent'),
         ('sent', 'delivered'), ('sent', 'bounced'), ('sent', 'replied'),
         ('delivered', 'opened'), ('delivered', 'replied'), ('opened', 'replied');
$$;
comment on function private.outreach_email_transitions() is
  'The allowed status changes of outreach_emails (the state trigger reads them; nothing else states them).';
revoke execute on function private.outreach_email_transitions() from public;
grant execute on function private.outreach_email_transitions() to service_role;

create or replace function private.refuse_outreach_transition(email_id uuid, from_status text, to_status text)
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  allowed text;
begin
  select string_agg(t.to_status, ', ') into allowed
    from private.outreach_email_transitions() t where t.from_status = refuse_outreach_transition.from_status;
  raise exception using errcode = 'PT409',
    message = pg_catalog.format('outreach e-mail %s cannot go from %s to %s / ne peut pas passer de %s à %s',
                                email_id, from_status, to_status, from_status, to_status),
    hint = coalesce('From ' || from_status || ' it may go to: ' || allowed || '.',
                    'The status ' || from_status || ' is final.');
end
$$;
comment on function private.refuse_outreach_transition(uuid, text, text) is
  'Raise the PT409 (HTTP 409) of a refused outreach e-mail transition, naming both states and the allowed ones.';
revoke execute on function private.refuse_outreach_transition(uuid, text, text) from public;
grant execute on function private.refuse_outreach_transition(uuid, text, text) to service_role;

create or replace function private.tg__outreach_email_state()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  before_row jsonb := to_jsonb(old);
  after_row jsonb;
  stamp text;
begin
  if new.status is distinct from old.status then
    if not exists (select from private.outreach_email_transitions() t
                    where t.from_status = old.status and t.to_status = new.status) then
      perform private.refuse_outreach_transition(old.id, old.status, new.status);
    end if;
    if new.status = 'approved' and (new.missing_email or new.prospect_email is null) then
      raise exception using errcode = 'invalid_parameter_value',
        message = pg_catalog.format('outreach e-mail %s has no recipient address: it cannot be approved / '
                                    'sans adresse, il ne peut pas être approuvé', old.id),
        hint = 'Reject it, or find the prospect''s address and create a new e-mail.';
    end if;
    -- The new state's timestamp: the caller's (an event's own time) or now, only if not set yet.
    stamp := new.status || '_at';
    if before_row ->> stamp is null then
      new := jsonb_populate_record(new, jsonb_build_object(
               stamp, coalesce(to_jsonb(new) ->> stamp, to_jsonb(pg_catalog.clock_timestamp()) #>> '{}')));
    end if;
  end if;
  after_row := to_jsonb(new);
  -- Set once: a state's timestamp never changes after it is written.
  select string_agg(s.stamp, ', ') into stamp
    from (select distinct t.to_status || '_at' as stamp from private.outreach_email_transitions() t) s
   where before_row ->> s.stamp is not null and (after_row -> s.stamp) is distinct from (before_row -> s.stamp);
  if stamp is not null then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('outreach e-mail %s: %s is already set and cannot change / déjà fixé', old.id, stamp),
      hint = 'Each state''s timestamp is written once, when the e-mail reaches it.';
  end if;
  return new;
end
$$;
comment on function private.tg__outreach_email_state() is
  'Trigger of outreach_emails: only the transitions of private.outreach_email_transitions() (PT409 naming both '
  'states otherwise), never approved without an address, each <state>_at set once.';
revoke execute on function private.tg__outreach_email_state() from public;

drop trigger if exists outreach_emails_state on public.outreach_emails;
create trigger outreach_emails_state
  before update on public.outreach_emails
  for each row execute function private.tg__outreach_email_state();

create or replace function private.lock_client_outreach_email(client uuid, email uuid)
returns public.outreach_emails
language plpgsql
set search_path = ''
as $$
declare
  found_email public.outreach_emails;
begin
  select * into found_email from public.outreach_emails e
   where e.id = email and e.client_id = client
   for update;
  if not found then
    -- Another tenant's e-mail and a missing one fail alike: no existence leak.
    raise exception using errcode = 'PT404',
      message = pg_catalog.format('outreach e-mail %s not found / e-mail introuvable', email),
      hint = 'Use the id of one of your own outreach e-mails (GET /outreach_emails?status=eq.pending).';
  end if;
  return found_email;
end
$$;
comment on function private.lock_client_outreach_email(uuid, uuid) is
  'The caller''s outreach e-mail, locked for update; PT404 (HTTP 404) when missing or another tenant''s.';
revoke execute on function private.lock_client_outreach_email(uuid, uuid) from public;

create or replace function public.approve_outreach_email(email_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.outreach_emails := private.lock_client_outreach_email(private.request_client_id(), email_id);
begin
  if target.status <> 'pending' then
    perform private.refuse_outreach_transition(target.id, target.status, 'approved');
  end if;
  update public.outreach_emails e
     set status = 'approved',
         metadata = e.metadata || pg_catalog.jsonb_build_object('approved_by', private.performed_by())
   where e.id = target.id
  returning * into target;
  return pg_catalog.jsonb_build_object('id', target.id, 'status', target.status, 'approved_at', target.approved_at);
end
$$;
comment on function public.approve_outreach_email(uuid) is
  'The campaign''s client approves one of its pending outreach e-mails (POST /rpc/approve_outreach_email). '
  'PT404 for another client''s e-mail, PT409 when it is not pending, 22023 when it has no address.';
revoke execute on function public.approve_outreach_email(uuid) from public, anon;
grant execute on function public.approve_outreach_email(uuid) to authenticated;

create or replace function public.reject_outreach_email(email_id uuid, reason text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  target public.outreach_emails;
  why text := nullif(pg_catalog.btrim(reject_outreach_email.reason), '');
begin
  if pg_catalog.char_length(why) > 1000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'reason must be at most 1000 characters / 1000 caractères au plus',
      hint = 'Summarise why the e-mail is rejected.';
  end if;
  target := private.lock_client_outreach_email(private.request_client_id(), email_id);
  if target.status <> 'pending' then
    perform private.refuse_outreach_transition(target.id, target.status, 'rejected');
  end if;
  update public.outreach_emails e
     set status = 'rejected',
         metadata = e.metadata || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                      'rejected_by', private.performed_by(), 'rejection_reason', why))
   where e.id = target.id
  returning * into target;
  return pg_catalog.jsonb_build_object('id', target.id, 'status', target.status, 'rejected_at', target.rejected_at);
end
$$;
comment on function public.reject_outreach_email(uuid, text) is
  'The campaign''s client rejects one of its pending outreach e-mails, with an optional reason '
  '(POST /rpc/reject_outreach_email). PT404 for another client''s e-mail, PT409 when it is not pending.';
revoke execute on function public.reject_outreach_email(uuid, text) from public, anon;
grant execute on function public.reject_outreach_email(uuid, text) to authenticated;
