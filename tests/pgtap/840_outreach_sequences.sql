-- Follow-up sequences (issue 15, item 6): day 3 and day 7 follow-ups with follow_up_sequence 2
-- and 3, stopped by a reply, a booking-link click, a bounce or an unsubscribe.
begin;
select plan(10);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_internal, booking_link) values
  ('aaaaaaaa-0000-4000-8000-000000000840', 'Avenir 840', 'a@840.localhost', '$2a$04$' || repeat('a', 53), repeat('4', 64),
   'avk_q840', true, 'https://cal.avenir.localhost/book');
insert into email_templates (id, name, subject, plain_content, html_content, variables) values
  ('eeeeeeee-6666-4000-8000-000000000840', 's840', 'About {{company_name}}', 'Hi {{company_name}}',
   '<p>Hi {{company_name}}</p>', '["company_name"]');
insert into outreach_campaigns (id, client_id, name, email_template_id, status, follow_up_schedule) values
  ('aaaaaaaa-7777-4000-8000-000000000840', 'aaaaaaaa-0000-4000-8000-000000000840', 'S840',
   'eeeeeeee-6666-4000-8000-000000000840', 'active',
   '[{"sequence": 2, "after_days": 3}, {"sequence": 3, "after_days": 7}]');
-- Five first e-mails, sent 8 days ago: 1 goes on; 2 replied; 3 clicked the booking link; 4 bounced; 5 unsubscribed.
insert into outreach_emails (id, client_id, campaign_id, prospect_email, subject, content, metadata)
select ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, 'aaaaaaaa-0000-4000-8000-000000000840',
       'aaaaaaaa-7777-4000-8000-000000000840', 'p' || n || '@p.test840', 'About P' || n, '<p>Hi P' || n || '</p>',
       jsonb_build_object('vars', jsonb_build_object('company_name', 'P' || n))
  from generate_series(1, 5) n;
update outreach_emails set status = 'approved' where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000840';
delete from queue_jobs where job_type = 'bulk_email';
update outreach_emails set status = 'sent', sent_at = now() - interval '8 days'
 where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000840';
create function pg_temp.e(n integer) returns uuid language sql as $$
  select ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid $$;
grant execute on function pg_temp.e(integer) to service_role;

select tests.authenticate_as('service_role');
select is(schedule_follow_ups(now() - interval '6 days') ->> 'created', '0', 'nothing is due 2 days after the send');
select is(schedule_follow_ups(now() - interval '4 days') ->> 'created', '5', 'day 3: a follow-up for each first e-mail');
select is((select array_agg(distinct follow_up_sequence) from outreach_emails where follow_up_sequence > 1), array[2],
          'numbered 2');
select is((select subject || ' | ' || status || ' | ' || (metadata ->> 'follows') from outreach_emails
            where follow_up_sequence = 2 and prospect_email = 'p1@p.test840'),
          'Re: About P1 | pending | ' || pg_temp.e(1), 'in the first e-mail''s thread, pending approval');
select is(schedule_follow_ups(now() - interval '4 days') ->> 'created', '0', 'scheduling again creates nothing');

-- The stop signals.
select record_tracking_event(pg_temp.e(2), 'replied', now(), '{}');
select record_tracking_event(pg_temp.e(3), 'clicked', now(), '{"url": "https://cal.avenir.localhost/book"}');
select record_tracking_event(pg_temp.e(4), 'bounced', now(), '{"diagnostic": "550 5.1.1 User unknown"}');
select record_tracking_event(pg_temp.e(5), 'unsubscribed', now(), '{}');
select is(schedule_follow_ups(now()) - 'failed', '{"created": 1, "stopped": 4}'::jsonb,
          'day 7: only the prospect who did nothing gets the third e-mail');
select is((select follow_up_sequence from outreach_emails where prospect_email = 'p1@p.test840' order by follow_up_sequence desc limit 1),
          3, 'numbered 3');

-- A follow-up created before the stop signal does not go out.
update outreach_emails set status = 'approved' where follow_up_sequence = 2 and prospect_email in ('p1@p.test840', 'p2@p.test840');
select is(begin_outreach_send((select id from outreach_emails where follow_up_sequence = 2 and prospect_email = 'p2@p.test840'),
                              'smtp', 'avenir.localhost') ->> 'reason', 'sequence stopped: replied',
          'an approved follow-up to a prospect who replied is skipped');
insert into private.outreach_sends (email_id, client_id, campaign_id, message_id, token, status, sender, recipient)
values (pg_temp.e(1), 'aaaaaaaa-0000-4000-8000-000000000840', 'aaaaaaaa-7777-4000-8000-000000000840',
        '<outreach.first@avenir.localhost>', repeat('t', 32), 'sent', 'smtp', 'p1@p.test840');
create temp table b on commit drop as
  select begin_outreach_send((select id from outreach_emails where follow_up_sequence = 2 and prospect_email = 'p1@p.test840'),
                             'smtp', 'avenir.localhost') as r;
select is((select r ->> 'action' from b), 'send', 'a follow-up of a running sequence is sent');
select is((select r ->> 'in_reply_to' from b), '<outreach.first@avenir.localhost>', 'in reply to the first message');

select * from finish();
rollback;
