-- Outcomes and corrections: lifecycle events resolve the prediction in feedback_tracking;
-- correct_lead_analysis (own leads only, bilingual input, audit row, nothing written when refused);
-- a client's corrections fix a systematic error for that client only; learning_pass.
begin;
select plan(43);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
select id::uuid, name, lower(name) || '@learn.test', extensions.crypt('pw', extensions.gen_salt('bf', 4)),
       encode(extensions.digest(name, 'sha256'), 'hex'), 'avk_' || name
  from (values ('aaaaaaaa-0000-4000-8000-000000000510', 'BakeryA'),
               ('bbbbbbbb-0000-4000-8000-000000000510', 'OtherB')) c (id, name);

create function tests.enrich(lead uuid, intent text, execution text) returns jsonb language sql as $$
  select public.record_lead_enrichment(lead,
    jsonb_build_object('language', 'en', 'intent', intent, 'tone', 'Professional', 'urgency', 'Medium',
                       'confidence', 0.8, 'summary_en', 's', 'summary_fr', 's'),
    '{"prompt_name": "lead_analysis", "variant_id": "lead_analysis.pgtap-510", "prompt_text": "rules"}', execution)
$$;
create function tests.new_lead(client uuid, message text) returns uuid language sql as $$
  insert into public.lead_memory (client_id, name, email, message, language)
  values (client, 'L', 'l@x.test', message, 'en') returning id
$$;
create function tests.lead_feedback(lead uuid) returns text language sql as $$
  select coalesce(outcome, 'pending') || ' ' || coalesce(impact_score::int::text, '-') || ' ' || learning_applied
    from public.feedback_tracking where lead_id = lead and action_type = 'lead_conversion'
$$;

-- Outcomes from lifecycle events.
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510', 'Converting lead') as l_conv \gset
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510', 'Archived lead') as l_arch \gset
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510', 'Deleted lead') as l_del \gset
select tests.enrich(:'l_conv', 'Quote Request', 'job:510-conv');
select tests.enrich(:'l_arch', 'Quote Request', 'job:510-arch');
select is(tests.lead_feedback(:'l_conv'), 'pending - false', 'an enriched lead has a pending prediction');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510", "email": "a@learn.test"}');
select tag_lead(:'l_conv', 'Converted');
select tests.clear_authentication();
select is(tests.lead_feedback(:'l_conv'), 'positive 100 false', 'converted: the prediction becomes positive, +100');
select is((select notes_en || ' / ' || notes_fr from feedback_tracking where lead_id = :'l_conv' and action_type = 'lead_conversion'),
          'Lead converted / Prospect converti', 'bilingual notes');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select tag_lead(:'l_conv', 'Cold Lead', 'Order cancelled');
select tests.clear_authentication();
select is(tests.lead_feedback(:'l_conv'), 'negative -100 false', 'reverted: negative, -100');
select is((select notes_fr from feedback_tracking where lead_id = :'l_conv' and action_type = 'lead_conversion'),
          'Conversion annulée : Order cancelled', 'the reversion reason is in the notes');
select is((select count(*)::int from feedback_tracking where lead_id = :'l_conv' and action_type = 'lead_conversion'), 1,
          'one prediction row per lead, resolved in place');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select archive_lead(:'l_arch');
select delete_lead(:'l_del');
select tests.clear_authentication();
select is(tests.lead_feedback(:'l_arch'), 'neutral -25 false', 'archived without conversion: neutral, -25');
select is(tests.lead_feedback(:'l_del'), 'negative -50 false', 'deleted without conversion (no prediction row yet): negative, -50');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select reactivate_lead(:'l_arch');
select tests.clear_authentication();
select is(tests.lead_feedback(:'l_arch'), 'pending - false', 'reactivated: the outcome is pending again');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select tag_lead(:'l_arch', 'Converted');
select archive_lead(:'l_arch');
select tests.clear_authentication();
select is(tests.lead_feedback(:'l_arch'), 'positive 100 false', 'archiving a converted lead keeps its positive outcome');

