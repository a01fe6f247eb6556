-- translate(): the verified dictionary exact (case- and accent-insensitive) then fuzzy (pg_trgm,
-- length pre-filter, settable threshold), then the 90-day cache, else a translation job and the
-- text back untranslated; bad pairs are 400-class; every call is counted per origin.
begin;
select plan(43);

insert into translation_dictionary (source_text, source_language, target_language, translated_text, context, verified)
values ('Customer satisfaction survey', 'en', 'fr', 'Enquête de satisfaction client', 'general', true),
       ('Réunion d''équipe', 'fr', 'en', 'Team meeting', 'general', true),
       ('Unverified term here', 'en', 'fr', 'Terme non vérifié', 'general', false);
delete from performance_metrics where event_type = 'translation';

select tests.authenticate_as('service_role');

select is(public.translate('customer SATISFACTION survey', 'en', 'fr') ->> 'text', 'Enquête de satisfaction client',
          'exact lookups ignore case');
select is(public.translate('reunion d''equipe', 'fr', 'en') - 'quality',
          '{"text": "Team meeting", "origin": "dictionary", "match": "exact", "match_percent": 100,
            "source": "translation_dictionary"}'::jsonb,
          'exact lookups ignore accents and say where the text comes from');
select is((select usage_count from translation_dictionary where source_text = 'Réunion d''équipe'), 1,
          'a dictionary hit counts as a use');
select is(public.translate('Customer satisfaction surveys', 'en', 'fr') ->> 'match', 'fuzzy',
          'a near spelling is a fuzzy dictionary match');
select ok((public.translate('Customer satisfaction surveys', 'en', 'fr') ->> 'match_percent')::numeric between 75 and 99.9,
          'the fuzzy match reports its percentage');
select ok((public.translate('Customer satisfaction surveys', 'en', 'fr') ->> 'quality')::numeric < 1,
          'a fuzzy match has a lower quality than an exact one');
select ok(similarity('Customer satisfaction survey', 'Customer satisfaction poll') between 0.5 and 0.75,
          'fixture: the two phrases are between the thresholds');
select is(public.translate('Customer satisfaction poll', 'en', 'fr') ->> 'origin', 'untranslated',
          'below the default threshold (0.75) there is no dictionary match');
select is(public.translate('Customer satisfaction poll', 'en', 'fr', 'ui_text', 0.5) ->> 'origin', 'dictionary',
          'the threshold is settable');
select ok(similarity('Customer satisfaction survey',
                     'Customer satisfaction survey answers from every region of the country') >= 0.3,
          'fixture: the short term is similar enough to the long text for a 0.3 threshold');
select is(public.translate('Customer satisfaction survey answers from every region of the country', 'en', 'fr', 'ui_text', 0.3)
          ->> 'origin', 'untranslated', 'the length pre-filter keeps a short term from matching a long text');
select ok(similarity('The AI is unsure about your leads (average confidence %1$s): correct a few of them, it learns '
                     || 'from your corrections.', 'The AI is unsure about your leads (average confidence 0.42): correct '
                     || 'a few of them, it learns from your corrections.') >= 0.75
          and public.translate('The AI is unsure about your leads (average confidence 0.42): correct a few of them, it '
                               || 'learns from your corrections.', 'en', 'fr') ->> 'origin' = 'untranslated',
          'a format template (private.ui_text''s, with %1$s) is never a fuzzy match: its placeholder would reach the text');
select is(public.translate('Unverified term here', 'en', 'fr') ->> 'origin', 'untranslated',
          'unverified dictionary rows are not used');

insert into translation_cache (source_text, source_language, target_language, translated_text, context_type,
                               quality_score, last_used_at)
values ('Your lead is hot', 'en', 'fr', 'Votre prospect est chaud', 'lead_summary', 0.8, now() - interval '3 days'),
       ('Old text', 'en', 'fr', 'Vieux texte', 'ui_text', 0.8, now() - interval '100 days');
update translation_cache set expires_at = now() - interval '1 day' where source_text = 'Old text';
select is(public.translate('Your lead is hot', 'en', 'fr', 'lead_summary') - 'quality',
          '{"text": "Votre prospect est chaud", "origin": "cache"}'::jsonb, 'then the cache');
select ok((select last_used_at = now() from translation_cache where source_text = 'Your lead is hot'),
          'a cache hit bumps last_used_at');
select is(public.translate('Your lead is hot', 'en', 'fr', 'ui_text') ->> 'origin', 'untranslated',
          'the cache is per context_type');
select is(public.translate('Old text', 'en', 'fr') ->> 'origin', 'untranslated', 'an expired cache row is not used');

select is((public.translate('Please call me back tomorrow', 'en', 'fr') ->> 'quality')::numeric, 0.1,
          'an unknown text comes back untranslated with a low quality');
select is((select count(*)::int from queue_jobs where job_type = 'translation'
            and payload ->> 'source_text' = 'Please call me back tomorrow'), 1, 'and queues one translation job');
select is(public.translate('Please call me back tomorrow', 'en', 'fr') ->> 'job_id',
          (select id::text from queue_jobs where job_type = 'translation'
            and payload ->> 'source_text' = 'Please call me back tomorrow'), 'asking again reuses the pending job');
select is(record_translation('Please call me back tomorrow', 'en', 'fr', 'ui_text', 'Rappelez-moi demain', 0.85)
          ->> 'cached', 'true', 'the job''s result fills the cache');
select is(public.translate('Please call me back tomorrow', 'en', 'fr') ->> 'text', 'Rappelez-moi demain',
          'the next call is served from the cache');
