-- The outreach e-mail's state machine, enforced in the database (issue 15, item 2).
--
--   pending -> approved | rejected      (the campaign's client decides: approve/reject RPCs, one or many)
--   approved -> sent                    (the bulk_email sender)
--   sent -> delivered | bounced | replied
--   delivered -> opened | replied       (a reply without an open)
--   opened -> replied
-- Clicks and unsubscribes are events (outreach_tracking), not states. The transitions are stated
-- once (private.outreach_email_transitions); the trigger refuses any other change of status with
-- PT409 (HTTP 409) naming both states, stamps `<state>_at` once and never lets it change.

-- No SET clause: it names no object, and without one the planner inlines it (the state trigger's
-- probe is then a scan of nine constant rows, not a function call per update).
create or replace function private.outreach_email_transitions()
returns table (from_status text, to_status text)
language sql
immutable
parallel safe
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
  -- English once here, French once in the dictionary (private.ui_text, db/seeds/ui_texts.sql).
  raise exception using errcode = 'PT409',
    message = private.ui_text_both('outreach e-mail %1$s cannot go from %2$s to %3$s', email_id::text, from_status, to_status),
    hint = case when allowed is null then private.ui_text_both('The status %1$s is final.', from_status)
                else private.ui_text_both('From %1$s it may go to: %2$s.', from_status, allowed) end;
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
  changed text;
begin
  -- Column by column (no to_jsonb of the rows: the body is in them), about 0.1 ms less per update.
  if new.status is distinct from old.status then
    if not exists (select from private.outreach_email_transitions() t
                    where t.from_status = old.status and t.to_status = new.status) then
      perform private.refuse_outreach_transition(old.id, old.status, new.status);
    end if;
    if new.status = 'approved' and (new.missing_email or new.prospect_email is null) then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('outreach e-mail %1$s has no recipient address: it cannot be approved', old.id::text),
        hint = private.ui_text_both('Reject it, or find the prospect''s address and create a new e-mail.');
    end if;
    -- The new state's timestamp: the caller's (an event's own time) or now, only if not set yet.
    case new.status
      when 'approved' then
        new.approved_at := case when old.approved_at is null then coalesce(new.approved_at, pg_catalog.clock_timestamp())
                             else new.approved_at end;
      when 'rejected' then
        new.rejected_at := case when old.rejected_at is null then coalesce(new.rejected_at, pg_catalog.clock_timestamp())
                             else new.rejected_at end;
      when 'sent' then
        new.sent_at := case when old.sent_at is null then coalesce(new.sent_at, pg_catalog.clock_timestamp())
                             else new.sent_at end;
      when 'delivered' then
        new.delivered_at := case when old.delivered_at is null then coalesce(new.delivered_at, pg_catalog.clock_timestamp())
                             else new.delivered_at end;
      when 'opened' then
        new.opened_at := case when old.opened_at is null then coalesce(new.opened_at, pg_catalog.clock_timestamp())
                             else new.opened_at end;
      when 'replied' then
        new.replied_at := case when old.replied_at is null then coalesce(new.replied_at, pg_catalog.clock_timestamp())
                             else new.replied_at end;
      when 'bounced' then
        new.bounced_at := case when old.bounced_at is null then coalesce(new.bounced_at, pg_catalog.clock_timestamp())
                             else new.bounced_at end;
      else null;
    end case;
  end if;
  -- Set once: a state's timestamp never changes after it is written (one column per state of the
  -- transitions; tests/pgtap/810 checks that every state has its column here).
  changed := pg_catalog.concat_ws(', ',
    case when old.approved_at is distinct from new.approved_at and old.approved_at is not null then 'approved_at' end,
    case when old.rejected_at is distinct from new.rejected_at and old.rejected_at is not null then 'rejected_at' end,
    case when old.sent_at is distinct from new.sent_at and old.sent_at is not null then 'sent_at' end,
    case when old.delivered_at is distinct from new.delivered_at and old.delivered_at is not null then 'delivered_at' end,
    case when old.opened_at is distinct from new.opened_at and old.opened_at is not null then 'opened_at' end,
    case when old.replied_at is distinct from new.replied_at and old.replied_at is not null then 'replied_at' end,
    case when old.bounced_at is distinct from new.bounced_at and old.bounced_at is not null then 'bounced_at' end);
  if changed <> '' then
    raise exception using errcode = 'PT409',
      message = private.ui_text_both('outreach e-mail %1$s: %2$s is already set and cannot change', old.id::text, changed),
      hint = private.ui_text_both('Each state''s timestamp is written once, when the e-mail reaches it.');
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

-- The single-e-mail lock became the list's (decide_outreach_emails).
drop function if exists private.lock_client_outreach_email(uuid, uuid);

create or replace function private.decide_outreach_emails(client uuid, email_ids uuid[], decision text,
                                                          reason text default null)
returns setof public.outreach_emails
language plpgsql
set search_path = ''
as $$
declare
  wanted uuid[];
  missing uuid;
  blocked public.outreach_emails;
  why text := nullif(pg_catalog.btrim(decide_outreach_emails.reason), '');
  most constant integer := 500;  -- bounded work per call
begin
  select array_agg(distinct i) into wanted from pg_catalog.unnest(email_ids) i where i is not null;
  if wanted is null or pg_catalog.cardinality(wanted) > most then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('give 1 to %1$s outreach e-mail ids', most::text),
      hint = private.ui_text_both('Pass email_ids as a JSON array of the ids of pending e-mails '
                                  '(GET /outreach_emails?status=eq.pending).');
  end if;
  if pg_catalog.char_length(why) > 1000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('reason must be at most 1000 characters'),
      hint = private.ui_text_both('Summarise why the e-mail is rejected.');
  end if;
  -- The caller's own e-mails only, locked in id order (two concurrent calls cannot deadlock).
  perform from public.outreach_emails e where e.id = any(wanted) and e.client_id = client order by e.id for update;
  select i into missing from pg_catalog.unnest(wanted) i
   where not exists (select from public.outreach_emails e where e.id = i and e.client_id = client) limit 1;
  if missing is not null then
    -- Another tenant's e-mail and a missing one fail alike (no existence leak); nothing is written.
    raise exception using errcode = 'PT404',
      message = private.ui_text_both('outreach e-mail %1$s not found', missing::text),
      hint = private.ui_text_both('Use the ids of your own outreach e-mails (GET /outreach_emails?status=eq.pending); '
                                  'nothing was changed.');
  end if;
  select * into blocked from public.outreach_emails e
   where e.id = any(wanted) and e.client_id = client and e.status <> 'pending' order by e.id limit 1;
  if found then
    perform private.refuse_outreach_transition(blocked.id, blocked.status, decision);
  end if;
  -- One statement; the state trigger still refuses an approval without an address (all or nothing).
  return query
  update public.outreach_emails e
     set status = decision,
         metadata = e.metadata || case when decision = 'approved'
                                       then pg_catalog.jsonb_build_object('approved_by', private.performed_by())
                                       else pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                                              'rejected_by', private.performed_by(), 'rejection_reason', why)) end
   where e.id = any(wanted) and e.client_id = client
  returning e.*;
