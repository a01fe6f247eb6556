-- Needs plpython3u: the trend test and the insights wording run in PL/Python (learning_plpython); without it the plain-SQL forms give the figures only.
-- The growth brain: exact figures on a fixed data set as of a fixed time (active leads only, test
-- leads only for a test client), the edge cases (no lead, one lead, one language, an empty week),
-- the UPSERT on client, and each persona (a client refreshes and reads only its own row).
begin;
select plan(44);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix, is_test)
select id::uuid, name, lower(name) || '@growth.test', extensions.crypt('pw', extensions.gen_salt('bf', 4)),
       encode(extensions.digest(name, 'sha256'), 'hex'), 'avk_' || name, is_test
  from (values ('aaaaaaaa-0000-4000-8000-000000000500', 'GrowthA', false),
               ('bbbbbbbb-0000-4000-8000-000000000500', 'GrowthB', false),
               ('cccccccc-0000-4000-8000-000000000500', 'GrowthEmpty', false),
               ('dddddddd-0000-4000-8000-000000000500', 'GrowthOne', false),
               ('eeeeeeee-0000-4000-8000-000000000500', 'GrowthTest', true)) c (id, name, is_test);

-- Client A, as of T = 2026-06-01 12:00 UTC: 4 leads in week 0, 2 in week 1, none in week 2, 1 in week 3.
\set T '''2026-06-01 12:00:00+00''::timestamptz'
insert into lead_memory (client_id, message, intent, tone, urgency, language, confidence_score, current_tag,
                         archived, deleted, is_test, created_at)
values
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm1', 'Quote Request', 'Professional', 'High', 'en', 0.90, 'Converted', false, false, false, :T - interval '1 day'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm2', 'Quote Request', 'Friendly', 'High', 'fr', 0.70, 'Hot Lead', false, false, false, :T - interval '2 days'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm3', 'Demo Request', 'Frustrated', 'Medium', 'en', 0.50, null, false, false, false, :T - interval '3 days'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm4', 'Quote Request', 'Professional', 'Low', 'en', 0.80, null, false, false, false, :T - interval '6 days'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm5', 'Support Request', 'Formal', 'Low', 'fr', 0.60, null, false, false, false, :T - interval '8 days'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm6', 'Demo Request', 'Professional', 'Low', 'en', 0.40, null, false, false, false, :T - interval '10 days'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'm7', 'Spam', 'Casual', 'Low', 'en', 0.30, null, false, false, false, :T - interval '22 days'),
  -- Not analysed: archived, deleted, a test lead of a real client, a lead after T.
  ('aaaaaaaa-0000-4000-8000-000000000500', 'x1', 'Quote Request', 'Professional', 'High', 'en', 0.99, null, true, false, false, :T - interval '1 day'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'x2', 'Quote Request', 'Professional', 'High', 'en', 0.99, null, false, true, false, :T - interval '1 day'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'x3', 'Quote Request', 'Professional', 'High', 'en', 0.99, null, false, false, true, :T - interval '1 day'),
  ('aaaaaaaa-0000-4000-8000-000000000500', 'x4', 'Quote Request', 'Professional', 'High', 'en', 0.99, null, false, false, false, :T + interval '1 hour'),
  ('bbbbbbbb-0000-4000-8000-000000000500', 'b1', 'Spam', 'Casual', 'Low', 'en', 0.10, null, false, false, false, :T - interval '1 day'),
  ('dddddddd-0000-4000-8000-000000000500', 'd1', 'Event Inquiry', 'Enthusiastic', 'Medium', 'fr', 0.85, null, false, false, false, :T - interval '2 days'),
  ('eeeeeeee-0000-4000-8000-000000000500', 'e1', 'Demo Request', 'Friendly', 'High', 'en', 0.75, null, false, false, false, :T - interval '2 days');

select is((private.analyse_growth('aaaaaaaa-0000-4000-8000-000000000500', :T)) ->> 'total_leads', '7',
          'seven active leads are analysed (archived, deleted, test and future leads left out)');
select is((select top_intents from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '[{"intent": "Quote Request", "intent_fr": "Demande de devis", "count": 3, "share": 0.4286, "n": 7},
            {"intent": "Demo Request", "intent_fr": "Demande de démo", "count": 2, "share": 0.2857, "n": 7},
            {"intent": "Spam", "intent_fr": "Spam", "count": 1, "share": 0.1429, "n": 7},
            {"intent": "Support Request", "intent_fr": "Demande de support", "count": 1, "share": 0.1429, "n": 7}]'::jsonb,
          'top_intents: count, share and sample size, by count then name, with the French label');
select is((select urgency_distribution - 'trend' from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '{"high": 2, "medium": 1, "low": 4, "n": 7, "shares": {"high": 0.2857, "medium": 0.1429, "low": 0.5714}}'::jsonb,
          'urgency_distribution: counts {high, medium, low}, n and shares');
select is((select urgency_trend_percentage from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          50.00::numeric, 'urgency trend: high share 2/4 this week against 0/2 last week = +50 points');
select is((select (urgency_distribution -> 'trend') - 'p_value' from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '{"current_week": {"n": 4, "high": 2}, "previous_week": {"n": 2, "high": 0}, "change_points": 50.0,
            "significant": false}'::jsonb,
          'the trend carries both weeks'' sample sizes and is not significant on 4 and 2 leads');
select ok((select (urgency_distribution -> 'trend' ->> 'p_value')::numeric between 0.2 and 0.3
             from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          'the trend has its two-proportion p-value (0.248 for 2/4 against 0/2)');
select is((select tone_distribution -> 0 from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '{"tone": "Professional", "count": 3, "share": 0.4286, "n": 7}'::jsonb, 'tone_distribution: the leading tone first');
select is((select jsonb_array_length(tone_distribution) from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          5, 'tone_distribution: one entry per tone seen');
select is((select tone_sentiment_score from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          73.57::numeric, 'tone_sentiment_score = 100 x mean tone weight = 100 x 5.15 / 7');
select is((select avg_confidence from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          0.60::numeric, 'avg_confidence = 4.2 / 7');
select is((select language_ratio from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '{"en": 71.43, "fr": 28.57, "n": 7}'::jsonb, 'language_ratio in percent with its sample size');
select is((select engagement_score from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          37.55::numeric, 'engagement = 100 x (0.4 x 1/7 + 0.25 x 2/7 + 0.15 x 2.5/7 + 0.2 x (1 - 1/30))');
select is((select jsonb_agg(jsonb_build_object('n', p -> 'n', 'avg', p -> 'avg_confidence'))
             from growth_brain, jsonb_array_elements(confidence_trajectory) p
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          '[{"n": 1, "avg": 0.30}, {"n": 0, "avg": null}, {"n": 2, "avg": 0.50}, {"n": 4, "avg": 0.73}]'::jsonb,
          'confidence_trajectory: one point per week since the first lead, oldest first, the empty week included');
select is((select (confidence_trajectory -> 3 ->> 'week_end')::timestamptz from growth_brain
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'), :T, 'the last point ends at the analysis time');
select is((select array[analysis_period_start, analysis_period_end, analyzed_at] from growth_brain
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          array[:T - interval '22 days', :T, :T], 'the period runs from the first analysed lead to the analysis time');
select is((select predictive_insights -> 'en' ->> 'summary' from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          'Not enough leads yet for recommendations: 7 of the 20 needed.', 'below the minimum the insights say so (en)');
select is((select predictive_insights -> 'fr' ->> 'summary' from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'),
          'Pas encore assez de prospects pour des recommandations : 7 sur les 20 nécessaires.', '... and in French');
select is((select jsonb_array_length(predictive_insights -> 'en' -> 'recommendations') from growth_brain
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'), 0, 'no recommendation is drawn from 7 leads');

-- Deterministic, and an UPSERT: the same analysis again gives the same row, still one per client.
select (to_jsonb(b) - 'updated_at' - 'created_at')::text as first_row from growth_brain b
 where client_id = 'aaaaaaaa-0000-4000-8000-000000000500' \gset
select private.analyse_growth('aaaaaaaa-0000-4000-8000-000000000500', :T);
select is((select count(*)::int from growth_brain where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'), 1,
          'one growth_brain row per client after two analyses');
select is((select (to_jsonb(b) - 'updated_at' - 'created_at')::text from growth_brain b
            where client_id = 'aaaaaaaa-0000-4000-8000-000000000500'), :'first_row',
          'the same leads at the same time give exactly the same row');

-- Edge cases: no lead; one lead in one language; a test client counts its test leads.
select private.analyse_growth('cccccccc-0000-4000-8000-000000000500', :T);
select is((select array[total_leads::text, top_intents::text, urgency_distribution ->> 'n', language_ratio::text,
                        coalesce(avg_confidence::text, 'null'), engagement_score::text, confidence_trajectory::text,
                        (analysis_period_start = analysis_period_end)::text]
             from growth_brain where client_id = 'cccccccc-0000-4000-8000-000000000500'),
          array['0', '[]', '0', '{"n": 0, "en": 0, "fr": 0}', 'null', '0.00', '[]', 'true'],
          'no lead: zero counts, no intents, no confidence, engagement 0, an empty trajectory, an empty period');
select is((select urgency_trend_percentage from growth_brain where client_id = 'cccccccc-0000-4000-8000-000000000500'),
          null, 'no lead: no week-over-week change');
select private.analyse_growth('dddddddd-0000-4000-8000-000000000500', :T);
select is((select array[total_leads::text, language_ratio::text, top_intents -> 0 ->> 'share', tone_sentiment_score::text,
                        jsonb_array_length(confidence_trajectory)::text]
             from growth_brain where client_id = 'dddddddd-0000-4000-8000-000000000500'),
          array['1', '{"n": 1, "en": 0.00, "fr": 100.00}', '1.0000', '85.00', '1'],
          'one French lead: 100 % French, a share of 1, one trajectory point');
select is((select urgency_trend_percentage from growth_brain where client_id = 'dddddddd-0000-4000-8000-000000000500'),
          null, 'a previous week with no lead: no week-over-week change');
select is((select urgency_distribution -> 'trend' ->> 'significant' from growth_brain
            where client_id = 'dddddddd-0000-4000-8000-000000000500'), 'false', '... and nothing significant');
select is((private.analyse_growth('eeeeeeee-0000-4000-8000-000000000500', :T)) ->> 'total_leads', '1',
          'a test client''s own (test) leads are analysed');

-- Enough leads: recommendations, the same codes in both languages.
insert into lead_memory (client_id, message, intent, tone, urgency, language, confidence_score, created_at)
select 'bbbbbbbb-0000-4000-8000-000000000500', 'bulk', 'Quote Request', 'Professional',
       case when i % 2 = 0 then 'High' else 'Low' end, 'en', 0.9, :T - i * interval '1 hour'
  from generate_series(1, 24) i;
select private.analyse_growth('bbbbbbbb-0000-4000-8000-000000000500', :T);
select is((select array(select r ->> 'code' from jsonb_array_elements(predictive_insights -> 'en' -> 'recommendations') r)
             from growth_brain where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          array['top_intent', 'high_urgency', 'low_conversion'],
          'from 25 leads: top intent (96 %), high urgency (48 %) and low conversion recommendations');
select is((select array(select r ->> 'code' from jsonb_array_elements(predictive_insights -> 'fr' -> 'recommendations') r)
             from growth_brain where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          array['top_intent', 'high_urgency', 'low_conversion'], 'the French insights carry the same recommendations');
select is((select predictive_insights -> 'en' -> 'recommendations' -> 0 ->> 'text' from growth_brain
            where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          'Quote Request makes up 96% of your leads (24 of 25): prepare a dedicated reply for it.',
          'a recommendation states its numbers and sample size');
select is((select predictive_insights -> 'fr' -> 'recommendations' -> 0 ->> 'text' from growth_brain
            where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          'Demande de devis représente 96 % de vos prospects (24 sur 25) : préparez une réponse dédiée.',
          'its French comes from the dictionary, with the intent''s French name');
select is((select predictive_insights -> 'fr' -> 'recommendations' -> 1 ->> 'text' from growth_brain
            where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          '48 % de vos prospects sont urgents (12 sur 25) : répondez-leur dans l''heure.',
          'every recommendation is worded in French');
-- The wording is the dictionary's: a verified French row edited is what the next analysis says.
update translation_dictionary set translated_text = 'Urgence : %1$s %% (%2$s sur %3$s).'
 where context = 'ui_text' and category = 'insight' and source_text like '%%1$s%%%% of your leads are urgent%';
select private.analyse_growth('bbbbbbbb-0000-4000-8000-000000000500', :T);
select is((select predictive_insights -> 'fr' -> 'recommendations' -> 1 ->> 'text' from growth_brain
            where client_id = 'bbbbbbbb-0000-4000-8000-000000000500'),
          'Urgence : 48 % (12 sur 25).', 'the French text is read from translation_dictionary, not from the code');
select is(private.word_growth_insights('{"summary": {"text": "No such template %1$s", "args": ["x"]},
                                         "recommendations": [], "basis": {}}') -> 'fr' ->> 'summary',
          'No such template x', 'a text the dictionary lacks is worded in English rather than failing');

-- Personas: a client refreshes and reads only its own growth brain.
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000500"}');
select is((refresh_growth_brain()) ->> 'fresh', 'true', 'a client refreshes its own growth brain (POST /rpc/refresh_growth_brain {})');
select is((refresh_growth_brain()) ->> 'fresh', 'false', 'a second refresh within a minute returns the current row');
select is((select count(*)::int from growth_brain), 1, 'a client sees one growth_brain row');
select is((select client_id from growth_brain), 'aaaaaaaa-0000-4000-8000-000000000500'::uuid, '... its own');
select throws_ok($$select refresh_growth_brain('bbbbbbbb-0000-4000-8000-000000000500')$$, '42501', null,
                 'a client cannot refresh another client''s growth brain');
select throws_ok($$update growth_brain set total_leads = 0$$, '42501', null, 'a client cannot write its growth brain directly');
select tests.clear_authentication();
update growth_brain set analyzed_at = now() - interval '2 minutes' where client_id = 'cccccccc-0000-4000-8000-000000000500';
select tests.authenticate_as('authenticated', '{"client_id": "cccccccc-0000-4000-8000-000000000500"}');
select is((refresh_growth_brain()) ->> 'fresh', 'true', 'after a minute the client''s refresh analyses again');
select tests.authenticate_as('anon');
select throws_ok($$select refresh_growth_brain()$$, '42501', null, 'anon cannot refresh any growth brain');
select tests.authenticate_as('service_role');
select is((refresh_growth_brain('dddddddd-0000-4000-8000-000000000500')) ->> 'total_leads', '1',
          'service_role refreshes one client');
select throws_ok($$select refresh_growth_brain('ffffffff-0000-4000-8000-000000000500')$$, 'PT404', null,
                 'an unknown client is a 404');
select ok((refresh_growth_brain()) ->> 'refreshed' >= '5', 'service_role with no argument refreshes every client');

select * from finish();
rollback;
