-- build_daily_prospect_queue: n rows when n are eligible, spread over industries, never a prospect
-- already contacted, bounced, unsubscribed or without an address.
begin;
select tests.start_from_empty_tables();
select plan(12);

insert into prospect_candidates (business_name, website, contact_email, industry, automation_need_score)
select 'Eligible ' || i, 'eligible-' || i || '.test', 'hi@eligible-' || i || '.test',
       case when i <= 12 then 'Dental' when i <= 18 then 'Legal' else 'Plumbing' end, 95 - i
  from generate_series(1, 20) i;
insert into prospect_candidates (business_name, website, contact_email, industry, automation_need_score, contacted)
values ('Contacted', 'contacted.test', 'a@contacted.test', 'Dental', 95, true),
       ('No address', 'no-address.test', null, 'Dental', 95, false),
       ('Logged', 'logged.test', 'a@logged.test', 'Dental', 95, false),
       ('Bounced', 'bounced.test', 'a@bounced.test', 'Dental', 95, false),
       ('Unsubscribed', 'unsubscribed.test', 'a@unsubscribed.test', 'Dental', 95, false);
insert into prospect_outreach_log (prospect_id, subject, status)
select id, 'Hello', 'sent' from prospect_candidates where website = 'logged.test';

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_internal)
values ('11111111-0000-4000-8000-00000000062f', 'Avenir', 'ops@avenir-620.localhost', '$2a$04$' || repeat('c', 53),
        repeat('d', 64), 'avk_q620', true);
insert into outreach_campaigns (id, client_id, name)
values ('11111111-7777-4000-8000-000000000620', '11111111-0000-4000-8000-00000000062f', 'Queue test');
insert into outreach_emails (id, client_id, campaign_id, prospect_id, prospect_email, status)
select ('11111111-8888-4000-8000-00000000062' || n)::uuid, '11111111-0000-4000-8000-00000000062f',
       '11111111-7777-4000-8000-000000000620', p.id, p.contact_email, 'pending'
  from (values (1, 'bounced.test'), (2, 'unsubscribed.test')) v (n, website)
  join prospect_candidates p on p.website = v.website;
insert into outreach_tracking (client_id, email_id, prospect_id, action)
select '11111111-0000-4000-8000-00000000062f', e.id, e.prospect_id,
       case when p.website = 'bounced.test' then 'bounced' else 'unsubscribed' end
  from outreach_emails e join prospect_candidates p on p.id = e.prospect_id;
-- The outreach e-mails above make those two "contacted" too; a rejected draft does not.
update outreach_emails set status = 'rejected';

create temporary table q on commit drop as select build_daily_prospect_queue() as r;

select is((select (r ->> 'count')::integer from q), 16, '16 prospects by default');
select is((select (r ->> 'eligible')::integer from q), 20, 'the 20 uncontacted prospects with an address are eligible');
select is_empty($$ select p ->> 'website' from q, jsonb_array_elements(q.r -> 'prospects') p
                   where p ->> 'website' not like 'eligible-%' $$,
                'never contacted, logged, bounced, unsubscribed or without an address');
select is((select array_agg(p ->> 'industry' order by (p ->> 'rank')::int)
             from q, jsonb_array_elements(q.r -> 'prospects') p where (p ->> 'rank')::int <= 3),
          array['Dental', 'Legal', 'Plumbing'], 'the first three are the best of each industry');
select is((select count(distinct p ->> 'industry')::integer from q, jsonb_array_elements(q.r -> 'prospects') p), 3,
          'spread over the three industries');
select is((select p ->> 'website' from q, jsonb_array_elements(q.r -> 'prospects') p where (p ->> 'rank')::int = 1),
          'eligible-1.test', 'the highest score ranks first');
select is((build_daily_prospect_queue(20) ->> 'count')::integer, 20, 'n rows whenever n are eligible');
select is((build_daily_prospect_queue(50) ->> 'count')::integer, 20, 'no more than the eligible ones');
select throws_ok($$ select build_daily_prospect_queue(0) $$, '22023', null, 'n must be positive');

select is((select schedule from cron.job where jobname = 'avenir-daily-prospect-queue'), '0 8 * * 1-5',
          'the queue is scheduled on weekdays at 08:00 UTC');
do $$
begin
  execute (select command from cron.job where jobname = 'avenir-daily-prospect-queue');
  execute (select command from cron.job where jobname = 'avenir-daily-prospect-queue');
end
$$;
select is((select count(*)::integer from queue_jobs where job_type = 'daily_prospect_queue' and status = 'pending'), 1,
          'the scheduled command enqueues one daily_prospect_queue job a day, however often it runs');
select is((select (payload ->> 'n')::integer from queue_jobs where job_type = 'daily_prospect_queue'), 16,
          'for 16 prospects');

select * from finish();
rollback;
