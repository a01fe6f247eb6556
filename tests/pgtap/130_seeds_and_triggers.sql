-- Schema reference data (intent taxonomy, vocabularies, glossary) and the shared triggers.
begin;
select plan(19);

select ok((select count(*) from intent_translations) >= 20, 'the intent taxonomy holds at least 20 intents');
select results_eq($$select intent_en, intent_fr from intent_translations
                    where intent_en in ('Sales Inquiry', 'Quote Request', 'Demo Request', 'B2B Partnership', 'Support Request',
                                        'Billing Question', 'Complaint', 'Appointment Booking', 'Job Application', 'Spam')
                    order by intent_en$$,
                  $$values ('Appointment Booking', 'Prise de rendez-vous'), ('B2B Partnership', 'Partenariat B2B'),
                           ('Billing Question', 'Question de facturation'), ('Complaint', 'Réclamation'),
                           ('Demo Request', 'Demande de démo'), ('Job Application', 'Candidature'),
                           ('Quote Request', 'Demande de devis'), ('Sales Inquiry', 'Demande commerciale'),
                           ('Spam', 'Spam'), ('Support Request', 'Demande de support')$$,
                  'the taxonomy maps the spec''s intents to their French labels');
select ok((select count(distinct category) from intent_translations) >= 5, 'intents are grouped in categories');

select results_eq($$select source_text, translated_text from translation_dictionary
                    where context = 'urgency' and source_language = 'en' order by source_text$$,
                  $$values ('High', 'Élevée'), ('Low', 'Faible'), ('Medium', 'Moyenne')$$,
                  'the urgency vocabulary: canonical High/Medium/Low with French labels');
select results_eq($$select translated_text from translation_dictionary
                    where context = 'tag' and source_language = 'en' and source_text in ('Hot Lead', 'Converted') order by source_text$$,
                  $$values ('Converti'), ('Lead Chaud')$$, 'the tag vocabulary: Hot Lead is Lead Chaud, Converted is Converti');
select ok((select count(*) from translation_dictionary where context = 'tone'
           and source_text in ('Professional', 'Friendly', 'Formal', 'Casual', 'Urgent', 'Frustrated', 'Enthusiastic')) = 7,
          'the tone vocabulary holds the canonical tones');
select is((select source_text from translation_dictionary where context = 'tone' and translated_text = 'Professionnel'),
          'Professional', 'a French tone label leads back to its canonical English value');
select is_empty($$select email_tone from (values ('Professional'), ('Friendly'), ('Formal'), ('Energetic')) t(email_tone)
                  where not exists (select from translation_dictionary d where d.context = 'email_tone' and d.source_text = t.email_tone)$$,
                'every clients.email_tone value has a French label');
select ok((select count(*) from translation_dictionary
           where verified and context not in ('tone', 'urgency', 'tag', 'email_tone') and source_language = 'en') >= 50,
          'the starter glossary holds at least 50 verified English terms');
select is((select translated_text from translation_dictionary where source_text = 'Tableau de bord' and source_language = 'fr'),
          'Dashboard', 'the glossary translates both ways');
select is((select source_text from translation_dictionary where source_language = 'en' and context = 'ui'
           order by extensions.similarity(source_text, 'Dashbord') desc limit 1),
          'Dashboard', 'fuzzy lookup (pg_trgm) finds a misspelt term');
select is((select indexdef ~ 'gin_trgm_ops' from pg_indexes where indexname = 'translation_dictionary_source_text_trgm_idx'), true,
          'the fuzzy lookup has its trigram index');

-- is_test marks itself for every table that carries it.
insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_test)
values ('cccccccc-0000-4000-8000-000000000003', 'Demo', 'demo@demo.localhost', '$2a$04$' || repeat('d', 53), repeat('d', 64),
        'avk_demo', true);
insert into lead_memory (id, client_id, name) values ('cccccccc-1111-4000-8000-000000000003', 'cccccccc-0000-4000-8000-000000000003', 'L');
insert into feedback_tracking (client_id, lead_id, action_type)
values ('cccccccc-0000-4000-8000-000000000003', 'cccccccc-1111-4000-8000-000000000003', 'lead_conversion');
insert into performance_metrics (client_id, event_type, metric_name, metric_value, metric_unit, source_component)
values ('cccccccc-0000-4000-8000-000000000003', 'ai_analysis', 'accuracy', 1, 'score', 'ai_worker');
insert into prompt_registry (id, prompt_name, variant_version, variant_id, prompt_text)
values ('dddddddd-3333-4000-8000-000000000009', 'p', 1, 'p.v1', 'x');
insert into prompt_performance (prompt_registry_id, execution_id, client_id)
values ('dddddddd-3333-4000-8000-000000000009', 'demo-exec', 'cccccccc-0000-4000-8000-000000000003');
select is((select array[(select is_test from lead_memory where client_id = 'cccccccc-0000-4000-8000-000000000003'),
                        (select is_test from feedback_tracking where client_id = 'cccccccc-0000-4000-8000-000000000003'),
                        (select is_test from performance_metrics where client_id = 'cccccccc-0000-4000-8000-000000000003'),
                        (select is_test from prompt_performance where client_id = 'cccccccc-0000-4000-8000-000000000003')]),
          array[true, true, true, true], 'rows of an is_test client are is_test, whatever the writer said');
select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'is_test')
    and c.relname <> 'clients'
    and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgfoid = 'private.tg__inherit_is_test()'::regprocedure)
$$, 'every table with is_test (but clients) inherits it by trigger');
select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'updated_at')
    and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgfoid = 'private.tg__set_updated_at()'::regprocedure)
$$, 'every table with updated_at keeps it by the shared trigger');

-- updated_at on a table other than the leads.
insert into queue_jobs (id, job_type, created_at, updated_at)
values ('ffffffff-0000-4000-8000-000000000001', 'translation', '2001-01-01', '2001-01-01');
update queue_jobs set priority = 1 where id = 'ffffffff-0000-4000-8000-000000000001';
select is((select array[created_at, updated_at] from queue_jobs where id = 'ffffffff-0000-4000-8000-000000000001'),
          array['2001-01-01'::timestamptz, now()], 'queue_jobs: an update keeps created_at and stamps updated_at');

select function_privs_are('private', 'tg__inherit_is_test', array[]::text[], 'authenticated', array[]::text[],
                          'authenticated cannot call the is_test trigger function directly');
select function_privs_are('private', 'tg__set_updated_at', array[]::text[], 'anon', array[]::text[],
                          'anon cannot call the updated_at trigger function directly');
select is((select prosecdef from pg_proc where oid = 'private.tg__inherit_is_test()'::regprocedure), true,
          'the is_test trigger reads clients as its owner (works for any writer)');

select * from finish();
rollback;
