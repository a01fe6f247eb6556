-- translate(): the verified dictionary (exact, then fuzzy with pg_trgm) and the intent taxonomy,
-- then the 90-day cache, then the provider through a `translation` job (issue 12). service_role only: the sidecar and
-- the server-side code call it; nothing here is for API clients. Call it schema-qualified
-- (public.translate) or with its context_type: pg_catalog.translate(text, text, text), the
-- built-in character replacement, wins an unqualified three-argument call.

create or replace function public.translate(
  source_text text,
  source_language text,
  target_language text,
  context_type text default 'ui_text',
  min_similarity real default 0.75
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  term text := pg_catalog.btrim(source_text);
  folded text;
  hit record;
  cached public.translation_cache;
  job_id uuid;
  result jsonb;
begin
  -- The English of each error is written once; its French is the dictionary's (private.ui_text).
  if term is null or term = '' or char_length(term) > 5000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('text to translate must have 1 to 5000 characters'),
      hint = private.ui_text_both('Pass a non-empty text.');
  end if;
  if source_language is null or target_language is null or source_language not in ('en', 'fr')
     or target_language not in ('en', 'fr') or source_language = target_language then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('unknown language pair %1$s -> %2$s', source_language, target_language),
      hint = private.ui_text_both('Translate en -> fr or fr -> en.');
  end if;
  if context_type is null or not (context_type = any (private.translation_context_types())) then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('unknown context_type %1$L', context_type),
      hint = private.ui_text_both('Use one of %1$s.',
                                  pg_catalog.array_to_string(private.translation_context_types(), ', '));
  end if;
  if min_similarity is null or min_similarity <= 0 or min_similarity > 1 then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('min_similarity must be in (0, 1]'),
      hint = private.ui_text_both('The default is 0.75.');
  end if;

  -- 1. Exact, case- and accent-insensitive: the verified dictionary and the intent taxonomy
  --    (intent_translations, either direction). What the context names comes first: the taxonomy
  --    for 'intent', the dictionary's own vocabulary rows for 'tone' or 'urgency' (so 'High' as an
  --    urgency is 'Élevée' whatever else the glossary says it means).
  --    The term is folded once; each side compares a folded column of an index with it (the taxonomy
  --    one branch per direction, so that each uses its own folded index).
  folded := private.fold_text(term);
  select x.id, x.translated_text, x.confidence, x.source into hit
    from (select d.id, d.translated_text, d.confidence, d.usage_count, d.context = translate.context_type as named,
                 'translation_dictionary' as source
            from public.translation_dictionary d
           where d.source_language = translate.source_language and d.target_language = translate.target_language
             and private.fold_text(d.source_text) = folded and d.verified
          union all
          select null, t.intent_fr, 1.00, 0, translate.context_type = 'intent', 'intent_translations'
            from public.intent_translations t
           where translate.source_language = 'en' and private.fold_text(t.intent_en) = folded
          union all
          select null, t.intent_en, 1.00, 0, translate.context_type = 'intent', 'intent_translations'
            from public.intent_translations t
           where translate.source_language = 'fr' and private.fold_text(t.intent_fr) = folded) x
   order by x.named desc, x.confidence desc, x.usage_count desc
   limit 1;
  if found then
    if hit.id is not null then
      update public.translation_dictionary d set usage_count = d.usage_count + 1 where d.id = hit.id;
    end if;
    result := jsonb_build_object('text', hit.translated_text, 'origin', 'dictionary', 'match', 'exact',
                                 'match_percent', 100, 'quality', hit.confidence, 'source', hit.source);
  end if;

  if result is null then
    -- 2. Fuzzy: the trigram index (% uses pg_trgm.similarity_threshold), a length pre-filter. A
    --    format template (private.ui_text's texts: %1$s ...) is matched exactly only: its placeholders
    --    would reach the translation.
    perform pg_catalog.set_config('pg_trgm.similarity_threshold', min_similarity::text, true);
    select d.id, d.translated_text, d.confidence, extensions.similarity(d.source_text, term) as similarity into hit
      from public.translation_dictionary d
     where d.source_text operator(extensions.%) term
       and d.source_language = translate.source_language and d.target_language = translate.target_language
       and d.verified
       and char_length(d.source_text) between char_length(term) * 0.7 and char_length(term) / 0.7
       and d.source_text !~ '%[0-9]+\$'
     order by extensions.similarity(d.source_text, term) desc, d.confidence desc
     limit 1;
    if found then
      update public.translation_dictionary d set usage_count = d.usage_count + 1 where d.id = hit.id;
      result := jsonb_build_object('text', hit.translated_text, 'origin', 'dictionary', 'match', 'fuzzy',
                                   'source', 'translation_dictionary',
                                   'match_percent', round((hit.similarity * 100)::numeric, 1),
                                   'quality', round((hit.confidence * hit.similarity)::numeric, 3));
    end if;
  end if;

  if result is null then
    -- 3. The cache (90 days), bumping last_used_at.
    update public.translation_cache c set last_used_at = now()
     where c.source_text_md5 = md5(term) and c.source_text = term
       and c.source_language = translate.source_language and c.target_language = translate.target_language
       and c.context_type = translate.context_type and c.expires_at > now()
    returning * into cached;
    if found then
      result := jsonb_build_object('text', cached.translated_text, 'origin', 'cache',
                                   'quality', coalesce(cached.quality_score, 0.5));
    end if;
  end if;

  if result is null then
    -- 4. The provider, through a job whose result fills the cache; until then: untranslated.
    job_id := public.enqueue_job('translation', jsonb_build_object(
                'source_text', term, 'source_language', source_language, 'target_language', target_language,
                'context_type', context_type),
              dedup_key => 'translation:' || md5(term || '|' || source_language || '|' || target_language
                                                  || '|' || context_type));
    result := jsonb_build_object('text', term, 'origin', 'untranslated', 'quality', 0.1, 'job_id', job_id);
  end if;

  insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, source_component,
                                          metadata)
  values ('translation', 'success_rate', case when result ->> 'origin' = 'untranslated' then 0 else 1 end, 'count',
          'translation_service', jsonb_build_object('origin', result ->> 'origin', 'match', result ->> 'match',
                                                    'pair', source_language || '-' || target_language,
                                                    'context_type', context_type));
  return result;
