-- active_prompt returns the one active variant of a prompt in a language; annotate_prompt_execution
-- adds the quality checks of a call to its execution and metric; service_role only.
begin;
select plan(10);

select tests.authenticate_as('service_role');
select is(active_prompt('lead_analysis.chat', 'fr') ->> 'variant_id', 'lead_analysis.chat.v1.fr',
          'the seeded French analysis prompt is active');
select ok(active_prompt('email_reply.chat', 'en') ->> 'prompt_text' like '%{email_tone}%',
          'the reply prompt carries its placeholders');
insert into prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, score)
values ('lead_analysis.chat', 2, 'lead_analysis.chat.v2.fr', 'better', 'fr', 0.9);
select is(active_prompt('lead_analysis.chat', 'fr') ->> 'variant_id', 'lead_analysis.chat.v2.fr',
          'the best-scored active variant wins');
update prompt_registry set is_active = false where variant_id = 'lead_analysis.chat.v2.fr';
select is(active_prompt('lead_analysis.chat', 'fr') ->> 'variant_id', 'lead_analysis.chat.v1.fr',
          'an inactive variant is never chosen');
select is(active_prompt('no such prompt', 'en'), null, 'no prompt: null');

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('aaaaaaaa-0000-4000-8000-000000000710', 'AI calls', 'ai@calls.localhost',
        extensions.crypt('pw', extensions.gen_salt('bf', 4)), encode(extensions.digest('avk_ai710', 'sha256'), 'hex'),
        'avk_ai710');
insert into lead_memory (id, client_id, name, email, message)
values ('aaaaaaaa-1111-4000-8000-000000000710', 'aaaaaaaa-0000-4000-8000-000000000710', 'Jo', 'jo@x.localhost', 'Hi');
select is(record_lead_enrichment('aaaaaaaa-1111-4000-8000-000000000710',
  '{"language": "en", "intent": "General Inquiry", "tone": "Casual", "urgency": "Low", "confidence": 0.5, "summary_en": "s", "summary_fr": "s"}',
  '{"prompt_name": "lead_analysis", "variant_id": "lead_analysis.offline-v1", "prompt_text": "rules", "token_count": 160, "cost_usd": 0.000042}',
  'job:710', 5) ->> 'applied', 'true', 'an enrichment to annotate');
select is(annotate_prompt_execution('job:710', '{"json_valid": false, "completeness": 0.5, "tokens_in": 120, "tokens_out": 40, "error": "not valid JSON", "fallback": {"to": "offline", "reason": "invalid_answer"}}') ->> 'applied',
          'true', 'the quality of a call is recorded');
select is((select consistency_score || ' ' || completeness_score || ' ' || error_occurred || ' ' || (input_data -> 'fallback' ->> 'reason')
             from prompt_performance where execution_id = 'job:710'), '0.000 0.500 true invalid_answer',
          'JSON validity, completeness, the error and the fallback are on the execution');
select is((select (metadata ->> 'cost_usd') || ' ' || (metadata ->> 'tokens_in') || ' ' || error_count
             from performance_metrics where metadata ->> 'execution_id' = 'job:710'), '0.000042 120 1',
          'the metric carries tokens and cost');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000710"}');
select throws_ok($$select active_prompt('lead_analysis.chat', 'en')$$, '42501', null,
                 'prompts are not readable by dashboard users');

select * from finish();
rollback;