select throws_ok($$select public.translate('Hello', 'en', 'de')$$, '22023',
                 'unknown language pair en -> de / paire de langues inconnue en -> de',
                 'an unknown language pair is refused, in English and in the dictionary''s French');
select is((select calls::int from private.translation_origins where origin = 'dictionary'), 7,
          'calls are counted per origin');
select is((select share_of_cache_lookups from private.translation_origins where origin = 'cache'),
          round((select count(*) filter (where metadata ->> 'origin' = 'cache')::numeric
                        / count(*) filter (where metadata ->> 'origin' in ('cache', 'untranslated'))
                   from performance_metrics where event_type = 'translation'), 3),
          'the cache hit rate: cache answers over the calls that reached the cache');
select ok((select share_of_cache_lookups from private.translation_origins where origin = 'cache') between 0.01 and 0.99
          and (select share_of_cache_lookups from private.translation_origins where origin = 'dictionary') is null,
          'fixture: some calls reached the cache and some missed it; dictionary calls are not cache lookups');

-- Error texts: the English written once in the code, its French once in the dictionary (ui_text).
select is(private.ui_text('unknown language pair %1$s -> %2$s', 'fr', 'en', 'de'), 'paire de langues inconnue en -> de',
          'ui_text gives the verified French of an error text, formatted');
select is(private.ui_text('unknown language pair %1$s -> %2$s', 'en', 'en', 'de'), 'unknown language pair en -> de',
          'and the English template itself in English');
select is(private.ui_text('No such phrase %1$s', 'fr', 'x'), 'No such phrase x',
          'a text the dictionary lacks falls back to English');
insert into translation_dictionary (source_text, source_language, target_language, translated_text, context, verified)
values ('Broken phrase %1$s', 'en', 'fr', 'Phrase cassée %3$s', 'ui_text', true),
       ('Unchecked phrase', 'en', 'fr', 'Phrase non vérifiée', 'ui_text', false);
select is(private.ui_text('Broken phrase %1$s', 'fr', 'x'), 'Broken phrase x',
          'a French row with a wrong placeholder gives the English instead of failing the error it words');
select is(private.ui_text('Unchecked phrase', 'fr'), 'Unchecked phrase', 'an unverified row is not used');
select is(private.ui_text_both('Pass a non-empty text.'), 'Pass a non-empty text. / Passez un texte non vide.',
          'ui_text_both: English / French for a reader whose language is unknown');

-- The vocabularies: the intent taxonomy, and the dictionary's rows of the vocabulary the context names.
select is(public.translate('demo request', 'en', 'fr', 'intent') ->> 'text',
          (select intent_fr from intent_translations where intent_en = 'Demo Request'),
          'an intent label comes from the taxonomy');
select is(public.translate((select intent_fr from intent_translations where intent_en = 'Demo Request'), 'fr', 'en',
                           'intent') - 'quality',
          '{"text": "Demo Request", "origin": "dictionary", "match": "exact", "match_percent": 100,
            "source": "intent_translations"}'::jsonb, 'and back from French to the canonical value');
insert into translation_dictionary (source_text, source_language, target_language, translated_text, context, verified,
                                    confidence)
values ('High', 'en', 'fr', 'Haut (glossaire)', 'general', true, 1);
select is(public.translate('High', 'en', 'fr', 'urgency') ->> 'text', 'Élevée',
          'the vocabulary the context names wins over another glossary row of the same term');
select is(public.translate('Frustrated', 'en', 'fr', 'tone') ->> 'text', 'Frustré', 'tone labels from the dictionary');

-- The context types are stated once (private.translation_context_types): translate() and the cache read them.
select throws_ok($$select public.translate('Hello', 'en', 'fr', 'slogan')$$, '22023',
                 'unknown context_type ''slogan'' / context_type inconnu ''slogan''', 'an unknown context_type is refused');
select lives_ok($outer$do $check$
  declare hint text;
  begin
    perform public.translate('Hello', 'en', 'fr', 'slogan');
    raise exception 'no error';
  exception when invalid_parameter_value then
    get stacked diagnostics hint = pg_exception_hint;
    if strpos(hint, array_to_string(private.translation_context_types(), ', ')) = 0 then
      raise exception 'the hint does not list the vocabulary: %', hint;
    end if;
  end $check$$outer$, 'and its hint lists the vocabulary');
select lives_ok($$insert into translation_cache (source_text, source_language, target_language, translated_text,
                                                 context_type) values ('Soon', 'en', 'fr', 'Bientôt', 'urgency')$$,
                'the cache takes every context type of the vocabulary');
select throws_ok($$insert into translation_cache (source_text, source_language, target_language, translated_text,
                                                  context_type) values ('Soon', 'en', 'fr', 'Bientôt', 'slogan')$$,
                 '23514', null, 'and nothing else');
select ok(pg_get_constraintdef((select oid from pg_constraint where conname = 'translation_cache_context_type_check'))
            like '%private.translation_context_types()%', 'the cache''s CHECK reads the vocabulary, no list of its own');

select is((select reloptions from pg_class where oid = 'translation_dictionary_source_text_trgm_idx'::regclass),
          array['fastupdate=off'], 'the trigram index has no pending list: fresh glossary rows are searched by index');

select is((select reloptions from pg_class where oid = 'translation_dictionary'::regclass), array['fillfactor=90'],
          'the dictionary leaves room on its pages, so that the usage count of a hit is a HOT update');

select * from finish();
rollback;