-- correct_lead_analysis: the client's ground truth on its own lead.
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510',
                      'Hello, I would like to order a chocolate wedding cake for 80 guests on June 12') as c1 \gset
select tests.enrich(:'c1', 'Quote Request', 'job:510-c1');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510", "email": "a@learn.test"}');
select correct_lead_analysis(:'c1', intent => 'Demande commerciale', urgency => 'Élevée') as fix \gset
select is(:'fix'::jsonb -> 'corrected', '{"intent": "Sales Inquiry", "urgency": "High"}'::jsonb,
          'French labels are accepted and stored in English');
select is(:'fix'::jsonb -> 'changed', '["intent", "urgency"]'::jsonb, 'both fields differed from the prediction');
select is((select intent || ' ' || urgency || ' ' || tone from lead_memory where id = :'c1'), 'Sales Inquiry High Professional',
          'the lead takes the corrected values, the rest unchanged');
select is((select urgency_history -> -1 ->> 'prompt' from lead_memory where id = :'c1'), 'client_correction',
          'the history records the correction');
select is((select action_type || ' ' || performed_by from lead_actions where lead_id = :'c1' and action_type = 'analysis_corrected'),
          'analysis_corrected a@learn.test', 'an audit row in lead_actions');
select is((select outcome || ' ' || impact_score || ' ' || (context_data -> 'predicted' ->> 'intent')
             from feedback_tracking where lead_id = :'c1' and action_type = 'user_action'),
          'negative -100.00 Quote Request', 'a user_action feedback row keeps what the AI predicted');
select is((select notes_en from feedback_tracking where lead_id = :'c1' and action_type = 'user_action'),
          'Client corrected intent: Quote Request -> Sales Inquiry, urgency: Medium -> High', 'its notes say what changed');
select tests.clear_authentication();
select is((select accuracy_score from prompt_performance where execution_id = 'job:510-c1'), 0.000::numeric,
          'the execution that predicted it is judged: accuracy 0 (both corrected fields wrong)');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select is((correct_lead_analysis(:'c1', tone => 'Professional')) ->> 'accuracy', '1.000', 'a confirmation has accuracy 1');
select throws_ok(format($$select correct_lead_analysis(%L, intent => 'Cake')$$, :'c1'), '22023', null,
                 'an intent outside the taxonomy is refused');
select throws_ok(format($$select correct_lead_analysis(%L, urgency => 'Soon')$$, :'c1'), '22023', null,
                 'an unknown urgency is refused');
select throws_ok(format($$select correct_lead_analysis(%L)$$, :'c1'), '22023', null, 'a correction of nothing is refused');
select is((select count(*)::int from lead_actions where lead_id = :'c1' and action_type = 'analysis_corrected'), 2,
          'refused corrections wrote nothing');
select tests.authenticate_as('authenticated', '{"client_id": "bbbbbbbb-0000-4000-8000-000000000510"}');
select throws_ok(format($$select correct_lead_analysis(%L, intent => 'Spam')$$, :'c1'), 'PT404', null,
                 'another tenant''s lead is not found');
select tests.authenticate_as('anon');
select throws_ok(format($$select correct_lead_analysis(%L, intent => 'Spam')$$, :'c1'), '42501', null,
                 'anon cannot correct');
select tests.authenticate_as('service_role');
select throws_ok(format($$select correct_lead_analysis(%L, intent => 'Spam')$$, :'c1'), '42501', null,
                 'correct_lead_analysis is a client''s call (service_role has no execute grant)');
select tests.clear_authentication();
select is((select intent from lead_memory where id = :'c1'), 'Sales Inquiry', 'nobody else changed the lead');

-- Corrections improve later predictions, for that client only.
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510',
                      'Hi, I would like to order a strawberry wedding cake for 50 guests on August 9') as t1 \gset
select is((tests.enrich(:'t1', 'Quote Request', 'job:510-t1')) ->> 'intent', 'Quote Request',
          'after one correction a similar lead keeps the general answer (one neighbour is not enough)');
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510',
                      'Hello, I would like to order a vanilla wedding cake for 60 guests on July 3') as c2 \gset