end
$$;
comment on function public.translate(text, text, text, text, real) is
  'Translate a text en <-> fr (service_role): the verified dictionary exact (case- and accent-insensitive; rows of '
  'the vocabulary named by context_type first), the intent taxonomy, then fuzzy (pg_trgm, length 0.7x-1/0.7x, similarity >= min_similarity), then the 90-day cache, else a translation '
  'job and the text back untranslated. Returns {text, origin, quality, match?, match_percent?, job_id?}; each call '
  'counts in performance_metrics (translation_origins).';
revoke execute on function public.translate(text, text, text, text, real) from public, anon, authenticated;
grant execute on function public.translate(text, text, text, text, real) to service_role;

create or replace function public.record_translation(
  source_text text,
  source_language text,
  target_language text,
  context_type text,
  translated_text text,
  quality_score numeric
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
begin
  if coalesce(pg_catalog.btrim(translated_text), '') = '' or quality_score is null
     or quality_score not between 0 and 1 then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'a translation needs a non-empty text and a quality_score in 0..1',
      hint = 'Pass the provider''s translation and its quality.';
  end if;
  insert into public.translation_cache as c (source_text, source_language, target_language, translated_text,
                                             context_type, quality_score, expires_at)
  values (pg_catalog.btrim(source_text), source_language, target_language, translated_text, context_type,
          quality_score, now() + interval '90 days')
  on conflict on constraint translation_cache_source_unique
  do update set translated_text = excluded.translated_text, quality_score = excluded.quality_score,
                expires_at = excluded.expires_at, last_used_at = now();
  return jsonb_build_object('cached', true);
end
$$;
comment on function public.record_translation(text, text, text, text, text, numeric) is
  'Fill the translation cache with a provider''s translation for 90 days (service_role; the translation job).';
revoke execute on function public.record_translation(text, text, text, text, text, numeric)
  from public, anon, authenticated;
grant execute on function public.record_translation(text, text, text, text, text, numeric) to service_role;

create or replace view private.translation_origins as
  select m.metadata ->> 'origin' as origin, count(*) as calls,
         round(count(*)::numeric / nullif(sum(count(*)) over (), 0), 3) as share,
         -- The cache hit rate: of the calls that reached the cache (no dictionary match), the share it
         -- answered (on the cache row; untranslated has the rest).
         case when m.metadata ->> 'origin' in ('cache', 'untranslated')
              then round(count(*)::numeric / nullif(sum(count(*)) filter (where m.metadata ->> 'origin'
                                                                      in ('cache', 'untranslated')) over (), 0), 3)
         end as share_of_cache_lookups
    from public.performance_metrics m
   where m.event_type = 'translation'
   group by 1;
comment on view private.translation_origins is
  'translate() calls per origin (dictionary / cache / untranslated) and their share of all calls; '
  'share_of_cache_lookups on the cache row is the cache hit rate (of the calls the dictionary did not answer).';
revoke all on private.translation_origins from public, anon, authenticated;
grant select on private.translation_origins to service_role;
