-- Tracking, unsubscribes and bounces of outreach e-mails (issue 15, items 4 and 5).
--
-- record_tracking_event is the one way an engagement event is written: a provider webhook
-- (delivered, bounced, opened...), the open pixel, a click, a reply, an unsubscribe. It is
-- idempotent for a duplicated webhook delivery (the same provider event id is one row), writes
-- outreach_tracking and advances the e-mail's state through the state machine (an open or a
-- click of a 'sent' e-mail implies its delivery first). Opens fetched by a mail-privacy proxy are
-- recorded with metadata.machine_open and never move the e-mail to 'opened'.
--
-- Suppression (private.outreach_suppressions, checked by begin_outreach_send before every send):
-- an unsubscribe, a hard bounce or a complaint suppresses the address at once; soft bounces
-- after private.soft_bounce_threshold() of them for the same address and client.
-- The token functions (track_open, track_click, unsubscribe_outreach) are what the HTTP
-- endpoints call: a message's token, never an e-mail id.

create or replace function private.soft_bounce_threshold()
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select 3;  -- three soft bounces of one address (over any of the client's e-mails) suppress it
$$;
comment on function private.soft_bounce_threshold() is
  'Soft bounces of one address (per client) after which it is suppressed: 3.';
revoke execute on function private.soft_bounce_threshold() from public;
grant execute on function private.soft_bounce_threshold() to service_role;

create or replace function private.machine_open_reason(user_agent text, seconds_after_send double precision)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- Documented signals: Google's image proxy says GoogleImageProxy in its user agent, Yahoo's
  -- YahooMailProxy; Apple Mail Privacy Protection fetches through Apple's proxy with the bare
  -- user agent "Mozilla/5.0"; any proxy that prefetches opens within seconds of delivery.
  select case
    when user_agent ~* 'GoogleImageProxy' then 'google_image_proxy'
    when user_agent ~* 'YahooMailProxy' then 'yahoo_mail_proxy'
    when btrim(user_agent) = 'Mozilla/5.0' then 'apple_mail_privacy_protection'
    when seconds_after_send is not null and seconds_after_send between 0 and 2 then 'opened_within_2s_of_send'
  end;
$$;
comment on function private.machine_open_reason(text, double precision) is
  'Why an open looks fetched by a mail-privacy proxy rather than a person (null: a human open): Google image '
  'proxy, Yahoo proxy, Apple MPP''s bare "Mozilla/5.0", or an open within 2 s of the send.';
revoke execute on function private.machine_open_reason(text, double precision) from public;
grant execute on function private.machine_open_reason(text, double precision) to service_role;

create unique index if not exists outreach_tracking_provider_event_key
  on public.outreach_tracking (client_id, (metadata ->> 'event_id')) where metadata ? 'event_id';
comment on index public.outreach_tracking_provider_event_key is
  'A provider''s event id is recorded once per client: duplicated webhook deliveries are one row.';

-- record_outreach_reply's last resort: the latest sent e-mail of a Gmail thread (most have no thread).
create index if not exists outreach_emails_thread_id_sent_at_idx
  on public.outreach_emails (thread_id, sent_at desc) where thread_id is not null;
comment on index public.outreach_emails_thread_id_sent_at_idx is
  'The outreach e-mails of a Gmail thread, latest sent first: record_outreach_reply matches a reply by its thread.';

create or replace function private.advance_outreach_email(e public.outreach_emails, goal text, at timestamptz)
returns text
language plpgsql
set search_path = ''
as $$
declare
  status text := e.status;
  step text;
begin
  -- The shortest allowed path to the goal from here (an open of a sent e-mail: delivered, opened).
  foreach step in array case
      when goal = 'delivered' then array['delivered']
      when goal = 'opened' then array['delivered', 'opened']
      when goal = 'replied' then array['replied']
      when goal = 'bounced' then array['bounced']
      else array[]::text[] end
  loop
    if exists (select from private.outreach_email_transitions() t where t.from_status = status and t.to_status = step) then
      update public.outreach_emails o
         set status = step,
             delivered_at = case when step = 'delivered' then coalesce(o.delivered_at, at) else o.delivered_at end,
             opened_at = case when step = 'opened' then coalesce(o.opened_at, at) else o.opened_at end,
             replied_at = case when step = 'replied' then coalesce(o.replied_at, at) else o.replied_at end,
             bounced_at = case when step = 'bounced' then coalesce(o.bounced_at, at) else o.bounced_at end
       where o.id = e.id;
      status := step;
    end if;
  end loop;
  return status;
end
$$;
comment on function private.advance_outreach_email(public.outreach_emails, text, timestamptz) is
  'Move an outreach e-mail towards a state through the allowed transitions only (a later or impossible goal '
  'changes nothing); returns the status reached.';
revoke execute on function private.advance_outreach_email(public.outreach_emails, text, timestamptz) from public;
grant execute on function private.advance_outreach_email(public.outreach_emails, text, timestamptz) to service_role;

create or replace function public.record_tracking_event(email_id uuid, action text, at timestamptz default null,
                                                        metadata jsonb default '{}')
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  e public.outreach_emails;
  happened timestamptz := coalesce(at, clock_timestamp());
  details jsonb := coalesce(metadata, '{}'::jsonb);
  event_id text := nullif(left(metadata ->> 'event_id', 200), '');
  machine text;
  bounce text;
  reached text;
  soft integer;
  new_id uuid;
begin
  if jsonb_typeof(details) <> 'object' then
    raise exception using errcode = 'invalid_parameter_value', message = 'metadata must be a JSON object',
      hint = 'Pass {"event_id": "...", ...}.';
  end if;
  if action not in ('delivered', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed', 'complained') then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('tracking action %1$L is not known', left(action, 40)),
      hint = private.ui_text_both('Use delivered, opened, clicked, replied, bounced, unsubscribed or complained.');
  end if;
  select * into e from public.outreach_emails o where o.id = email_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = private.ui_text_both('outreach e-mail %1$s not found', email_id::text),
      hint = private.ui_text_both('Pass the id of a sent outreach e-mail.');
  end if;
  if e.sent_at is null then
    raise exception using errcode = 'PT409',
      message = private.ui_text_both('outreach e-mail %1$s was never sent: no %2$s event', e.id::text, action),
      hint = private.ui_text_both('Tracking events follow a send.');
  end if;
  -- `metadata ? 'event_id'` is the unique index's predicate: without it the probe is a scan of the client's events.
  if event_id is not null and exists (select from public.outreach_tracking t where t.client_id = e.client_id
                                          and t.metadata ? 'event_id' and t.metadata ->> 'event_id' = event_id) then
    return pg_catalog.jsonb_build_object('recorded', false, 'duplicate', true, 'status', e.status);
  end if;

  if action = 'opened' then
    machine := private.machine_open_reason(details ->> 'user_agent',
                                           extract(epoch from (happened - e.sent_at))::double precision);
    details := details || pg_catalog.jsonb_build_object('machine_open', machine is not null)
               || coalesce(pg_catalog.jsonb_build_object('machine_reason', machine), '{}'::jsonb);
  elsif action = 'bounced' then
    bounce := coalesce(nullif(details ->> 'bounce_type', ''),
                       private.classify_bounce(coalesce(details ->> 'diagnostic', details ->> 'error', '')));
    if bounce not in ('soft_bounce', 'hard_bounce', 'complaint') then
      bounce := private.classify_bounce(bounce);
    end if;
    details := details || pg_catalog.jsonb_build_object('bounce_type', bounce);
  elsif action = 'complained' then
    bounce := 'complaint';
    details := details || pg_catalog.jsonb_build_object('bounce_type', 'complaint');
  end if;

  insert into public.outreach_tracking (client_id, email_id, prospect_id, campaign_id, action, "timestamp", metadata)
  values (e.client_id, e.id, e.prospect_id, e.campaign_id,
          case when action = 'complained' then 'unsubscribed' else action end, happened, details)
  on conflict do nothing
  returning id into new_id;
  if new_id is null then  -- a concurrent duplicate won the unique index
    return pg_catalog.jsonb_build_object('recorded', false, 'duplicate', true, 'status', e.status);
  end if;

  reached := private.advance_outreach_email(e, case
    when action = 'opened' and machine is not null then 'delivered'
    when action in ('opened', 'clicked') then 'opened'
    else action end, happened);

  if action in ('unsubscribed', 'complained') or bounce in ('hard_bounce', 'complaint') then
    perform private.suppress_address(e.client_id, e.prospect_email,
                                     case when action = 'unsubscribed' then 'unsubscribed' else bounce end, e.id,
                                     pg_catalog.jsonb_build_object('event', action));
  elsif bounce = 'soft_bounce' then
    select count(*)::integer into soft
      from public.outreach_tracking t join public.outreach_emails o on o.client_id = t.client_id and o.id = t.email_id
     where t.client_id = e.client_id and t.action = 'bounced' and t.metadata ->> 'bounce_type' = 'soft_bounce'
       and lower(o.prospect_email) = lower(e.prospect_email);
    if soft >= private.soft_bounce_threshold() then
      perform private.suppress_address(e.client_id, e.prospect_email, 'soft_bounces', e.id,
                                       pg_catalog.jsonb_build_object('soft_bounces', soft));
    end if;
  end if;
  if e.prospect_id is not null and action in ('opened', 'replied', 'bounced') and machine is null then
    update public.prospect_outreach_log l
       set status = case when action = 'opened' and l.status <> 'sent' then l.status else action end,
           opened_at = case when action = 'opened' then coalesce(l.opened_at, happened) else l.opened_at end,
           replied_at = case when action = 'replied' then coalesce(l.replied_at, happened) else l.replied_at end,
           reply_content = case when action = 'replied' then coalesce(left(details ->> 'reply', 10000), l.reply_content)
                                else l.reply_content end
     where l.prospect_id = e.prospect_id and l.metadata ->> 'email_id' = e.id::text;
  end if;
  return pg_catalog.jsonb_build_object('recorded', true, 'id', new_id, 'status', reached,
                                       'machine_open', machine is not null, 'bounce_type', bounce);
end
$$;
comment on function public.record_tracking_event(uuid, text, timestamptz, jsonb) is
  'Record an engagement event of a sent outreach e-mail (service_role: webhooks, the tracking endpoints): '
  'delivered, opened, clicked, replied, bounced, unsubscribed or complained. metadata.event_id (the provider''s '
  'event id) makes duplicates one row. Advances the e-mail''s state; proxy opens are marked machine_open and do not '
  'open it; unsubscribes, hard bounces and complaints suppress the address, soft bounces after the threshold.';
revoke execute on function public.record_tracking_event(uuid, text, timestamptz, jsonb) from public, anon, authenticated;
grant execute on function public.record_tracking_event(uuid, text, timestamptz, jsonb) to service_role;

create or replace function private.outreach_send_of_token(token text)
returns private.outreach_sends
language sql
stable
set search_path = ''
as $$
  -- The format first: a stranger's junk never reaches an index scan beyond one probe.
  select s.* from private.outreach_sends s
   where outreach_send_of_token.token ~ '^[A-Za-z0-9_-]{32}$' and s.token = outreach_send_of_token.token
     and s.status = 'sent'
$$;
comment on function private.outreach_send_of_token(text) is
  'The sent message a tracking token names; null for a malformed or unknown token (alike).';
revoke execute on function private.outreach_send_of_token(text) from public;

create or replace function private.unknown_tracking_link()
returns jsonb
language sql
volatile
set search_path = ''
as $$
  select private.api_error('PT404', private.ui_text_both('unknown tracking link'), null,
    private.ui_text_both('Use the link of the e-mail as it was received.'), 404)
$$;
comment on function private.unknown_tracking_link() is
  'The answer (not a raise: the address''s budget stays taken) to a tracking call naming no sent message or link: '
  'PT404, HTTP 404, alike for a malformed, unknown or forged token.';
revoke execute on function private.unknown_tracking_link() from public;

create or replace function private.tracking_refusal(token private.outreach_sends)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  headers jsonb := nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb;
  retry_at timestamptz;
begin
  -- The address's budget is taken first, for every call (a known token or not), and never rolled
  -- back: the answers below are returned, not raised, so a stranger guessing tokens is counted.
  retry_at := private.claim_address_budget('tracking', '', pg_catalog.host(private.request_ip(headers)));
  if retry_at is not null then
    perform private.set_retry_after(retry_at);
    return private.api_error('PT429', private.ui_text_both('too many requests from this address'),
      null, private.ui_text_both('Wait a minute, then open the link again.'), 429);
  end if;
  if token.email_id is null then
    return private.unknown_tracking_link();
  end if;
  return null;
end
$$;
comment on function private.tracking_refusal(private.outreach_sends) is
  'What a tracking endpoint answers instead of its work, after taking the caller address''s tracking budget: '
  'PT429 (429, Retry-After) over the budget, PT404 (404) for an unknown token, else null (go on).';
revoke execute on function private.tracking_refusal(private.outreach_sends) from public;

create or replace function public.track_open(t text, user_agent text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rec private.outreach_sends := private.outreach_send_of_token(t);
  refusal jsonb := private.tracking_refusal(rec);
  agent text := coalesce(user_agent, nullif(current_setting('request.headers', true), '')::jsonb ->> 'user-agent');
begin
  if refusal is not null then
    return refusal;
  end if;
  return public.record_tracking_event(rec.email_id, 'opened', null,
                                      jsonb_strip_nulls(jsonb_build_object('user_agent', left(agent, 500),
                                                                           'source', 'pixel')));
end
$$;
comment on function public.track_open(text, text) is
  'The open pixel''s call: the message named by its tracking token t was opened (the user agent from the request '
  'headers tells proxy opens apart). PT404 (404) for an unknown token, PT429 (429) over the address''s budget.';
revoke execute on function public.track_open(text, text) from public;
grant execute on function public.track_open(text, text) to anon, service_role;

create or replace function public.track_click(t text, l integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rec private.outreach_sends := private.outreach_send_of_token(t);
  refusal jsonb := private.tracking_refusal(rec);
  target text;
begin
  if refusal is not null then
    return refusal;
  end if;
  if l is null or l < 1 or l > coalesce(array_length(rec.links, 1), 0) then
    return private.unknown_tracking_link();
  end if;
  target := rec.links[l];
  perform public.record_tracking_event(rec.email_id, 'clicked', null,
                                       jsonb_build_object('link', l, 'url', target, 'source', 'redirect'));
  -- The redirect: only ever to a link that was in this message (no open redirect).
  perform set_config('response.status', '302', true);
  perform set_config('response.headers', jsonb_build_array(jsonb_build_object('Location', target))::text, true);
  return jsonb_build_object('location', target);
end
$$;
comment on function public.track_click(text, integer) is
  'The click redirect''s call: link l (1-based) of the message named by token t was clicked; answers 302 to that '
  'link, which was in the sent e-mail (never a URL from the request). PT404 (404) otherwise, PT429 (429) over the '
  'address''s budget.';
revoke execute on function public.track_click(text, integer) from public;
grant execute on function public.track_click(text, integer) to anon, service_role;

create or replace function public.unsubscribe_outreach(t text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rec private.outreach_sends := private.outreach_send_of_token(t);
  refusal jsonb := private.tracking_refusal(rec);
begin
  if refusal is not null then
    return refusal;
  end if;
  if not exists (select from public.outreach_tracking x where x.email_id = rec.email_id and x.client_id = rec.client_id
                    and x.action = 'unsubscribed') then
    perform public.record_tracking_event(rec.email_id, 'unsubscribed', null, '{"source": "one_click"}');
  end if;
  return jsonb_build_object('unsubscribed', true,
                            'message', private.ui_text_both('You will receive no more e-mails from this sender.'));
end
$$;
comment on function public.unsubscribe_outreach(text) is
  'One-click unsubscribe (RFC 8058) of the message named by token t: takes effect at once, no confirmation; '
  'every later e-mail of the client to that address is suppressed. Idempotent. PT404 (404) for an unknown token, '
  'PT429 (429) over the address''s budget.';
revoke execute on function public.unsubscribe_outreach(text) from public;
grant execute on function public.unsubscribe_outreach(text) to anon, service_role;

create or replace function public.record_bounce_report(report text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  body text := left(report, 200000);  -- a report's headers and first parts; bounded work
  email_id uuid;
  status_code text;
  diagnostic text;
  complaint boolean;
begin
  if body is null or btrim(body) = '' then
    raise exception using errcode = 'invalid_parameter_value', message = private.ui_text_both('the report is empty'),
      hint = private.ui_text_both('Pass the raw DSN (RFC 3464) or ARF (RFC 5965) message.');
  end if;
  -- The bounced message is ours when its Message-ID is (<outreach.EMAIL_ID@domain>), quoted in the report.
  email_id := (regexp_match(body, '<outreach\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@', 'i'))[1]::uuid;
  if email_id is null then
    return jsonb_build_object('recorded', false, 'reason', 'no outreach Message-ID in the report');
  end if;
  complaint := body ~* '(^|\n)Feedback-Type:\s*abuse';
  status_code := (regexp_match(body, '(?:^|\n)Status:\s*([245]\.[0-9]{1,3}\.[0-9]{1,3})', 'i'))[1];
  diagnostic := (regexp_match(body, '(?:^|\n)Diagnostic-Code:\s*(?:smtp;\s*)?([^\r\n]*)', 'i'))[1];
  if body ~* '(^|\n)Action:\s*delayed' and not complaint then
    status_code := coalesce('4' || substr(status_code, 2), '4.0.0');  -- a delay is never permanent
  end if;
  return public.record_tracking_event(email_id, case when complaint then 'complained' else 'bounced' end, null,
    jsonb_strip_nulls(jsonb_build_object(
      'event_id', 'report:' || md5(body), 'source', case when complaint then 'arf' else 'dsn' end,
      'status', status_code, 'diagnostic', left(coalesce(status_code || ' ', '') || coalesce(diagnostic, ''), 500))));
end
$$;
comment on function public.record_bounce_report(text) is
  'Record a delivery status notification (RFC 3464) or an abuse report (RFC 5965) received for an outreach e-mail: '
  'the e-mail from the quoted Message-ID, soft / hard from Status (Action: delayed is soft), a complaint from '
  'Feedback-Type: abuse; one event per report (its md5 is the event id). service_role (the mailbox reader).';
revoke execute on function public.record_bounce_report(text) from public, anon, authenticated;
grant execute on function public.record_bounce_report(text) to service_role;

create or replace function public.record_outreach_reply(message_id text, in_reply_to text default null,
                                                        refs text default null, thread_id text default null,
                                                        sender text default null, received_at timestamptz default null,
                                                        body text default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  pattern constant text := '<outreach\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@';
  target uuid;
begin
  if nullif(pg_catalog.btrim(message_id), '') is null then
    raise exception using errcode = 'invalid_parameter_value', message = private.ui_text_both('the reply has no Message-ID'),
      hint = private.ui_text_both('Pass the Message-ID header of the received message: it makes a message read twice one event.');
  end if;
  -- Our messages' Message-IDs are <outreach.EMAIL_ID@domain>: In-Reply-To first, then References,
  -- nearest first; else the Gmail thread the message belongs to.
  select o.id into target
    from (select m.id[1] as id, 0 as place, 0 as n
            from pg_catalog.regexp_matches(pg_catalog.left(in_reply_to, 2000), pattern, 'gi') as m (id)
          union all
          select m.id[1], 1, -m.n
            from pg_catalog.regexp_matches(pg_catalog.left(refs, 20000), pattern, 'gi') with ordinality as m (id, n)) c
    join public.outreach_emails o on o.id = c.id::uuid
   where o.sent_at is not null
   order by c.place, c.n
   limit 1;
  if target is null and nullif(thread_id, '') is not null then
    select o.id into target from public.outreach_emails o
     where o.thread_id = record_outreach_reply.thread_id and o.sent_at is not null
     order by o.sent_at desc limit 1;
  end if;
  if target is null then
    return pg_catalog.jsonb_build_object('recorded', false, 'reason', 'not a reply to an outreach e-mail');
  end if;
  return public.record_tracking_event(target, 'replied', received_at, pg_catalog.jsonb_strip_nulls(
    pg_catalog.jsonb_build_object('event_id', 'reply:' || pg_catalog.left(pg_catalog.btrim(message_id), 190),
                                  'source', 'mailbox', 'from', pg_catalog.left(sender, 320),
                                  'reply', pg_catalog.left(body, 10000))))
         || pg_catalog.jsonb_build_object('email_id', target);
end
$$;
comment on function public.record_outreach_reply(text, text, text, text, text, timestamptz, text) is
  'Record a reply read from the mailbox (service_role: avenir outreach ingest, the Gmail reader): the outreach e-mail '
  'from In-Reply-To, then References (<outreach.ID@domain>), else the Gmail thread id; moves it to replied. The '
  'reply''s Message-ID is the event id (a message read twice is one event); not ours: recorded false.';
revoke execute on function public.record_outreach_reply(text, text, text, text, text, timestamptz, text)
  from public, anon, authenticated;
grant execute on function public.record_outreach_reply(text, text, text, text, text, timestamptz, text) to service_role;