select tests.enrich(:'c2', 'Quote Request', 'job:510-c2');
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510',
                      'Hello, I would like to order a lemon wedding cake for 100 guests on May 20') as c3 \gset
select tests.enrich(:'c3', 'Quote Request', 'job:510-c3');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select correct_lead_analysis(:'c2', intent => 'Sales Inquiry');
select correct_lead_analysis(:'c3', intent => 'Sales Inquiry');
select tests.clear_authentication();
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510',
                      'Hi, I would like to order a carrot wedding cake for 40 guests on October 2') as t2 \gset
select is((tests.enrich(:'t2', 'Quote Request', 'job:510-t2')) ->> 'intent', 'Sales Inquiry',
          'after three corrections the same systematic error is fixed for this client');
select is((select context_data -> 'prediction' -> 'corrections_applied' -> 0 ->> 'general'
             from feedback_tracking where lead_id = :'t2' and action_type = 'lead_conversion'),
          'Quote Request', 'the prediction keeps the general classifier''s answer beside the client''s');
select is((select context_data -> 'prediction' -> 'corrections_applied' -> 0 ->> 'neighbours'
             from feedback_tracking where lead_id = :'t2' and action_type = 'lead_conversion'),
          '3', 'three neighbours voted');
select tests.new_lead('aaaaaaaa-0000-4000-8000-000000000510', 'Can you send me a quote for office catering next week?') as t3 \gset
select is((tests.enrich(:'t3', 'Quote Request', 'job:510-t3')) ->> 'intent', 'Quote Request',
          'an unrelated message of the same client keeps the general answer');
select tests.new_lead('bbbbbbbb-0000-4000-8000-000000000510',
                      'Hi, I would like to order a carrot wedding cake for 40 guests on October 2') as t4 \gset
select is((tests.enrich(:'t4', 'Quote Request', 'job:510-t4')) ->> 'intent', 'Quote Request',
          'the same message for another client is unchanged');

-- learning_pass: processed rows, accuracy metric, accepted executions, expired rows.
insert into feedback_tracking (client_id, action_type, outcome, expires_at, created_at)
values ('aaaaaaaa-0000-4000-8000-000000000510', 'system_performance', 'neutral', now() - interval '1 day', now() - interval '2 years');
select tests.authenticate_as('service_role');
select learning_pass() as pass \gset
select is((:'pass'::jsonb ->> 'expired_removed')::int, 1, 'expired feedback is removed');
select is((:'pass'::jsonb ->> 'processed')::int,
          (select count(*)::int from feedback_tracking where outcome is not null), 'every resolved row is processed');
select is((select count(*)::int from feedback_tracking where outcome is not null and not learning_applied), 0,
          'resolved rows are marked learning_applied');
select is((select learning_impact from feedback_tracking where lead_id = :'c2' and action_type = 'user_action'), 1.000::numeric,
          'a correction that changed something has learning_impact 1');
select is((select learning_impact from feedback_tracking where lead_id = :'l_arch' and action_type = 'lead_conversion'), 0.500::numeric,
          'a conversion (+100) has learning_impact 0.5');
select is((select ai_accuracy || ' ' || (metadata ->> 'sample_size') from performance_metrics
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000510' and metric_name = 'accuracy'),
          '0.250 4', 'ai_accuracy from the client''s 4 corrections (0, 1, 0, 0)');
select is((select accuracy_score from prompt_performance where execution_id = 'job:510-arch'), 1.000::numeric,
          'a resolved lead the client never corrected counts its execution as accurate');
select ok((select score from prompt_registry where variant_id = 'lead_analysis.pgtap-510') < 0.5,
          'the variant''s score is refreshed from its judged executions (mostly corrected: below 0.5)');
select is((learning_pass()) ->> 'processed', '0', 'a second pass has nothing left to process');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000510"}');
select throws_ok($$select learning_pass()$$, '42501', null, 'a client cannot run the learning pass');

select * from finish();
rollback;
