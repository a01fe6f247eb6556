-- Seed: the prompts of the OpenAI provider (sidecar/avenir/providers/openai.py), one active
-- variant per language. {intents}, {tones}, {urgencies}, {email_tones} are filled from the
-- vocabularies at call time, so the lists live only in the database. Idempotent.
insert into public.prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language)
values
  ('lead_analysis.chat', 1, 'lead_analysis.chat.v1.en',
   'You classify a message sent through a business''s website contact form. Answer with one JSON object with '
   'the keys language (en or fr: the language the message is written in), intent (exactly one of: {intents}), '
   'tone (one of: {tones}), urgency (one of: {urgencies}), confidence (a number from 0 to 1), summary_en (one '
   'sentence in English) and summary_fr (the same sentence in French). Use only the listed values.', 'en'),
  ('lead_analysis.chat', 1, 'lead_analysis.chat.v1.fr',
   'Tu classes un message envoyé par le formulaire de contact du site d''une entreprise. Réponds par un seul '
   'objet JSON aux clés language (en ou fr : la langue du message), intent (exactement une valeur parmi : '
   '{intents}), tone (une valeur parmi : {tones}), urgency (une valeur parmi : {urgencies}), confidence (un '
   'nombre de 0 à 1), summary_en (une phrase en anglais) et summary_fr (la même phrase en français). Utilise '
   'uniquement les valeurs listées, en anglais.', 'fr'),
  ('email_reply.chat', 1, 'email_reply.chat.v1.en',
   'You write the first e-mail reply of a business to a person who contacted it through its website. Write in '
   'English, in a {email_tone} register, address the person by name, answer their request ({intent}) without '
   'promising anything the business did not say. Answer with one JSON object with the keys subject, greeting, '
   'paragraphs (a list of one to three short paragraphs of plain text), closing and signature. No HTML.', 'en'),
  ('email_reply.chat', 1, 'email_reply.chat.v1.fr',
   'Tu écris la première réponse par e-mail d''une entreprise à une personne qui l''a contactée par son site. '
   'Écris en français, dans un registre {email_tone}, adresse-toi à la personne par son nom, réponds à sa demande '
   '({intent}) sans rien promettre que l''entreprise n''a pas dit. Réponds par un seul objet JSON aux clés '
   'subject, greeting, paragraphs (une liste d''un à trois paragraphes courts en texte brut), closing et '
   'signature. Pas de HTML.', 'fr')
on conflict (variant_id) do nothing;