end
$$;
comment on function private.decide_outreach_emails(uuid, uuid[], text, text) is
  'Approve or reject (decision) up to 500 pending outreach e-mails of one client, all or nothing: PT404 when any id '
  'is missing or another tenant''s, PT409 when any is not pending, 22023 for a bad list or reason or an e-mail '
  'without an address. The approve/reject RPCs (one e-mail or many) are its callers.';
revoke execute on function private.decide_outreach_emails(uuid, uuid[], text, text) from public;

create or replace function public.approve_outreach_email(email_id uuid)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('id', e.id, 'status', e.status, 'approved_at', e.approved_at)
    from private.decide_outreach_emails(private.request_client_id(), array[email_id], 'approved') e
$$;
comment on function public.approve_outreach_email(uuid) is
  'The campaign''s client approves one of its pending outreach e-mails (POST /rpc/approve_outreach_email). '
  'PT404 for another client''s e-mail, PT409 when it is not pending, 22023 when it has no address.';
revoke execute on function public.approve_outreach_email(uuid) from public, anon;
grant execute on function public.approve_outreach_email(uuid) to authenticated;

create or replace function public.reject_outreach_email(email_id uuid, reason text default null)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('id', e.id, 'status', e.status, 'rejected_at', e.rejected_at)
    from private.decide_outreach_emails(private.request_client_id(), array[email_id], 'rejected', reason) e
$$;
comment on function public.reject_outreach_email(uuid, text) is
  'The campaign''s client rejects one of its pending outreach e-mails, with an optional reason '
  '(POST /rpc/reject_outreach_email). PT404 for another client''s e-mail, PT409 when it is not pending.';
revoke execute on function public.reject_outreach_email(uuid, text) from public, anon;
grant execute on function public.reject_outreach_email(uuid, text) to authenticated;

create or replace function public.approve_outreach_emails(email_ids uuid[])
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('approved', count(*),
           'emails', coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                'id', e.id, 'status', e.status, 'approved_at', e.approved_at) order by e.id), '[]'))
    from private.decide_outreach_emails(private.request_client_id(), email_ids, 'approved') e
$$;
comment on function public.approve_outreach_emails(uuid[]) is
  'The campaign''s client approves up to 500 of its pending outreach e-mails at once, all or nothing '
  '(POST /rpc/approve_outreach_emails {"email_ids": [...]}): PT404 when any is missing or another client''s, '
  'PT409 when any is not pending, 22023 for an empty or too long list or an e-mail without an address.';
revoke execute on function public.approve_outreach_emails(uuid[]) from public, anon;
grant execute on function public.approve_outreach_emails(uuid[]) to authenticated;

create or replace function public.reject_outreach_emails(email_ids uuid[], reason text default null)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('rejected', count(*),
           'emails', coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                'id', e.id, 'status', e.status, 'rejected_at', e.rejected_at) order by e.id), '[]'))
    from private.decide_outreach_emails(private.request_client_id(), email_ids, 'rejected', reason) e
$$;
comment on function public.reject_outreach_emails(uuid[], text) is
  'The campaign''s client rejects up to 500 of its pending outreach e-mails at once, with an optional reason, all or '
  'nothing (POST /rpc/reject_outreach_emails {"email_ids": [...], "reason": ...}): PT404 when any is missing or '
  'another client''s, PT409 when any is not pending.';
revoke execute on function public.reject_outreach_emails(uuid[], text) from public, anon;
grant execute on function public.reject_outreach_emails(uuid[], text) to authenticated;
