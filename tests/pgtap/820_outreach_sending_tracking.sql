-- Sending and tracking in SQL (issue 15, items 3-5): the daily queue's handoff, begin/finish of a
-- send (at most once, throttle, suppression), tracked links, bounce classification, tracking
-- events (duplicates, state, proxy opens, suppression), and the token endpoints.
begin;
select plan(69);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_internal) values
  ('aaaaaaaa-0000-4000-8000-000000000820', 'Avenir 820', 'a@820.localhost', '$2a$04$' || repeat('a', 53), repeat('1', 64), 'avk_o820a', true),
  ('bbbbbbbb-0000-4000-8000-000000000820', 'Other 820', 'b@820.localhost', '$2a$04$' || repeat('b', 53), repeat('2', 64), 'avk_o820b', false);
insert into email_templates (id, name, subject, html_content, plain_content, variables) values
  ('eeeeeeee-6666-4000-8000-000000000820', 'touch_820', 'For {{company_name}}',
   '<p>{{company_name}}: <a href="https://a.localhost/x?y=1&amp;z=2">demo</a> <a href="https://b.localhost/">book</a></p>',
   'For {{company_name}}', '["company_name"]');
insert into outreach_campaigns (id, client_id, name, email_template_id, status, send_per_second, send_per_hour) values
  ('aaaaaaaa-7777-4000-8000-000000000820', 'aaaaaaaa-0000-4000-8000-000000000820', 'C820',
   'eeeeeeee-6666-4000-8000-000000000820', 'active', 2, 5);
