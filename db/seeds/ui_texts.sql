-- Seed: the French of the error texts people read (context ui_text, category error), verified.
-- The English is the template the code passes to private.ui_text (functions/ui_text.sql); its
-- %1$s, %2$s ... are the same arguments in both languages. Idempotent.
insert into public.translation_dictionary
  (source_text, source_language, target_language, translated_text, context, category, verified, confidence)
values
  ('text to translate must have 1 to 5000 characters', 'en', 'fr',
   'le texte à traduire doit faire de 1 à 5000 caractères', 'ui_text', 'error', true, 1),
  ('Pass a non-empty text.', 'en', 'fr', 'Passez un texte non vide.', 'ui_text', 'error', true, 1),
  ('unknown language pair %1$s -> %2$s', 'en', 'fr', 'paire de langues inconnue %1$s -> %2$s',
   'ui_text', 'error', true, 1),
  ('Translate en -> fr or fr -> en.', 'en', 'fr', 'Traduisez en -> fr ou fr -> en.', 'ui_text', 'error', true, 1),
  ('unknown context_type %1$L', 'en', 'fr', 'context_type inconnu %1$L', 'ui_text', 'error', true, 1),
  ('Use one of %1$s.', 'en', 'fr', 'Utilisez l''un de %1$s.', 'ui_text', 'error', true, 1),
  ('min_similarity must be in (0, 1]', 'en', 'fr', 'min_similarity doit être dans ]0, 1]',
   'ui_text', 'error', true, 1),
  ('The default is 0.75.', 'en', 'fr', 'La valeur par défaut est 0,75.', 'ui_text', 'error', true, 1),
  -- set_form_origins (functions/form_keys.sql)
  ('invalid site origin: %1$s', 'en', 'fr', 'origine de site invalide : %1$s', 'ui_text', 'error', true, 1),
  ('more than 20 sites', 'en', 'fr', 'plus de 20 sites', 'ui_text', 'error', true, 1),
  ('Give at most 20 origins of the form https://www.example.com or http://127.0.0.1:8080 (no path).', 'en', 'fr',
   'Donnez au plus 20 origines de la forme https://www.example.com ou http://127.0.0.1:8080 (sans chemin).',
   'ui_text', 'error', true, 1)
on conflict (source_text, source_language, target_language, context)
do update set translated_text = excluded.translated_text, category = excluded.category,
              verified = true, confidence = excluded.confidence;
