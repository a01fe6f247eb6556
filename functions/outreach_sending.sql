-- Sending outreach e-mails (issue 15, item 3) and the daily queue's handoff to outreach.
--
-- The daily queue (build_daily_prospect_queue) becomes pending e-mails of a campaign, rendered
-- from its template (queue_daily_outreach). Approved e-mails of an active campaign go out
-- through bulk_email jobs (one pending job per campaign, enqueued when an e-mail is approved
-- or the campaign becomes active).
--
-- At most once, as for lead replies (functions/lead_replies.sql): the worker calls
-- begin_outreach_sends (a batch of a campaign's e-mails; begin_outreach_send for one) in its own
-- committed transaction BEFORE the messages leave; it writes private.outreach_sends (a Message-ID
-- derived from the e-mail, a random tracking token), then finish_outreach_sends records the
-- outcomes. A record left 'sending' by a dead job gets action
-- 'check' (the sender's lookup by Message-ID, else 'uncertain', never resent).
--
-- Throttling is decided here, under a lock on the campaign row, so several jobs and workers
-- share one budget: a send begins only while the campaign has fewer than send_per_second sends
-- begun in the last second, fewer than send_per_hour in the last hour and fewer than
-- send_concurrency still sending; otherwise the answer is 'wait' with the seconds to wait.
-- The suppression list is checked in the same call, before every send.

create or replace function private.outreach_link_pattern()
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select 'href="(https?://[^"]*)"';
$$;
comment on function private.outreach_link_pattern() is
  'The links of an outreach e-mail that clicks are tracked on: href="http(s)://..." in its HTML.';
revoke execute on function private.outreach_link_pattern() from public;
grant execute on function private.outreach_link_pattern() to service_role;

create or replace function private.html_unescape(value text)
returns text
language sql
immutable
parallel safe
strict
set search_path = ''
as $$
  select replace(replace(replace(replace(replace(value, '&quot;', '"'), '&#39;', ''''), '&lt;', '<'), '&gt;', '>'),
                 '&amp;', '&');
$$;
comment on function private.html_unescape(text) is 'The inverse of private.html_escape (an href''s value as a URL).';
revoke execute on function private.html_unescape(text) from public;
grant execute on function private.html_unescape(text) to service_role;

create or replace function private.tracked_html(body text, token text, tracking_url text,
                                                out html text, out links text[])
language plpgsql
immutable
set search_path = ''
as $$
declare
  pattern text := private.outreach_link_pattern();
  pieces text[];
  m text[];
  i integer := 1;
  base text := rtrim(tracking_url, '/');
begin
  links := '{}';
  if body is null then
    return;
  end if;
  pieces := regexp_split_to_array(body, pattern);
  html := pieces[1];
  for m in select regexp_matches(body, pattern, 'g') loop
    links := links || private.html_unescape(m[1]);
    i := i + 1;
    html := html || case when base is null then 'href="' || m[1] || '"'
                         else pg_catalog.format('href="%s/rpc/track_click?t=%s&amp;l=%s"', base, token, i - 1) end
                 || pieces[i];
  end loop;
  if base is not null then
    -- The open pixel, last in the body.
    html := html || pg_catalog.format(
      '<img src="%s/rpc/track_open?t=%s" width="1" height="1" alt="" style="display:none">', base, token);
  end if;
end
$$;
comment on function private.tracked_html(text, text, text) is
  'An outreach e-mail''s HTML as sent: each http(s) link rewritten to the click endpoint (by its position, so a '
  'click can only lead to a link of this message) and the open pixel appended; links are the originals, in order. '
  'Without a tracking_url the HTML is unchanged.';
revoke execute on function private.tracked_html(text, text, text) from public;
grant execute on function private.tracked_html(text, text, text) to service_role;

create or replace function private.new_tracking_token()
returns text
language sql
volatile
set search_path = ''
as $$
  select translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_');
$$;
comment on function private.new_tracking_token() is 'A tracking token: 24 random bytes, base64url (32 characters).';
revoke execute on function private.new_tracking_token() from public;
grant execute on function private.new_tracking_token() to service_role;

create or replace function public.queue_outreach_emails(campaign_id uuid, prospects jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  campaign public.outreach_campaigns;
  template public.email_templates;
  p jsonb;
  vars jsonb;
  rendered jsonb;
  created integer := 0;
  skipped jsonb := '[]'::jsonb;
  address text;
begin
  select * into campaign from public.outreach_campaigns c where c.id = campaign_id;
  if not found then
    raise exception using errcode = 'PT404', message = pg_catalog.format('campaign %s not found', campaign_id),
      hint = 'Use the id of a row of outreach_campaigns.';
  end if;
  if jsonb_typeof(prospects) is distinct from 'array' then
    raise exception using errcode = 'invalid_parameter_value', message = 'prospects must be a JSON array',
      hint = 'Pass build_daily_prospect_queue()''s "prospects".';
  end if;
  select * into template from public.email_templates t where t.id = campaign.email_template_id and t.is_active;
  if not found then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('campaign %1$L has no active template', campaign.name),
      hint = private.ui_text_both('Set outreach_campaigns.email_template_id to an active email_templates row.');
  end if;
  for p in select value from jsonb_array_elements(prospects) loop
    address := nullif(pg_catalog.btrim(p ->> 'contact_email'), '');
    if exists (select from public.outreach_emails e
                where e.campaign_id = campaign.id and e.prospect_id = (p ->> 'id')::uuid and e.follow_up_sequence = 1) then
      skipped := skipped || pg_catalog.jsonb_build_object('id', p -> 'id', 'reason', 'already in the campaign');
      continue;
    end if;
    vars := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'company_name', p ->> 'business_name', 'business_name', p ->> 'business_name', 'website', p ->> 'website',
      'industry', p ->> 'industry', 'region', p ->> 'region', 'email', address,
      'first_name', p ->> 'first_name', 'name', p ->> 'name')) || coalesce(p -> 'vars', '{}');
    -- The template of the same name in the prospect's language when there is one.
    begin
      rendered := public.render_template(coalesce(
        (select t.id from public.email_templates t where t.name = template.name and t.is_active
            and t.language = p ->> 'language'), template.id), vars);
    exception when invalid_parameter_value then
      get stacked diagnostics address = message_text;
      skipped := skipped || pg_catalog.jsonb_build_object('id', p -> 'id', 'reason', address);
      continue;
    end;
    insert into public.outreach_emails (client_id, campaign_id, prospect_id, prospect_email, prospect_name, company_name,
                                        website, template_id, subject, content, missing_email, metadata)
    values (campaign.client_id, campaign.id, (p ->> 'id')::uuid, address, p ->> 'name', p ->> 'business_name',
            p ->> 'website', (rendered ->> 'template_id')::uuid, rendered ->> 'subject',
            coalesce(rendered ->> 'html', rendered ->> 'text'), address is null,
            pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'text', rendered ->> 'text', 'language', rendered ->> 'language', 'queue_rank', p -> 'rank',
              'vars', vars)));
    created := created + 1;
  end loop;
  return pg_catalog.jsonb_build_object('campaign_id', campaign.id, 'created', created, 'skipped', skipped);
end
$$;
comment on function public.queue_outreach_emails(uuid, jsonb) is
  'Pending e-mails of a campaign for a list of prospects (build_daily_prospect_queue''s "prospects"), each rendered '
  'from the campaign''s template (the same name in the prospect''s language when there is one). A prospect already '
  'in the campaign, or whose rendering misses a variable, is skipped with its reason. service_role.';
revoke execute on function public.queue_outreach_emails(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.queue_outreach_emails(uuid, jsonb) to service_role;

create or replace function public.queue_daily_outreach(n integer default 16, campaign_id uuid default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  queue jsonb := public.build_daily_prospect_queue(n);
  target uuid := campaign_id;
begin
  if target is null then
    -- Avenir's own outreach: the newest active campaign of an internal client with a template.
    select c.id into target
      from public.outreach_campaigns c join public.clients k on k.client_id = c.client_id
     where k.is_internal and c.status = 'active' and c.email_template_id is not null
     order by c.created_at desc, c.id
     limit 1;
  end if;
  if target is null then
    return queue || pg_catalog.jsonb_build_object('outreach', null,
                                                  'reason', 'no active internal campaign with a template');
  end if;
  return queue || pg_catalog.jsonb_build_object('outreach', public.queue_outreach_emails(target, queue -> 'prospects'));
end
$$;
comment on function public.queue_daily_outreach(integer, uuid) is
  'The daily queue handed to outreach: build_daily_prospect_queue(n), then its prospects become pending e-mails of '
  'campaign_id (default: the newest active internal campaign with a template). service_role (the '
  'daily_prospect_queue job).';
revoke execute on function public.queue_daily_outreach(integer, uuid) from public, anon, authenticated;
grant execute on function public.queue_daily_outreach(integer, uuid) to service_role;

create or replace function public.enqueue_campaign_send(campaign_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_variable
declare
  campaign public.outreach_campaigns;
begin
  select * into campaign from public.outreach_campaigns c where c.id = campaign_id;
  if not found or campaign.status <> 'active' then
    return pg_catalog.jsonb_build_object('enqueued', false, 'reason', 'campaign missing or not active');
  end if;
  return pg_catalog.jsonb_build_object('enqueued', true, 'job_id', public.enqueue_job(
    'bulk_email', pg_catalog.jsonb_build_object('campaign_id', campaign.id, 'client_id', campaign.client_id),
    dedup_key => 'bulk_email:' || campaign.id));
end
$$;
comment on function public.enqueue_campaign_send(uuid) is
  'Queue the bulk_email job of an active campaign (one pending job per campaign: dedup_key bulk_email:ID). '
  'Called when an e-mail is approved or a campaign becomes active.';
revoke execute on function public.enqueue_campaign_send(uuid) from public, anon, authenticated;
grant execute on function public.enqueue_campaign_send(uuid) to service_role;

create or replace function private.tg__outreach_email_send_due()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform public.enqueue_campaign_send(new.campaign_id);
  return null;
end
$$;
comment on function private.tg__outreach_email_send_due() is
  'After an outreach e-mail is approved: its campaign''s bulk_email job is queued (when the campaign is active).';
revoke execute on function private.tg__outreach_email_send_due() from public;

create or replace function private.tg__outreach_campaign_send_due()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if exists (select from public.outreach_emails e where e.client_id = new.client_id and e.campaign_id = new.id
                and e.status = 'approved') then
    perform public.enqueue_campaign_send(new.id);
  end if;
  return null;
end
$$;
comment on function private.tg__outreach_campaign_send_due() is
  'After a campaign with approved e-mails becomes active: its bulk_email job is queued.';
revoke execute on function private.tg__outreach_campaign_send_due() from public;

drop trigger if exists outreach_emails_send_due on public.outreach_emails;
create trigger outreach_emails_send_due
  after update of status on public.outreach_emails
  for each row when (new.status = 'approved' and old.status is distinct from 'approved')
  execute function private.tg__outreach_email_send_due();
drop trigger if exists outreach_campaigns_send_due on public.outreach_campaigns;
create trigger outreach_campaigns_send_due
  after update of status on public.outreach_campaigns
  for each row when (new.status = 'active' and old.status is distinct from 'active')
  execute function private.tg__outreach_campaign_send_due();

create or replace function public.next_outreach_emails(campaign_id uuid, n integer default 100)
returns uuid[]
language sql
stable
set search_path = ''
as $$
  select coalesce(array_agg(q.id order by q.created_at, q.id), '{}')
    from (select e.id, e.created_at from public.outreach_emails e
           where e.campaign_id = next_outreach_emails.campaign_id and e.status = 'approved'
             -- not sent nor being sent: no send record, a released one, or one a dead job left 'sending'
             and not exists (select from private.outreach_sends s
                              where s.email_id = e.id
                                and (s.status not in ('released', 'sending')
                                     or (s.status = 'sending' and exists (
                                           select from public.queue_jobs j where j.id = s.job_id
                                              and j.status = 'processing' and j.attempts = s.job_attempt))))
           order by e.created_at, e.id
           limit least(greatest(n, 1), 1000)) q;
$$;
comment on function public.next_outreach_emails(uuid, integer) is
  'The next n approved e-mails of a campaign not yet sent nor being sent, oldest first (the bulk_email job''s list).';
revoke execute on function public.next_outreach_emails(uuid, integer) from public, anon, authenticated;
grant execute on function public.next_outreach_emails(uuid, integer) to service_role;

create or replace function private.suppress_address(client uuid, address text, reason text, email_id uuid,
                                                    details jsonb default '{}')
returns boolean
language sql
set search_path = ''
as $$
  insert into private.outreach_suppressions (client_id, address, reason, email_id, details)
  values (client, lower(btrim(address)), reason, email_id, coalesce(details, '{}'))
  on conflict on constraint outreach_suppressions_client_id_address_key do nothing
  returning true;
$$;
comment on function private.suppress_address(uuid, text, text, uuid, jsonb) is
  'Add an address to a client''s suppression list (the first reason is kept); true when it was new.';
revoke execute on function private.suppress_address(uuid, text, text, uuid, jsonb) from public;
grant execute on function private.suppress_address(uuid, text, text, uuid, jsonb) to service_role;

-- A follow-up sequence's stop rule (functions/outreach_sequences.sql creates the follow-ups).
create or replace function private.outreach_sequence_stop(client uuid, campaign uuid, to_address text)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when exists (select from public.outreach_emails e where e.client_id = client and e.campaign_id = campaign
                    and lower(e.prospect_email) = lower(to_address) and e.status = 'replied') then 'replied'
    when exists (select from public.outreach_emails e where e.client_id = client and e.campaign_id = campaign
                    and lower(e.prospect_email) = lower(to_address) and e.status = 'bounced') then 'bounced'
    when exists (select from private.outreach_suppressions s where s.client_id = client
                    and s.address = lower(btrim(to_address))) then 'suppressed'
    when exists (select from public.outreach_tracking t
                   join public.outreach_emails e on e.client_id = t.client_id and e.id = t.email_id
                   join public.outreach_campaigns c on c.client_id = e.client_id and c.id = e.campaign_id
                   join public.clients k on k.client_id = c.client_id
                  where t.client_id = client and t.campaign_id = campaign and t.action = 'clicked'
                    and lower(e.prospect_email) = lower(to_address)
                    and (t.metadata ->> 'url' = nullif(k.booking_link, '')
                         or t.metadata ->> 'url' = nullif(c.metadata ->> 'booking_url', ''))) then 'booked'
  end;
$$;
comment on function private.outreach_sequence_stop(uuid, uuid, text) is
  'Why a campaign''s sequence to an address stops (replied, bounced, suppressed: unsubscribed or bounced, booked: '
  'a booking link clicked), or null while it goes on.';
revoke execute on function private.outreach_sequence_stop(uuid, uuid, text) from public;
grant execute on function private.outreach_sequence_stop(uuid, uuid, text) to service_role;

create or replace function private.outreach_throttle(campaign uuid, span interval, most integer, now_at timestamptz,
                                                     out room integer, out wait_seconds double precision)
language sql
stable
set search_path = ''
as $$
  -- The `most` latest sends of the window (bounded work): room is what is left of the limit; when
  -- none is, the wait lasts until the oldest of them leaves the window. Released and suppressed
  -- sends never left, so they do not count. most null: no limit (room and wait null).
  select most - count(*)::integer,
         case when count(*) >= most
              then greatest(extract(epoch from (min(w.started_at) + span - now_at))::double precision, 0.001) end
    from (select s.started_at from private.outreach_sends s
           where most is not null  -- limit null would be no limit
             and s.campaign_id = campaign and s.started_at > now_at - span
             and s.status in ('sending', 'sent', 'failed', 'uncertain')
           order by s.started_at desc
           limit most) w;
$$;
comment on function private.outreach_throttle(uuid, interval, integer, timestamptz) is
  'A campaign''s limit of MOST sends per SPAN at NOW_AT: the sends that may still begin (room) and, when none may, '
  'the seconds to wait (both null without a limit).';
revoke execute on function private.outreach_throttle(uuid, interval, integer, timestamptz) from public;
grant execute on function private.outreach_throttle(uuid, interval, integer, timestamptz) to service_role;

create or replace function private.outreach_send_room(campaign public.outreach_campaigns, now_at timestamptz,
                                                      out room integer, out wait jsonb)
language plpgsql
stable
set search_path = ''
as $$
declare
  hour record;
  second record;
  sending integer;
begin
  select * into hour from private.outreach_throttle(campaign.id, interval '1 hour', campaign.send_per_hour, now_at);
  if hour.room <= 0 then
    room := 0;
    wait := pg_catalog.jsonb_build_object('action', 'wait', 'limit', 'send_per_hour', 'seconds', hour.wait_seconds);
    return;
  end if;
  select * into second from private.outreach_throttle(campaign.id, interval '1 second', campaign.send_per_second, now_at);
  if second.room <= 0 then
    room := 0;
    wait := pg_catalog.jsonb_build_object('action', 'wait', 'limit', 'send_per_second', 'seconds', second.wait_seconds);
    return;
  end if;
  if campaign.send_concurrency is not null then
    select count(*)::integer into sending
      from (select from private.outreach_sends s
             where s.campaign_id = campaign.id and s.status = 'sending' and s.started_at > now_at - interval '10 minutes'
             limit campaign.send_concurrency) w;
    if sending >= campaign.send_concurrency then
      room := 0;
      wait := pg_catalog.jsonb_build_object('action', 'wait', 'limit', 'send_concurrency', 'seconds', 0.02);
      return;
    end if;
  end if;
  room := least(hour.room, second.room, campaign.send_concurrency - sending);  -- null: no limit
end
$$;
comment on function private.outreach_send_room(public.outreach_campaigns, timestamptz) is
  'How many sends of a campaign may begin now under its send_per_hour, send_per_second and send_concurrency '
  '(null: no limit); when none may, the wait answer naming the limit reached. Call it holding the campaign''s row lock.';
revoke execute on function private.outreach_send_room(public.outreach_campaigns, timestamptz) from public;
grant execute on function private.outreach_send_room(public.outreach_campaigns, timestamptz) to service_role;

create or replace function private.begin_outreach_batch(campaign public.outreach_campaigns, email_ids uuid[],
                                                        room integer, wait jsonb, sender text, domain text,
                                                        tracking_url text, job_id uuid, job_attempt integer,
                                                        now_at timestamptz)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  base text := rtrim(nullif(btrim(tracking_url), ''), '/');
  from_name text := (select k.business_name from public.clients k where k.client_id = campaign.client_id);
  items jsonb;
begin
  -- The send records of these e-mails, locked: a concurrent claim or finish of one of them waits.
  perform from private.outreach_sends s where s.email_id = any(email_ids) order by s.email_id for update;
  with c as materialized (
    select u.ord, e.*, s.status as send_status, s.message_id as send_message_id, s.sender as send_sender,
           s.token as send_token,
           case
             when s.status = 'sending' and exists (
                    select from public.queue_jobs j where j.id = s.job_id and j.status = 'processing'
                       and j.attempts = s.job_attempt
                       and (j.id, j.attempts) is distinct from (begin_outreach_batch.job_id, job_attempt)) then 'busy'
             -- A previous attempt began the send and never finished: the message may have left.
             when s.status = 'sending' then 'check'
             when s.status is not null and s.status <> 'released' then 'done'
             when e.status <> 'approved' then 'done'
             when campaign.status <> 'active' then 'stop'
             when exists (select from private.outreach_suppressions x
                           where x.client_id = e.client_id and x.address = lower(btrim(e.prospect_email)))
               then 'skip: suppressed'
             -- A follow-up goes out only while its sequence runs (functions/outreach_sequences.sql).
             when e.follow_up_sequence > 1 then coalesce(
               'skip: sequence stopped: ' || private.outreach_sequence_stop(e.client_id, e.campaign_id, e.prospect_email),
               'send')
             else 'send'
           end as verdict
      from unnest(email_ids) with ordinality as u(id, ord)
      join public.outreach_emails e on e.id = u.id and e.client_id = campaign.client_id and e.campaign_id = campaign.id
      left join private.outreach_sends s on s.email_id = e.id
  ),
  going as materialized (
    select c.*, coalesce(c.send_token, private.new_tracking_token()) as new_token
      from (select c.*, row_number() over (order by c.ord) as rank from c where c.verdict = 'send') c
     where c.rank <= coalesce(room, c.rank)
  ),
  rendered as materialized (
    select g.*, t.html as tracked_html, t.links as tracked_links
      from going g cross join lateral private.tracked_html(g.content, g.new_token, base) t
  ),
  checked as (
    update private.outreach_sends s set attempts = s.attempts + 1, job_id = begin_outreach_batch.job_id,
                                        job_attempt = begin_outreach_batch.job_attempt
      from c where c.verdict = 'check' and s.email_id = c.id
    returning s.email_id
  ),
  skipped as (
    insert into private.outreach_sends as s (email_id, client_id, campaign_id, message_id, token, status, sender,
                                             job_id, job_attempt, recipient, finished_at, error)
    select c.id, c.client_id, c.campaign_id, '<outreach.' || c.id || '@' || domain || '>',
           coalesce(c.send_token, private.new_tracking_token()), 'suppressed', sender, job_id, job_attempt,
           c.prospect_email, now_at,
           case when c.verdict = 'skip: suppressed' then 'address on the suppression list'
                else substr(c.verdict, 7) end
      from c where c.verdict like 'skip: %'
    on conflict on constraint outreach_sends_pkey do update
       set status = 'suppressed', finished_at = excluded.finished_at, error = excluded.error
    returning s.email_id
  ),
  begun as (
    insert into private.outreach_sends as s (email_id, client_id, campaign_id, message_id, token, sender, job_id,
                                             job_attempt, recipient, links, started_at)
    select r.id, r.client_id, r.campaign_id, '<outreach.' || r.id || '@' || domain || '>', r.new_token, sender,
           job_id, job_attempt, r.prospect_email, r.tracked_links, now_at
      from rendered r
    on conflict on constraint outreach_sends_pkey do update
       set status = 'sending', attempts = s.attempts + 1, sender = excluded.sender, job_id = excluded.job_id,
           job_attempt = excluded.job_attempt, links = excluded.links, started_at = excluded.started_at, error = null
    returning s.email_id, s.message_id, s.token
  )
  select coalesce(jsonb_agg(case
           when b.email_id is not null then pg_catalog.jsonb_build_object(
             'action', 'send', 'email_id', c.id, 'message_id', b.message_id, 'token', b.token, 'to', c.prospect_email,
             'to_name', c.prospect_name, 'subject', c.subject, 'html', r.tracked_html, 'text', c.metadata ->> 'text',
             'language', coalesce(c.metadata ->> 'language', 'en'), 'from_name', from_name,
             'unsubscribe_url', case when base is not null then base || '/rpc/unsubscribe_outreach?t=' || b.token end,
             -- A follow-up answers the first e-mail's thread.
             'in_reply_to', (select f.message_id from private.outreach_sends f
                              where f.email_id = (c.metadata ->> 'follows')::uuid and f.status = 'sent'))
           when c.verdict = 'send' then coalesce(wait, pg_catalog.jsonb_build_object(
             'action', 'wait', 'limit', 'room', 'seconds', 0.02)) || pg_catalog.jsonb_build_object('email_id', c.id)
           when c.verdict = 'stop' then pg_catalog.jsonb_build_object(
             'action', 'stop', 'email_id', c.id, 'reason', 'campaign ' || campaign.status)
           when c.verdict like 'skip: %' then pg_catalog.jsonb_build_object(
             'action', 'skip', 'email_id', c.id, 'reason', substr(c.verdict, 7))
           when c.verdict = 'check' then pg_catalog.jsonb_build_object(
             'action', 'check', 'email_id', c.id, 'message_id', c.send_message_id, 'sender', c.send_sender)
           when c.verdict = 'busy' then pg_catalog.jsonb_build_object(
             'action', 'busy', 'email_id', c.id, 'message_id', c.send_message_id)
           else pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
             'action', 'done', 'email_id', c.id,
             'status', case when c.send_status is not null and c.send_status <> 'released' then c.send_status
                            else c.status end,
             'message_id', case when c.send_status is not null and c.send_status <> 'released'
                                then c.send_message_id end))
         end order by c.ord), '[]'::jsonb)
    into items
    from c left join begun b on b.email_id = c.id left join rendered r on r.id = c.id;
  return items;
end
$$;
comment on function private.begin_outreach_batch(public.outreach_campaigns, uuid[], integer, jsonb, text, text, text,
                                                 uuid, integer, timestamptz) is
  'The one decision of begin_outreach_send(s), for a list of a campaign''s e-mails (the campaign row locked by the '
  'caller), in one statement: each gets action send (its record written, its HTML tracked; at most ROOM of them), '
  'wait, skip (suppressed address, stopped sequence: recorded suppressed), stop, busy, check or done.';
revoke execute on function private.begin_outreach_batch(public.outreach_campaigns, uuid[], integer, jsonb, text, text,
                                                        text, uuid, integer, timestamptz) from public;
grant execute on function private.begin_outreach_batch(public.outreach_campaigns, uuid[], integer, jsonb, text, text,
                                                       text, uuid, integer, timestamptz) to service_role;

create or replace function public.begin_outreach_send(email_id uuid, sender text, domain text,
                                                      tracking_url text default null, job_id uuid default null,
                                                      job_attempt integer default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  e public.outreach_emails;
  campaign public.outreach_campaigns;
  now_ timestamptz := clock_timestamp();
  r record;
begin
  select * into e from public.outreach_emails o where o.id = email_id;
  if not found then
    raise exception using errcode = 'PT404', message = pg_catalog.format('outreach e-mail %s not found', email_id),
      hint = 'Pass an id from next_outreach_emails.';
  end if;
  -- The campaign's row lock serialises the throttle's decisions over every job and worker.
  select * into campaign from public.outreach_campaigns c where c.client_id = e.client_id and c.id = e.campaign_id
     for update;
  select * into r from private.outreach_send_room(campaign, now_);
  return (private.begin_outreach_batch(campaign, array[e.id], r.room, r.wait, sender, domain, tracking_url, job_id,
                                       job_attempt, now_) -> 0) - 'email_id';  -- the caller named it
end
$$;
comment on function public.begin_outreach_send(uuid, text, text, text, uuid, integer) is
  'Before an outreach e-mail leaves (service_role, own committed transaction): action send (with the message''s '
  'pieces, its Message-ID and tracking token), wait (the campaign''s send_per_second / send_per_hour / '
  'send_concurrency is reached: seconds to wait), skip (suppressed address), stop (campaign not active), busy '
  '(another live job is sending it), check (an earlier attempt may have sent it) or done. One e-mail of '
  'begin_outreach_sends.';
revoke execute on function public.begin_outreach_send(uuid, text, text, text, uuid, integer) from public, anon, authenticated;
grant execute on function public.begin_outreach_send(uuid, text, text, text, uuid, integer) to service_role;

create or replace function public.begin_outreach_sends(campaign_id uuid, n integer, sender text, domain text,
                                                       tracking_url text default null, job_id uuid default null,
                                                       job_attempt integer default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  campaign public.outreach_campaigns;
  now_ timestamptz := clock_timestamp();
  r record;
  ids uuid[];
begin
  -- The campaign's row lock serialises the throttle's decisions over every job and worker.
  select * into campaign from public.outreach_campaigns c where c.id = campaign_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = pg_catalog.format('campaign %s not found', campaign_id),
      hint = 'Use the id of a row of outreach_campaigns.';
  end if;
  if campaign.status <> 'active' then
    return pg_catalog.jsonb_build_object('items', '[]'::jsonb, 'stop', 'campaign ' || campaign.status);
  end if;
  select * into r from private.outreach_send_room(campaign, now_);
  if r.room = 0 then
    return pg_catalog.jsonb_build_object('items', '[]'::jsonb, 'wait', r.wait);
  end if;
  -- Taken under the lock: no other claim of this campaign can take the same e-mails.
  ids := public.next_outreach_emails(campaign.id, least(n, coalesce(r.room, n)));
  return pg_catalog.jsonb_build_object('items', private.begin_outreach_batch(
    campaign, ids, r.room, r.wait, sender, domain, tracking_url, job_id, job_attempt, now_));
end
$$;
comment on function public.begin_outreach_sends(uuid, integer, text, text, text, uuid, integer) is
  'Claim up to n of a campaign''s next approved e-mails in one call (service_role, own committed transaction, '
  'before they leave): items as begin_outreach_send answers them, at most as many sends as the throttle allows now; '
  'no items with wait (the limit reached and the seconds), stop (campaign not active), or none left.';
revoke execute on function public.begin_outreach_sends(uuid, integer, text, text, text, uuid, integer)
  from public, anon, authenticated;
grant execute on function public.begin_outreach_sends(uuid, integer, text, text, text, uuid, integer) to service_role;

create or replace function private.classify_bounce(diagnostic text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- RFC 3463 enhanced status codes first (class 5 permanent, class 4 transient; 5.2.2 "mailbox
  -- full" is transient in practice), then the bare SMTP reply code; an ARF feedback report
  -- (RFC 5965, Feedback-Type: abuse) is a complaint. Unknown: soft (repeated soft bounces suppress).
  select case
    when diagnostic ~* 'feedback-type:\s*abuse' then 'complaint'
    when diagnostic ~ '(^|[^0-9.])5\.2\.2([^0-9]|$)' then 'soft_bounce'
    when diagnostic ~ '(^|[^0-9.])5\.[0-9]{1,3}\.[0-9]{1,3}([^0-9]|$)' then 'hard_bounce'
    when diagnostic ~ '(^|[^0-9.])4\.[0-9]{1,3}\.[0-9]{1,3}([^0-9]|$)' then 'soft_bounce'
    when diagnostic ~ '^\s*5[0-9][0-9]' then 'hard_bounce'
    else 'soft_bounce'
  end;
$$;
comment on function private.classify_bounce(text) is
  'soft_bounce, hard_bounce or complaint from an SMTP error or a DSN / ARF report''s text (enhanced status code '
  'first, then the reply code; unknown is soft).';
revoke execute on function private.classify_bounce(text) from public;
grant execute on function private.classify_bounce(text) to service_role;

create or replace function public.finish_outreach_sends(outcomes jsonb)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  bad text;
  closed jsonb;
  suppressed integer;
begin
  if jsonb_typeof(outcomes) is distinct from 'array' then
    raise exception using errcode = 'invalid_parameter_value', message = 'outcomes must be a JSON array',
      hint = 'Pass [{"email_id": "...", "status": "sent", "details": {...}}, ...].';
  end if;
  select o ->> 'status' into bad from jsonb_array_elements(outcomes) o
   where (o ->> 'status') is null or (o ->> 'status') not in ('sent', 'failed', 'uncertain', 'released') limit 1;
  if found then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('send status %L is not a final status', bad),
      hint = 'Use sent, failed, uncertain or released.';
  end if;
  with o as (
    select x.email_id, x.status, coalesce(x.details, '{}'::jsonb) as details
      from jsonb_to_recordset(outcomes) as x(email_id uuid, status text, details jsonb)
  ),
  done as (
    update private.outreach_sends s
       set status = o.status, finished_at = clock_timestamp(), error = left(o.details ->> 'error', 2000)
      from o
     where s.email_id = o.email_id and s.status = 'sending'
    returning s.email_id, s.client_id, s.status, s.message_id, s.sender, s.recipient, o.details
  ),
  sent as (
    update public.outreach_emails e
       set status = 'sent', sender_email = d.details ->> 'from_address',
           thread_id = coalesce(d.details ->> 'thread_id', e.thread_id),
           gmail_message_id = coalesce(d.details ->> 'gmail_message_id', e.gmail_message_id),
           metadata = e.metadata || pg_catalog.jsonb_build_object('message_id', d.message_id, 'sender', d.sender)
      from done d
     where d.status = 'sent' and e.client_id = d.client_id and e.id = d.email_id
    returning e.*, d.message_id as sent_message_id, d.sender as sent_sender
  ),
  tracked as (
    insert into public.outreach_tracking (client_id, email_id, prospect_id, campaign_id, action, "timestamp", metadata)
    select s.client_id, s.id, s.prospect_id, s.campaign_id, 'sent', s.sent_at,
           pg_catalog.jsonb_build_object('message_id', s.sent_message_id, 'sender', s.sent_sender)
      from sent s
  ),
  used as (
    update public.email_templates t set usage_count = t.usage_count + u.n
      from (select s.template_id, count(*)::integer as n from sent s group by s.template_id) u
     where t.id = u.template_id
  ),
  contacted as (
    update public.prospect_candidates p set contacted = true
      from sent s where p.id = s.prospect_id and not p.contacted
  ),
  -- prospect_outreach_log mirrors prospect-level sends (record_tracking_event its opens, replies, bounces).
  logged as (
    insert into public.prospect_outreach_log (prospect_id, subject, email_body, sent_at, status, metadata)
    select s.prospect_id, s.subject, s.content, s.sent_at, 'sent',
           pg_catalog.jsonb_build_object('email_id', s.id, 'campaign_id', s.campaign_id, 'client_id', s.client_id,
                                         'follow_up_sequence', s.follow_up_sequence)
      from sent s where s.prospect_id is not null
  ),
  -- The server refused the recipient for good (5xx at RCPT): never try this address again.
  refused as (
    select private.suppress_address(d.client_id, d.recipient, b.kind, d.email_id,
                                    pg_catalog.jsonb_build_object('error', left(d.details ->> 'error', 500))) as added
      from done d cross join lateral (select private.classify_bounce(d.details ->> 'error') as kind) b
     where d.status = 'failed' and b.kind in ('hard_bounce', 'complaint')
  )
  select coalesce(jsonb_agg(pg_catalog.jsonb_build_object('email_id', d.email_id, 'status', d.status,
                                                          'message_id', d.message_id)), '[]'::jsonb)
         , (select count(*)::integer from refused r where r.added)
    into closed, suppressed from done d;
  return pg_catalog.jsonb_build_object('applied', jsonb_array_length(closed), 'closed', closed,
                                       'suppressed', suppressed);
end
$$;
comment on function public.finish_outreach_sends(jsonb) is
  'Close outreach sends in one call (service_role): [{email_id, status, details}], status sent (the e-mail becomes '
  'sent, a sent event, the template''s usage_count, the prospect contacted and logged), failed (the server''s reason; '
  'a hard refusal suppresses the address), uncertain, or released (not sent: a retry may send). Sends not in '
  'progress are left alone (not in "closed").';
revoke execute on function public.finish_outreach_sends(jsonb) from public, anon, authenticated;
grant execute on function public.finish_outreach_sends(jsonb) to service_role;

create or replace function public.finish_outreach_send(email_id uuid, status text, details jsonb default '{}')
returns jsonb
language sql
set search_path = ''
as $$
  select case when (f ->> 'applied')::integer = 0
              then pg_catalog.jsonb_build_object('applied', false, 'reason', 'no send in progress for this e-mail')
              else pg_catalog.jsonb_build_object('applied', true, 'status', status,
                                                 'message_id', f -> 'closed' -> 0 ->> 'message_id') end
    from public.finish_outreach_sends(pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
           'email_id', email_id, 'status', status, 'details', coalesce(details, '{}'::jsonb)))) f;
$$;
comment on function public.finish_outreach_send(uuid, text, jsonb) is
  'Close one outreach send (service_role): finish_outreach_sends of one outcome; applied false when it was not in '
  'progress.';
revoke execute on function public.finish_outreach_send(uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.finish_outreach_send(uuid, text, jsonb) to service_role;
