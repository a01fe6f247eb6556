-- record_lead_enrichment: one call writes the lead's analysis, the three histories, the prompt
-- execution, the response-time metric and the pending prediction; a second call with the same
-- execution_id changes nothing; bad analyses are refused; service_role only.
begin;
select plan(22);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, language)
values ('aaaaaaaa-0000-4000-8000-000000000341', 'Enrich FR', 'fr@enrich.localhost',
        extensions.crypt('pw', extensions.gen_salt('bf', 4)), encode(extensions.digest('avk_enrich_fr', 'sha256'), 'hex'),
        'avk_enrichfr', 'fr');
insert into lead_memory (id, client_id, name, email, message, language) values
  ('aaaaaaaa-1111-4000-8000-000000000341', 'aaaaaaaa-0000-4000-8000-000000000341', 'Jean', 'j@x.localhost',
   'Bonjour, pourriez-vous m''envoyer un devis ?', 'en'),
  ('aaaaaaaa-1111-4000-8000-000000000342', 'aaaaaaaa-0000-4000-8000-000000000341', 'Ann', 'a@x.localhost', 'Hi', 'en');
insert into feedback_tracking (lead_id, client_id, action_type, context_data)
values ('aaaaaaaa-1111-4000-8000-000000000341', 'aaaaaaaa-0000-4000-8000-000000000341', 'lead_conversion',
        '{"source": "submit_lead"}');

select tests.authenticate_as('service_role');
\set analysis '{"language": "fr", "intent": "Quote Request", "tone": "Professional", "urgency": "Medium", "confidence": 0.876, "summary_en": "Quote Request from Jean", "summary_fr": "Demande de devis de Jean"}'
\set prompt '{"prompt_name": "lead_analysis", "variant_id": "lead_analysis.pgtap-v1", "prompt_text": "rules", "model": "offline"}'

select is((record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000341', :'analysis', :'prompt', 'job:341', 3)) ->> 'applied',
          'true', 'the first call applies the analysis');
select is((select intent || ' ' || tone || ' ' || urgency from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'),
          'Quote Request Professional Medium', 'intent, tone and urgency are written in canonical English');
select is((select confidence_score from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 0.88::numeric(3, 2),
          'the confidence is rounded to numeric(3,2)');
select is((select language from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 'fr',
          'the detected language corrects the lead''s language');
select is((select ai_summary from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 'Demande de devis de Jean',
          'ai_summary is in the client''s language (French here)');
select is((select tone_history -> 0 ->> 'value' from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'),
          'Professional', 'tone_history gets a {value, at, prompt} entry');
select is((select urgency_history -> 0 ->> 'prompt' from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'),
          'lead_analysis.pgtap-v1', 'urgency_history names the prompt variant');
select is((select (confidence_history -> 0 -> 'value')::numeric from lead_memory
            where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 0.88, 'confidence_history records the value');
select ok((select (tone_history -> 0 ->> 'at')::timestamptz = now() from lead_memory
            where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 'history entries carry their time');
select is((select usage_count from prompt_registry where variant_id = 'lead_analysis.pgtap-v1'), 1,
          'the prompt variant is registered on first use');
select is((select response_time_ms from prompt_performance where execution_id = 'job:341'), 3,
          'prompt_performance records the execution and its response time');
select is((select count(*)::int from performance_metrics where event_type = 'ai_analysis' and metric_name = 'response_time'
            and metadata ->> 'execution_id' = 'job:341' and source_component = 'ai_worker'), 1,
          'performance_metrics records one ai_analysis response_time');
select is((select count(*)::int from feedback_tracking where lead_id = 'aaaaaaaa-1111-4000-8000-000000000341'), 1,
          'the pending prediction row is updated, not duplicated');
select is((select context_data ->> 'source' || ' ' || (context_data -> 'prediction' ->> 'intent') from feedback_tracking
            where lead_id = 'aaaaaaaa-1111-4000-8000-000000000341'), 'submit_lead Quote Request',
          'the prediction joins the row''s existing context');
select is((select feedback_id from prompt_performance where execution_id = 'job:341'),
          (select id from feedback_tracking where lead_id = 'aaaaaaaa-1111-4000-8000-000000000341'),
          'the execution is linked to the prediction row');

select is((record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000341', :'analysis', :'prompt', 'job:341', 3)) ->> 'applied',
          'false', 'the same execution twice: the second call applies nothing');
select is((select jsonb_array_length(tone_history) from lead_memory where id = 'aaaaaaaa-1111-4000-8000-000000000341'), 1,
          'the histories grew once');

select record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000342', :'analysis', :'prompt', 'job:342');
select is((select context_data -> 'prediction' ->> 'urgency' from feedback_tracking
            where lead_id = 'aaaaaaaa-1111-4000-8000-000000000342' and action_type = 'lead_conversion'), 'Medium',
          'a missing prediction row is created');

select throws_ok($$select record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000342',
                   '{"language": "fr", "intent": "Nope", "tone": "Professional", "urgency": "Medium", "confidence": 0.5}',
                   '{"prompt_name": "p", "variant_id": "v"}', 'job:x')$$, '22023', null,
                 'an intent outside the taxonomy is refused');
select throws_ok($$select record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000342',
                   '{"language": "fr", "intent": "Spam", "tone": "Professional", "urgency": "Élevée", "confidence": 0.5}',
                   '{"prompt_name": "p", "variant_id": "v"}', 'job:x')$$, '22023', null,
                 'an urgency outside High/Medium/Low is refused');
select is((select count(*)::int from prompt_performance where execution_id = 'job:x'), 0, 'a refused call writes nothing');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000341"}');
select throws_ok($$select record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000342', '{}', '{}', 'job:y')$$, '42501',
                 null, 'a client cannot write enrichments');

select * from finish();
rollback;
