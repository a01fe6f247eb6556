-- The spec's rules on the prospect, outreach, translation, support and queue tables.
begin;
select plan(34);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost', '$2a$04$' || repeat('a', 53),
        repeat('a', 64), 'avk_tenantA');
insert into prospect_candidates (id, business_name, website) values ('eeeeeeee-5555-4000-8000-000000000001', 'P', 'p.localhost');
insert into outreach_campaigns (id, client_id, name)
values ('aaaaaaaa-7777-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Campaign A');

-- prospects
select throws_ok($$insert into prospect_candidates (business_name, website) values ('P2', 'p.localhost')$$, '23505', null,
                 'prospect_candidates: website is unique');
select throws_ok($$insert into prospect_candidates (business_name, website) values ('P2', 'P.Localhost')$$, '23514', null,
                 'prospect_candidates: website is stored lower-case (no duplicate by spelling)');
select throws_ok($$update prospect_candidates set automation_need_score = 44$$, '23514', null,
                 'prospect_candidates: automation_need_score is at least 45');
select throws_ok($$update prospect_candidates set automation_need_score = 96$$, '23514', null,
                 'prospect_candidates: automation_need_score is at most 95');
select lives_ok($$update prospect_candidates set automation_need_score = 95$$, 'prospect_candidates: 95 is accepted');
select throws_ok($$update prospect_candidates set language = 'de'$$, '23514', null, 'prospect_candidates: language is en or fr');
select throws_ok($$insert into prospect_outreach_log (prospect_id, status) values ('eeeeeeee-5555-4000-8000-000000000001', 'lost')$$,
                 '23514', null, 'prospect_outreach_log: status is enumerated');
select throws_ok($$insert into prospect_industry_performance (industry, priority_score) values ('Dental', 101)$$, '23514', null,
                 'prospect_industry_performance: priority_score is 0-100');
select throws_ok($$insert into prospect_industry_performance (industry, total_contacted, total_replied) values ('Dental', 1, 2)$$,
                 '23514', null, 'prospect_industry_performance: replies cannot exceed contacts');
insert into prospect_industry_performance (industry) values ('Dental');
select throws_ok($$insert into prospect_industry_performance (industry) values ('Dental')$$, '23505', null,
                 'prospect_industry_performance: one row per industry');
select throws_ok($$insert into prospect_form_tests (prospect_id, autoresponder_tone) values ('eeeeeeee-5555-4000-8000-000000000001', 'rude')$$,
                 '23514', null, 'prospect_form_tests: autoresponder_tone is robotic, human, personalized or none');
select throws_ok($$insert into prospect_form_tests (prospect_id, test_status) values ('eeeeeeee-5555-4000-8000-000000000001', 'lost')$$,
                 '23514', null, 'prospect_form_tests: test_status is enumerated');
select throws_ok($$insert into prospect_form_tests (prospect_id, score) values ('eeeeeeee-5555-4000-8000-000000000001', 120)$$,
                 '23514', null, 'prospect_form_tests: score is 0-100');

-- outreach
select throws_ok($$insert into outreach_campaigns (client_id, name, status) values ('aaaaaaaa-0000-4000-8000-000000000001', 'x', 'live')$$,
                 '23514', null, 'outreach_campaigns: status is draft, active, paused or completed');
select throws_ok($$insert into outreach_campaigns (name) values ('x')$$, '23502', null, 'outreach_campaigns: a campaign has an owner');
select throws_ok($$insert into outreach_emails (client_id, campaign_id, prospect_email, status)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001', 'x@p.localhost', 'lost')$$,
                 '23514', null, 'outreach_emails: status is enumerated');
select throws_ok($$insert into outreach_emails (client_id, campaign_id)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001')$$,
                 '23514', null, 'outreach_emails: an e-mail without an address must be flagged missing_email');
select lives_ok($$insert into outreach_emails (id, client_id, campaign_id, missing_email)
                  values ('aaaaaaaa-8888-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001',
                          'aaaaaaaa-7777-4000-8000-000000000001', true)$$,
                'outreach_emails: a flagged missing address is accepted');
select throws_ok($$insert into outreach_tracking (client_id, email_id, action)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-8888-4000-8000-000000000001', 'liked')$$,
                 '23514', null, 'outreach_tracking: action is enumerated');
insert into outreach_metrics (client_id, campaign_id) values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001');
select throws_ok($$insert into outreach_metrics (client_id, campaign_id)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-7777-4000-8000-000000000001')$$,
                 '23505', null, 'outreach_metrics: one row per campaign');
select throws_ok($$update outreach_metrics set open_rate = 120$$, '23514', null, 'outreach_metrics: rates are percentages');
select throws_ok($$insert into email_templates (name, subject) values ('empty', 'x')$$, '23514', null,
                 'email_templates: a template has a body');

-- translation
insert into translation_cache (source_text, source_language, target_language, translated_text)
values (repeat('long text ', 2000), 'en', 'fr', 'texte long');
select is((select expires_at from translation_cache), now() + interval '90 days', 'translation_cache: expires after 90 days');
select throws_ok($$insert into translation_cache (source_text, source_language, target_language, translated_text)
                   values (repeat('long text ', 2000), 'en', 'fr', 'autre')$$, '23505', null,
                 'translation_cache: one entry per text, language pair and context, even for long texts');
select throws_ok($$insert into translation_cache (source_text, source_language, target_language, translated_text)
                   values ('hi', 'en', 'en', 'hi')$$, '23514', null, 'translation_cache: the languages differ');
select throws_ok($$insert into translation_cache (source_text, source_language, target_language, translated_text, context_type)
                   values ('hi', 'en', 'fr', 'salut', 'poetry')$$, '23514', null, 'translation_cache: context_type is enumerated');
select throws_ok($$insert into translation_dictionary (source_text, source_language, target_language, translated_text, context)
                   values ('Dashboard', 'en', 'fr', 'Tableau', 'ui')$$, '23505', null,
                 'translation_dictionary: one entry per term, language pair and context');
select throws_ok($$insert into translation_dictionary (source_text, source_language, target_language, translated_text)
                   values ('x', 'en', 'es', 'x')$$, '23514', null, 'translation_dictionary: languages are en and fr');

-- support and queue
select throws_ok($$insert into integration_logs (endpoint, method, api_key) values ('/rpc/submit_lead', 'POST', 'avk_' || repeat('x', 40))$$,
                 '23514', null, 'integration_logs: a full API key is never logged, only its prefix');
select throws_ok($$insert into integration_logs (endpoint, method) values ('/rpc/submit_lead', 'FETCH')$$, '23514', null,
                 'integration_logs: method is an HTTP method');
select throws_ok($$insert into queue_jobs (job_type) values ('mine_bitcoin')$$, '23514', null, 'queue_jobs: job_type is enumerated');
select throws_ok($$insert into queue_jobs (job_type, status) values ('bulk_email', 'sleeping')$$, '23514', null,
                 'queue_jobs: status is pending, processing, completed or failed');
insert into queue_jobs (job_type, dedup_key) values ('lead_enrichment', 'lead:1');
select throws_ok($$insert into queue_jobs (job_type, dedup_key) values ('lead_enrichment', 'lead:1')$$, '23505', null,
                 'queue_jobs: at most one pending job per dedup_key');
select lives_ok($$update queue_jobs set status = 'completed' where dedup_key = 'lead:1';
                  insert into queue_jobs (job_type, dedup_key) values ('lead_enrichment', 'lead:1')$$,
                'queue_jobs: the key is free again once the job is no longer pending');

select * from finish();
rollback;
