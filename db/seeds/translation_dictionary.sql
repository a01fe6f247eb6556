-- Seed: the canonical vocabularies (tone, urgency, tag, email_tone) and the starter glossary,
-- verified. Expects seed_terms (vocabulary_terms.sql) in the same transaction. Idempotent.
insert into public.translation_dictionary
  (source_text, source_language, target_language, translated_text, context, category, verified, confidence)
select term_en, 'en', 'fr', term_fr, context, category, true, 1 from seed_terms
union all
select term_fr, 'fr', 'en', term_en, context, category, true, 1 from seed_terms where both_directions
on conflict (source_text, source_language, target_language, context)
do update set translated_text = excluded.translated_text, category = excluded.category,
              verified = true, confidence = excluded.confidence;
