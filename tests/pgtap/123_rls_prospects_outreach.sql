-- Avenir's own prospecting data is read by an internal client only; outreach campaigns and their
-- e-mails, events and metrics are isolated per client; the glossary is public when verified.
begin;
select tests.start_from_empty_tables();
select plan(52);

-- A: a normal client; B: another normal client; I: Avenir's internal client.
insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_internal)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost', '$2a$04$' || repeat('a', 53), repeat('a', 64), 'avk_tenantA', false),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'Tenant B', 'b@tenant-b.localhost', '$2a$04$' || repeat('b', 53), repeat('b', 64), 'avk_tenantB', false),
  ('11111111-0000-4000-8000-00000000000f', 'Avenir', 'ops@avenir.localhost', '$2a$04$' || repeat('c', 53), repeat('c', 64), 'avk_avenir', true);
insert into prospect_candidates (id, business_name, website, automation_need_score)
values ('eeeeeeee-5555-4000-8000-000000000001', 'Prospect Co', 'prospect.localhost', 80);
insert into prospect_outreach_log (prospect_id, subject) values ('eeeeeeee-5555-4000-8000-000000000001', 'Hello');
insert into prospect_industry_performance (industry, total_contacted) values ('Dental', 10);
insert into prospect_form_tests (prospect_id) values ('eeeeeeee-5555-4000-8000-000000000001');
insert into email_templates (id, name, subject, plain_content, variables)
values ('eeeeeeee-6666-4000-8000-000000000001', 'first_touch', 'Hi {{name}}', 'Hello {{name}}', '["name"]');
insert into avenir_profile_embeddings (chunk_text, embedding)
values ('Avenir automates lead follow-up.', array_fill(0.01, array[1536])::extensions.vector);
insert into outreach_campaigns (id, client_id, name, email_template_id)
values
  ('aaaaaaaa-7777-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Campaign A', 'eeeeeeee-6666-4000-8000-000000000001'),
  ('bbbbbbbb-7777-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'Campaign B', null),
  ('bbbbbbbb-7777-4000-8000-000000000003', 'bbbbbbbb-0000-4000-8000-000000000002', 'Campaign B2', null);
insert into outreach_emails (id, client_id, campaign_id, prospect_id, prospect_email)
values
  ('aaaaaaaa-8888-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001',
   'eeeeeeee-5555-4000-8000-000000000001', 'owner@prospect.localhost'),
  ('bbbbbbbb-8888-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-7777-4000-8000-000000000002',
   null, 'owner@other.localhost');
insert into outreach_tracking (client_id, email_id, campaign_id, action)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-8888-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001', 'opened'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-8888-4000-8000-000000000002', 'bbbbbbbb-7777-4000-8000-000000000002', 'opened');
insert into outreach_metrics (client_id, campaign_id, total_emails_sent)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001', 1),
       ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-7777-4000-8000-000000000002', 1);
insert into translation_dictionary (source_text, source_language, target_language, translated_text, verified)
values ('Unverified term', 'en', 'fr', 'Terme non vérifié', false);
insert into translation_cache (source_text, source_language, target_language, translated_text)
values ('Hello', 'en', 'fr', 'Bonjour');

-- Tenant-safe keys: an e-mail of A cannot sit in B's campaign, an event of A cannot point at B's e-mail.
select throws_ok($$insert into outreach_emails (client_id, campaign_id, prospect_email)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-7777-4000-8000-000000000002', 'x@x.localhost')$$,
                 '23503', null, 'an e-mail of A cannot belong to B''s campaign');
select throws_ok($$insert into outreach_tracking (client_id, email_id, action)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-8888-4000-8000-000000000002', 'clicked')$$,
                 '23503', null, 'an event of A cannot point at B''s e-mail');
select throws_ok($$insert into outreach_metrics (client_id, campaign_id)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-7777-4000-8000-000000000003')$$,
                 '23503', null, 'metrics of A cannot describe B''s campaign');

-- A normal client: no prospecting data, its own outreach only.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select is_empty('select 1 from prospect_candidates', 'prospect_candidates: a normal client sees none');
select is_empty('select 1 from prospect_outreach_log', 'prospect_outreach_log: a normal client sees none');
select is_empty('select 1 from prospect_industry_performance', 'prospect_industry_performance: a normal client sees none');
select is_empty('select 1 from prospect_form_tests', 'prospect_form_tests: a normal client sees none');
select is_empty('select 1 from email_templates', 'email_templates: a normal client sees none');
select is_empty('select 1 from avenir_profile_embeddings', 'avenir_profile_embeddings: a normal client sees none');
select throws_ok($$insert into prospect_candidates (business_name, website) values ('x', 'x.localhost')$$, '42501', null,
                 'prospect_candidates: a client cannot insert');

select results_eq('select name from outreach_campaigns', $$values ('Campaign A')$$, 'outreach_campaigns: A reads only its own');
select is(tests.affected_rows_of($$update outreach_campaigns set status = 'paused'
                                where id = 'bbbbbbbb-7777-4000-8000-000000000002'$$), 0,
          'outreach_campaigns: A pauses none of B''s campaigns');
select is(tests.affected_rows_of($$update outreach_campaigns set status = 'paused'$$), 1, 'outreach_campaigns: A pauses its own');
select throws_ok($$update outreach_campaigns set client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$, '42501', null,
                 'outreach_campaigns: A cannot hand a campaign to B');
