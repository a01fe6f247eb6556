-- Global tables: queue_jobs and the prompt tables are service_role's; the intent taxonomy is
-- public reference data (read by anyone, written by service_role only).
begin;
select tests.start_from_empty_tables();
select plan(20);

insert into queue_jobs (job_type, payload) values ('lead_enrichment', '{"lead_id": "x"}');
insert into prompt_registry (id, prompt_name, variant_version, variant_id, prompt_text)
values ('dddddddd-3333-4000-8000-000000000001', 'lead_enrichment', 1, 'lead_enrichment.v1.en', 'Classify the lead.'),
       ('dddddddd-3333-4000-8000-000000000002', 'lead_enrichment', 2, 'lead_enrichment.v2.en', 'Classify the lead, briefly.');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');
select throws_ok('select 1 from queue_jobs', '42501', null, 'queue_jobs: a client reads nothing');
select throws_ok($$insert into queue_jobs (job_type) values ('bulk_email')$$, '42501', null, 'queue_jobs: a client cannot enqueue');
select throws_ok($$update queue_jobs set status = 'failed'$$, '42501', null, 'queue_jobs: a client cannot update');
select throws_ok($$delete from queue_jobs$$, '42501', null, 'queue_jobs: a client cannot delete');
select throws_ok('select 1 from prompt_ab_tests', '42501', null, 'prompt_ab_tests: a client reads nothing');
select throws_ok('select 1 from prompt_evolution', '42501', null, 'prompt_evolution: a client reads nothing');
select ok((select count(*) from intent_translations) >= 20, 'intent_translations: a client reads the taxonomy');
select throws_ok($$insert into intent_translations (intent_en, intent_fr, category) values ('X', 'X', 'X')$$, '42501', null,
                 'intent_translations: a client cannot add intents');

select tests.authenticate_as('anon');
select throws_ok('select 1 from queue_jobs', '42501', null, 'queue_jobs: anon reads nothing');
select throws_ok('select 1 from prompt_registry', '42501', null, 'prompt_registry: anon reads nothing');
select ok((select count(*) from intent_translations) >= 20, 'intent_translations: anon reads the taxonomy (public read)');
select is((select intent_fr from intent_translations where intent_en = 'B2B Partnership'), 'Partenariat B2B',
          'intent_translations: B2B Partnership is Partenariat B2B');
select throws_ok($$update intent_translations set intent_fr = 'x'$$, '42501', null, 'intent_translations: anon cannot update');
select throws_ok($$delete from intent_translations$$, '42501', null, 'intent_translations: anon cannot delete');

select tests.authenticate_as('service_role');
select is((select count(*)::int from queue_jobs), 1, 'queue_jobs: service_role reads the queue');
select lives_ok($$update queue_jobs set status = 'processing', started_at = now()$$, 'queue_jobs: service_role updates jobs');
select lives_ok($$insert into prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type)
                  values ('dddddddd-3333-4000-8000-000000000001', 'dddddddd-3333-4000-8000-000000000002', 'mutation')$$,
                'prompt_evolution: service_role records an evolution');
select lives_ok($$insert into prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id)
                  values ('v1-vs-v2', 'lead_enrichment', 'lead_enrichment.v1.en', 'lead_enrichment.v2.en')$$,
                'prompt_ab_tests: service_role creates a test');
select lives_ok($$insert into intent_translations (intent_en, intent_fr, category) values ('Test Intent', 'Intention test', 'General')$$,
                'intent_translations: service_role adds intents');
select is((select count(*)::int from prompt_registry), 2, 'prompt_registry: service_role reads the prompts');

select * from finish();
rollback;