insert into prospect_candidates (id, business_name, website, contact_email, industry, automation_need_score)
select ('cccccccc-5555-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, 'Biz ' || n, 'biz' || n || '.test820',
       'o' || n || '@biz' || n || '.test820', 'Dental', 95
  from generate_series(1, 6) n;
delete from prospect_candidates where website not like '%.test820';

select tests.authenticate_as('service_role');

-- The daily queue's handoff.
select is((queue_daily_outreach(6) -> 'outreach' ->> 'created')::int, 6,
          'the daily queue becomes pending e-mails of the active internal campaign');
select is((select count(*)::int from outreach_emails where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000820'
            and status = 'pending' and subject like 'For Biz %'), 6, 'rendered from the campaign''s template');
select is((queue_daily_outreach(6) ->> 'count')::int, 0, 'queued prospects leave the daily queue');
select is((select count(*)::int from queue_jobs where job_type = 'bulk_email'
            and payload ->> 'campaign_id' = 'aaaaaaaa-7777-4000-8000-000000000820'), 0, 'no send job before approval');

update outreach_emails set status = 'approved' where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000820';
select is((select count(*)::int from queue_jobs where job_type = 'bulk_email' and status = 'pending'
            and payload ->> 'campaign_id' = 'aaaaaaaa-7777-4000-8000-000000000820'), 1,
          'approvals queue one bulk_email job for the campaign');
select is(cardinality(next_outreach_emails('aaaaaaaa-7777-4000-8000-000000000820', 10)), 6, 'six e-mails to send');

create temp table ids on commit drop as
  select row_number() over (order by created_at, id) as n, id from outreach_emails
   where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000820';
grant select on ids to service_role;
create function pg_temp.mail(n integer) returns uuid language sql as $$ select id from ids where ids.n = mail.n $$;

-- begin: the first send, its record, its tracked HTML.
create temp table b1 on commit drop as
  select begin_outreach_send(pg_temp.mail(1), 'smtp', 'avenir.localhost', 'http://127.0.0.1:1/api/') as r;
select is((select r ->> 'action' from b1), 'send', 'the first attempt may send');
select is((select r ->> 'message_id' from b1), '<outreach.' || pg_temp.mail(1) || '@avenir.localhost>',
          'the Message-ID is derived from the e-mail');
select matches((select r ->> 'token' from b1), '^[A-Za-z0-9_-]{32}$', 'a 32-character random token');
select ok((select r ->> 'html' from b1) like '%href="http://127.0.0.1:1/api/rpc/track_click?t=' || (select r ->> 'token' from b1)
                                            || '&amp;l=2"%', 'links go through the click endpoint, by position');
select ok((select r ->> 'html' from b1) not like '%a.localhost%', 'no original link is left in the HTML');
select is((select links from private.outreach_sends where email_id = pg_temp.mail(1)),
          array['https://a.localhost/x?y=1&z=2', 'https://b.localhost/'], 'the original links are kept, unescaped');
select is((select r ->> 'unsubscribe_url' from b1),
          'http://127.0.0.1:1/api/rpc/unsubscribe_outreach?t=' || (select r ->> 'token' from b1), 'the one-click URL');

-- At most once.
select is(begin_outreach_send(pg_temp.mail(1), 'smtp', 'avenir.localhost') ->> 'action', 'check',
          'a retry while sending (no live job holds it) must check whether it left');
select is(finish_outreach_send(pg_temp.mail(1), 'sent', '{"from_address": "hello@avenir.localhost"}') ->> 'applied',
          'true', 'the send is recorded');
select is(begin_outreach_send(pg_temp.mail(1), 'smtp', 'avenir.localhost') ->> 'action', 'done',
          'a sent e-mail is never sent again');
select is((select status || ' ' || sender_email from outreach_emails where id = pg_temp.mail(1)),
          'sent hello@avenir.localhost', 'the e-mail is sent, from its address');
select is((select usage_count from email_templates where id = 'eeeeeeee-6666-4000-8000-000000000820'), 1,
          'the template''s usage_count counts sends');
select is((select count(*)::int from prospect_outreach_log l where l.metadata ->> 'email_id' = pg_temp.mail(1)::text), 1,
          'prospect_outreach_log mirrors the send');

-- Throttle: 2 per second (the 3rd waits), 5 per hour.
select is(begin_outreach_send(pg_temp.mail(2), 'smtp', 'avenir.localhost') ->> 'action', 'send', 'the 2nd this second may send');
select is(begin_outreach_send(pg_temp.mail(3), 'smtp', 'avenir.localhost') ->> 'limit', 'send_per_second',
          'the 3rd in the same second waits');
select ok((begin_outreach_send(pg_temp.mail(3), 'smtp', 'avenir.localhost') ->> 'seconds')::float between 0 and 1,
          'for less than a second');
update private.outreach_sends set started_at = started_at - interval '2 seconds';
select is(begin_outreach_send(pg_temp.mail(3), 'smtp', 'avenir.localhost') ->> 'action', 'send', 'a second later it may');
select is(begin_outreach_send(pg_temp.mail(4), 'smtp', 'avenir.localhost') ->> 'action', 'send', '4th');
update private.outreach_sends set started_at = started_at - interval '2 seconds';
select is(begin_outreach_send(pg_temp.mail(5), 'smtp', 'avenir.localhost') ->> 'action', 'send', '5th');
update private.outreach_sends set started_at = started_at - interval '2 seconds';
select is(begin_outreach_send(pg_temp.mail(6), 'smtp', 'avenir.localhost') ->> 'limit', 'send_per_hour',
          'the 6th in the hour waits');
select ok((begin_outreach_send(pg_temp.mail(6), 'smtp', 'avenir.localhost') ->> 'seconds')::float > 3500,
          'for about an hour');
select is(finish_outreach_send(pg_temp.mail(2), 'failed', '{"error": "550 5.1.1 <o2>: User unknown"}') ->> 'status',
          'failed', 'a refused recipient is recorded failed');
select is((select reason from private.outreach_suppressions where address = (select prospect_email from outreach_emails
            where id = pg_temp.mail(2))), 'hard_bounce', 'and suppressed at once (hard bounce)');

-- Bounce classification.
select is(array(select private.classify_bounce(x) from unnest(array['550 5.1.1 User unknown', '452 4.2.2 Over quota',
          '552 5.2.2 Mailbox full', '554 Rejected', 'Feedback-Type: abuse', '421 Try later']) x),
          array['hard_bounce', 'soft_bounce', 'soft_bounce', 'hard_bounce', 'complaint', 'soft_bounce'],
          'soft / hard / complaint from SMTP replies and reports');

-- Tracking events.
select finish_outreach_send(pg_temp.mail(3), 'sent', '{}');
select finish_outreach_send(pg_temp.mail(4), 'sent', '{}');
select finish_outreach_send(pg_temp.mail(5), 'sent', '{}');
select is(record_tracking_event(pg_temp.mail(1), 'delivered', now() + interval '1 minute', '{"event_id": "evt-1"}') ->> 'status',
          'delivered', 'a delivery webhook delivers');
select is(record_tracking_event(pg_temp.mail(1), 'delivered', now() + interval '1 minute', '{"event_id": "evt-1"}') ->> 'duplicate',
          'true', 'the same provider event again is a duplicate');
select is((select count(*)::int from outreach_tracking where email_id = pg_temp.mail(1) and action = 'delivered'), 1,
          'one row for a duplicated webhook');
select is(record_tracking_event(pg_temp.mail(3), 'opened', now() + interval '10 minutes',
                                '{"user_agent": "Mozilla/5.0 (Windows NT 10.0) Firefox/120.0"}') ->> 'status',
          'opened', 'a human open of a sent e-mail delivers then opens it');
select ok((select delivered_at is not null and opened_at is not null from outreach_emails where id = pg_temp.mail(3)),
          'both timestamps are set');
select is(record_tracking_event(pg_temp.mail(4), 'opened', now() + interval '10 minutes',
                                '{"user_agent": "Mozilla/5.0 (via ggpht.com GoogleImageProxy)"}') ->> 'status',
          'delivered', 'a Google image proxy open delivers but does not open');
select is(record_tracking_event(pg_temp.mail(4), 'opened', now(), '{"user_agent": "Mozilla/5.0"}') ->> 'machine_open',
          'true', 'an Apple MPP open is a machine open');
select is((select count(*)::int from outreach_tracking where email_id = pg_temp.mail(4) and action = 'opened'
            and (metadata ->> 'machine_open')::boolean), 2, 'machine opens are recorded, marked apart');
select is(record_tracking_event(pg_temp.mail(3), 'replied', now() + interval '1 hour', '{"reply": "Interested!"}') ->> 'status',
          'replied', 'a reply');
select is((select status || ' ' || reply_content from prospect_outreach_log l where l.metadata ->> 'email_id' = pg_temp.mail(3)::text),
          'replied Interested!', 'the prospect log mirrors the reply');
select throws_ok($$select record_tracking_event(pg_temp.mail(6), 'opened')$$, 'PT409', null,
                 'an e-mail never sent has no events');
-- Soft bounces: suppressed at the threshold.
select record_tracking_event(pg_temp.mail(5), 'bounced', now(), jsonb_build_object('diagnostic', '452 4.2.2 Over quota', 'event_id', 'sb-' || n))
  from generate_series(1, private.soft_bounce_threshold() - 1) n;
select is((select count(*)::int from private.outreach_suppressions where address = (select prospect_email from outreach_emails where id = pg_temp.mail(5))), 0,
          'soft bounces below the threshold do not suppress');
select is(record_tracking_event(pg_temp.mail(5), 'bounced', now(), '{"diagnostic": "452 4.2.2 Over quota", "event_id": "sb-last"}') ->> 'bounce_type',
          'soft_bounce', 'classified soft');
select is((select reason from private.outreach_suppressions where address = (select prospect_email from outreach_emails where id = pg_temp.mail(5))),
          'soft_bounces', 'the threshold''s soft bounce suppresses the address');

-- Delivery status notifications (RFC 3464) and abuse reports (RFC 5965).
select is(record_bounce_report(E'Content-Type: multipart/report; report-type=delivery-status\n\n'
                               || E'Reporting-MTA: dns; mx.localhost\nFinal-Recipient: rfc822; x@y\nAction: failed\n'
                               || E'Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n'
                               || E'Message-ID: <outreach.' || pg_temp.mail(1) || E'@avenir.localhost>\n') ->> 'bounce_type',
          'hard_bounce', 'a failed DSN is a hard bounce of the quoted message');
select is((select reason from private.outreach_suppressions where address = (select prospect_email from outreach_emails
            where id = pg_temp.mail(1))), 'hard_bounce', 'its address is suppressed');
select is(record_bounce_report(E'Action: delayed\nStatus: 5.0.0\n\nMessage-ID: <outreach.' || pg_temp.mail(3)
                               || E'@avenir.localhost>\n') ->> 'bounce_type', 'soft_bounce', 'a delay is soft');
select is(record_bounce_report(E'Feedback-Type: abuse\nUser-Agent: ARF/1\n\nMessage-ID: <outreach.' || pg_temp.mail(3)
                               || E'@avenir.localhost>\n') ->> 'bounce_type', 'complaint', 'an abuse report is a complaint');
select is(record_bounce_report(E'Action: failed\nStatus: 5.1.1\n\nMessage-ID: <someone.else@x.localhost>\n') ->> 'reason',
          'no outreach Message-ID in the report', 'a report about another message is ignored');

-- Replies read from the mailbox (avenir outreach ingest): In-Reply-To, then References nearest first,
-- else the Gmail thread; only sent e-mails; the reply's Message-ID is the event id.
update outreach_emails set thread_id = 'thr-820' where id = pg_temp.mail(4);
select is((select pg_get_expr(indpred, indrelid) from pg_index
            where indexrelid = 'public.outreach_emails_thread_id_sent_at_idx'::regclass),
          '(thread_id IS NOT NULL)', 'the thread index is partial: only e-mails with a thread');
create function pg_temp.plan_of(query text) returns setof text language plpgsql as $f$
declare line record;
begin
  for line in execute 'explain (costs off) ' || query loop return next line."QUERY PLAN"; end loop;
end
$f$;
set local enable_seqscan = off;
select ok((select string_agg(p, E'\n') from pg_temp.plan_of(
             $q$select o.id from public.outreach_emails o where o.thread_id = 'thr-820' and o.sent_at is not null
                 order by o.sent_at desc limit 1$q$) p) like '%outreach_emails_thread_id_sent_at_idx%',
          'the thread lookup of record_outreach_reply reads the thread index');
reset enable_seqscan;
select is((record_outreach_reply('<r1@biz4.test820>', null, null, 'thr-820', 'o4@biz4.test820', now(), 'Yes') ->> 'email_id')::uuid,
          pg_temp.mail(4), 'a reply without our Message-ID is matched by its Gmail thread');
select is((record_outreach_reply('<r2@x.test820>', '<outreach.' || pg_temp.mail(5) || '@avenir.localhost>',
                                 '<outreach.' || pg_temp.mail(3) || '@avenir.localhost> <outreach.' || pg_temp.mail(4)
                                 || '@avenir.localhost>') ->> 'email_id')::uuid,
          pg_temp.mail(5), 'In-Reply-To comes first');
select is((record_outreach_reply('<r3@x.test820>', '<other@x.test820>',
                                 '<outreach.' || pg_temp.mail(3) || '@avenir.localhost> <outreach.' || pg_temp.mail(1)
                                 || '@avenir.localhost>') ->> 'email_id')::uuid,
          pg_temp.mail(1), 'then the nearest of References');
select is(record_outreach_reply('<r4@x.test820>', '<outreach.' || pg_temp.mail(6) || '@avenir.localhost>') ->> 'reason',
          'not a reply to an outreach e-mail', 'a reply to an e-mail never sent is not recorded');
select is(record_outreach_reply('<r1@biz4.test820>', null, null, 'thr-820') ->> 'duplicate', 'true',
          'the same reply read twice is one event');
select throws_ok($$select record_outreach_reply(' ')$$, '22023', null, 'a reply needs its Message-ID');

-- The token endpoints, as a stranger (anon).
create temp table tok on commit drop as select token from private.outreach_sends where email_id = pg_temp.mail(4);
grant select on tok to anon;
select tests.authenticate_as('anon');
select is(track_click((select token from tok), 1) ->> 'location',
          'https://a.localhost/x?y=1&z=2', 'a click redirects to the link that was in the e-mail');
select is(current_setting('response.headers', true)::jsonb -> 0 ->> 'Location', 'https://a.localhost/x?y=1&z=2',
          'as a 302 Location');
select is(track_click((select token from tok), 3) ->> 'code', 'PT404', 'no link 3: nothing to redirect to');
select is(track_click(repeat('A', 32), 1) ->> 'message', 'unknown tracking link / lien inconnu',
          'a forged token is unknown');
select is(current_setting('response.status', true), '404', 'answered 404');
-- The per-address tracking budget (private.address_budget_limit('tracking'): 120 a minute), taken by
-- every call, a forged token's too: a stranger guessing tokens from one address is soon refused.
select set_config('request.headers', '{"x-forwarded-for": "198.51.100.82, 10.0.0.1"}', true);
select is((select count(*)::int from generate_series(1, 120) n where track_open(repeat('B', 32)) ->> 'code' = 'PT404'),
          120, 'unknown tokens are 404 within the budget');
select is(track_open((select token from tok)) ->> 'code', 'PT429', 'the 121st call of the minute is refused, '
          'a known token too');
select is(current_setting('response.status', true) || ' ' || (current_setting('response.headers', true)::jsonb -> 0 ->> 'Retry-After'),
          '429 60', 'as 429 with Retry-After (seconds to the end of the window)');
select is(track_click((select token from tok), 1) ->> 'code', 'PT429', 'a click from that address as well');
select set_config('request.headers', '{"x-real-ip": "198.51.100.83"}', true);
select is(track_click((select token from tok), 1) ->> 'location', 'https://a.localhost/x?y=1&z=2',
          'another address has its own budget');
select is(unsubscribe_outreach((select token from tok)) ->> 'unsubscribed',
          'true', 'one-click unsubscribe');
select tests.authenticate_as('service_role');
select is((select reason from private.outreach_suppressions where address = (select prospect_email from outreach_emails where id = pg_temp.mail(4))), 'unsubscribed',
          'the address is suppressed at once');

select * from finish();
rollback;
