-- Outreach metrics on fixed data, exact numbers (issue 15, item 7): per-campaign totals and rates
-- (proxy opens apart, rates on delivered), template performance_score, industry performance.
begin;
select tests.start_from_empty_tables();
select plan(21);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_internal) values
  ('aaaaaaaa-0000-4000-8000-000000000830', 'Avenir 830', 'a@830.localhost', '$2a$04$' || repeat('a', 53), repeat('3', 64), 'avk_m830', true);
insert into email_templates (id, name, subject, plain_content) values
  ('eeeeeeee-6666-4000-8000-000000000830', 'm830', 'Hello', 'Hello');
insert into outreach_campaigns (id, client_id, name, email_template_id) values
  ('aaaaaaaa-7777-4000-8000-000000000830', 'aaaaaaaa-0000-4000-8000-000000000830', 'M830', 'eeeeeeee-6666-4000-8000-000000000830');
insert into prospect_candidates (id, business_name, website, contact_email, industry)
select ('cccccccc-5555-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, 'P' || n, 'p' || n || '.test830',
       'p' || n || '@p.test830', case when n <= 5 then 'Dental830' else 'Legal830' end
  from generate_series(1, 10) n;
-- Ten e-mails, all sent at 10:00.
insert into outreach_emails (id, client_id, campaign_id, prospect_id, prospect_email, template_id)
select ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, 'aaaaaaaa-0000-4000-8000-000000000830',
       'aaaaaaaa-7777-4000-8000-000000000830', ('cccccccc-5555-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid,
       'p' || n || '@p.test830', 'eeeeeeee-6666-4000-8000-000000000830'
  from generate_series(1, 10) n;
update outreach_emails set status = 'approved';
update outreach_emails set status = 'sent', sent_at = '2026-12-01 10:00:00+00';
create function pg_temp.e(n integer) returns uuid language sql as $$
  select ('aaaaaaaa-8888-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid $$;
-- e1, e2 bounce; e3 is opened twice, clicked twice and replied 6 h later; e4 opened once, clicked once;
-- e5 delivered with one proxy open; e6 replied 24 h later without an open; e7 unsubscribed.
update outreach_emails set status = 'bounced' where id in (pg_temp.e(1), pg_temp.e(2));
update outreach_emails set status = 'delivered' where id in (pg_temp.e(3), pg_temp.e(4), pg_temp.e(5));
update outreach_emails set status = 'opened' where id in (pg_temp.e(3), pg_temp.e(4));
update outreach_emails set status = 'replied', replied_at = '2026-12-01 16:00:00+00' where id = pg_temp.e(3);
update outreach_emails set status = 'replied', replied_at = '2026-12-02 10:00:00+00' where id = pg_temp.e(6);
insert into outreach_tracking (client_id, email_id, campaign_id, action, metadata)
select 'aaaaaaaa-0000-4000-8000-000000000830', pg_temp.e(v.n), 'aaaaaaaa-7777-4000-8000-000000000830', v.action, v.metadata::jsonb
  from (values (3, 'opened', '{"machine_open": false}'), (3, 'opened', '{"machine_open": false}'),
               (3, 'clicked', '{}'), (3, 'clicked', '{}'), (3, 'replied', '{"revenue": "1500.50"}'),
               (4, 'opened', '{"machine_open": false}'), (4, 'clicked', '{}'),
               (5, 'opened', '{"machine_open": true, "machine_reason": "apple_mail_privacy_protection"}'),
               (6, 'replied', '{}'), (7, 'unsubscribed', '{}'),
               (1, 'bounced', '{"bounce_type": "hard_bounce"}'), (2, 'bounced', '{"bounce_type": "soft_bounce"}')) v (n, action, metadata);

select tests.authenticate_as('service_role');
select is(refresh_outreach_metrics() ->> 'campaigns', '1', 'one campaign measured');
create temp table m on commit drop as select * from outreach_metrics where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000830';
select is((select total_emails_sent from m), 10, 'sent');
select is((select total_emails_delivered from m), 8, 'delivered: sent and not bounced');
select is((select total_emails_opened from m), 3, 'opened: human opens or replies (e3, e4, e6), not the proxy open');
select is((select total_emails_clicked from m), 2, 'unique clicks (e-mails clicked)');
select is((select total_click_events from m), 3, 'total clicks');
select is((select total_open_events from m), 3, 'total human opens');
select is((select machine_open_events from m), 1, 'proxy opens apart');
select is((select total_emails_replied from m), 2, 'replies');
select is((select total_emails_bounced from m), 2, 'bounces');
select is((select total_emails_unsubscribed from m), 1, 'unsubscribes');
select is((select array[open_rate, click_rate, reply_rate, bounce_rate] from m), array[37.50, 25.00, 25.00, 20.00]::numeric[],
          'rates on delivered (bounce rate on sent)');
select is((select revenue_generated from m), 1500.50::numeric, 'revenue attributed by events');
select is((select performance_score from email_templates where id = 'eeeeeeee-6666-4000-8000-000000000830'), 0.250::numeric,
          'template performance_score = (2 + 1) / (10 + 2)');
select is(refresh_outreach_metrics() ->> 'templates_rescored', '0', 'a second refresh changes no score');
select is((select total_emails_sent from outreach_metrics where campaign_id = 'aaaaaaaa-7777-4000-8000-000000000830'), 10,
          'a second refresh updates the same row');

select is(refresh_industry_performance() ->> 'industries', '2', 'two industries measured');
select is((select array[total_contacted, total_opened, total_replied] from prospect_industry_performance where industry = 'Dental830'),
          array[5, 2, 1], 'Dental: 5 contacted, 2 opened, 1 replied');
select is((select array[open_rate, reply_rate, avg_response_time_hours] from prospect_industry_performance where industry = 'Dental830'),
          array[40.00, 20.00, 6.00]::numeric[], 'Dental: rates and 6 h to reply');
select is((select array[total_contacted, total_opened, total_replied, avg_response_time_hours]::numeric[]
             from prospect_industry_performance where industry = 'Legal830'),
          array[5, 1, 1, 24.00]::numeric[], 'Legal: a reply without an open counts as opened; 24 h to reply');
-- priority = 100 * (0.7 * (r + 20 * 0.2) / (n + 20) + 0.3 * (o + 20 * 0.3) / (n + 20)); overall 2/10 replies, 3/10 opens
select is((select array_agg(priority_score order by industry) from prospect_industry_performance
            where industry in ('Dental830', 'Legal830')), array[23.60, 22.40]::numeric[], 'priority scores');

select * from finish();
rollback;