select throws_ok($$insert into outreach_campaigns (client_id, name) values ('bbbbbbbb-0000-4000-8000-000000000002', 'x')$$,
                 '42501', null, 'outreach_campaigns: A cannot insert');
select throws_ok($$delete from outreach_campaigns$$, '42501', null, 'outreach_campaigns: A cannot delete');
select results_eq('select id from outreach_emails', $$values ('aaaaaaaa-8888-4000-8000-000000000001'::uuid)$$,
                  'outreach_emails: A reads only its own');
select throws_ok($$insert into outreach_emails (client_id, campaign_id, prospect_email)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-7777-4000-8000-000000000002', 'x@x.localhost')$$,
                 '42501', null, 'outreach_emails: A cannot insert');
select throws_ok($$update outreach_emails set status = 'approved'$$, '42501', null, 'outreach_emails: A cannot update');
select throws_ok($$delete from outreach_emails$$, '42501', null, 'outreach_emails: A cannot delete');
select is((select count(*)::int from outreach_tracking), 1, 'outreach_tracking: A reads only its own events');
select throws_ok($$insert into outreach_tracking (client_id, email_id, action)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-8888-4000-8000-000000000002', 'clicked')$$,
                 '42501', null, 'outreach_tracking: A cannot insert');
select throws_ok($$update outreach_tracking set action = 'clicked'$$, '42501', null, 'outreach_tracking: A cannot update');
select throws_ok($$delete from outreach_tracking$$, '42501', null, 'outreach_tracking: A cannot delete');
select results_eq('select campaign_id from outreach_metrics', $$values ('aaaaaaaa-7777-4000-8000-000000000001'::uuid)$$,
                  'outreach_metrics: A reads only its own');
select throws_ok($$insert into outreach_metrics (client_id, campaign_id)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-7777-4000-8000-000000000003')$$,
                 '42501', null, 'outreach_metrics: A cannot insert');
select throws_ok($$update outreach_metrics set revenue_generated = 1e6$$, '42501', null, 'outreach_metrics: A cannot update');
select throws_ok($$delete from outreach_metrics$$, '42501', null, 'outreach_metrics: A cannot delete');

select is_empty($$select 1 from translation_dictionary where not verified$$,
                'translation_dictionary: unverified entries are hidden');
select throws_ok('select 1 from translation_cache', '42501', null, 'translation_cache: a client reads nothing');

-- Avenir's internal client reads its prospecting data but still only its own tenant rows.
select tests.authenticate_as('authenticated', '{"client_id": "11111111-0000-4000-8000-00000000000f"}');
select is((select count(*)::int from prospect_candidates), 1, 'prospect_candidates: the internal client reads them');
select is((select count(*)::int from prospect_outreach_log), 1, 'prospect_outreach_log: the internal client reads it');
select is((select count(*)::int from prospect_industry_performance), 1, 'prospect_industry_performance: the internal client reads it');
select is((select count(*)::int from prospect_form_tests), 1, 'prospect_form_tests: the internal client reads them');
select is((select count(*)::int from email_templates), 1, 'email_templates: the internal client reads them');
select is((select count(*)::int from avenir_profile_embeddings), 1, 'avenir_profile_embeddings: the internal client reads them');
select throws_ok($$update prospect_candidates set contacted = true$$, '42501', null,
                 'prospect_candidates: even the internal client writes only through service_role');
select is_empty('select 1 from outreach_campaigns', 'outreach_campaigns: the internal client does not see other clients'' campaigns');
select is_empty('select 1 from lead_memory', 'lead_memory: being internal grants no access to tenants'' leads');

-- anon: no tenant, no prospect; the verified glossary only.
select tests.authenticate_as('anon');
select throws_ok('select 1 from prospect_candidates', '42501', null, 'prospect_candidates: anon reads nothing');
select throws_ok('select 1 from outreach_campaigns', '42501', null, 'outreach_campaigns: anon reads nothing');
select throws_ok('select 1 from outreach_emails', '42501', null, 'outreach_emails: anon reads nothing');
select throws_ok('select 1 from outreach_tracking', '42501', null, 'outreach_tracking: anon reads nothing');
select throws_ok('select 1 from outreach_metrics', '42501', null, 'outreach_metrics: anon reads nothing');
select ok((select count(*) from translation_dictionary) >= 50 and not exists (select from translation_dictionary where not verified),
          'translation_dictionary: anon reads the verified glossary only');
select throws_ok($$insert into translation_dictionary (source_text, source_language, target_language, translated_text)
                   values ('x', 'en', 'fr', 'x')$$, '42501', null, 'translation_dictionary: anon cannot add terms');

select tests.authenticate_as('service_role');
select is((select count(*)::int from outreach_campaigns), 3, 'outreach_campaigns: service_role reads every campaign');
select is((select count(*)::int from outreach_emails), 2, 'outreach_emails: service_role reads every e-mail');
select is((select count(*)::int from outreach_tracking), 2, 'outreach_tracking: service_role reads every event');
select is((select count(*)::int from outreach_metrics), 2, 'outreach_metrics: service_role reads every campaign''s metrics');
select is((select count(*)::int from prospect_candidates), 1, 'prospect_candidates: service_role reads them');

select tests.clear_authentication();
select is((select status from outreach_campaigns where id = 'bbbbbbbb-7777-4000-8000-000000000002'), 'draft',
          'B''s campaign is unchanged after A''s attempts');

select * from finish();
rollback;
