-- Seed: the French of the texts people read (context ui_text): error texts (category error), the
-- growth brain's recommendations (category insight) and the other messages (category message), verified.
-- The English is the template the code passes to private.ui_text (functions/ui_text.sql); its
-- %1$s, %2$s ... are the same arguments in both languages (a translation may leave one out). Idempotent.
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
   'ui_text', 'error', true, 1),
  -- submit_lead (functions/leads.sql) and the gateway's refusal of its call (functions/gateway_hooks.sql)
  ('invalid API key', 'en', 'fr',
   'clé API invalide', 'ui_text', 'error', true, 1),
  ('Use the API key shown when the account was created (or rotated), as api_key.', 'en', 'fr',
   'Utilisez la clé API affichée à la création (ou au renouvellement) du compte, dans api_key.', 'ui_text', 'error', true, 1),
  ('this site may not send leads with this form key', 'en', 'fr',
   'ce site ne peut pas envoyer de demandes avec cette clé de formulaire', 'ui_text', 'error', true, 1),
  ('The site''s owner adds its address (e.g. https://www.example.com) to the allowed sites in the dashboard.', 'en', 'fr',
   'Le propriétaire du site ajoute son adresse (par ex. https://www.example.com) aux sites autorisés du tableau de bord.', 'ui_text', 'error', true, 1),
  ('name is required (1 to 200 characters)', 'en', 'fr',
   'le nom est obligatoire (1 à 200 caractères)', 'ui_text', 'error', true, 1),
  ('Enter your name.', 'en', 'fr',
   'Indiquez votre nom.', 'ui_text', 'error', true, 1),
  ('the e-mail address is not valid', 'en', 'fr',
   'l''adresse e-mail n''est pas valide', 'ui_text', 'error', true, 1),
  ('Enter an address of the form name@domain.', 'en', 'fr',
   'Saisissez une adresse de la forme nom@domaine.', 'ui_text', 'error', true, 1),
  ('language must be en or fr', 'en', 'fr',
   'la langue doit être en ou fr', 'ui_text', 'error', true, 1),
  ('Send en or fr, or leave language out to detect it.', 'en', 'fr',
   'Envoyez en ou fr, ou omettez language pour la détecter.', 'ui_text', 'error', true, 1),
  ('a field holds a NUL character (\u0000), which cannot be stored', 'en', 'fr',
   'un champ contient un caractère NUL (\u0000), qui ne peut pas être enregistré', 'ui_text', 'error', true, 1),
  ('Remove the NUL character from the name, the e-mail, the message and the language.', 'en', 'fr',
   'Retirez le caractère NUL du nom, de l''e-mail, du message et de la langue.', 'ui_text', 'error', true, 1),
  ('message is required (1 to 10,000 characters)', 'en', 'fr',
   'le message est obligatoire (1 à 10 000 caractères)', 'ui_text', 'error', true, 1),
  ('Write your message; shorten it if it is very long.', 'en', 'fr',
   'Écrivez votre message ; raccourcissez-le s''il est très long.', 'ui_text', 'error', true, 1),
  ('too many requests from this address; try again later', 'en', 'fr',
   'trop de demandes depuis cette adresse ; réessayez plus tard', 'ui_text', 'error', true, 1),
  ('Wait a few minutes, then send the form again.', 'en', 'fr',
   'Attendez quelques minutes, puis renvoyez le formulaire.', 'ui_text', 'error', true, 1),
  -- tag_lead, correct_lead_analysis, refresh_growth_brain
  ('tag %1$L is not a known tag', 'en', 'fr',
   'étiquette %1$L inconnue', 'ui_text', 'error', true, 1),
  ('give at least one of intent, tone, urgency', 'en', 'fr',
   'indiquez au moins intent, tone ou urgency', 'ui_text', 'error', true, 1),
  ('intent %1$L is not in the taxonomy', 'en', 'fr',
   'intention %1$L absente de la taxonomie', 'ui_text', 'error', true, 1),
  ('tone %1$L is not a known tone', 'en', 'fr',
   'ton %1$L inconnu', 'ui_text', 'error', true, 1),
  ('urgency %1$L is not a known urgency', 'en', 'fr',
   'urgence %1$L inconnue', 'ui_text', 'error', true, 1),
  ('a client refreshes only its own growth brain', 'en', 'fr',
   'un client ne rafraîchit que son propre Growth Brain', 'ui_text', 'error', true, 1),
  ('Use one of: %1$s, or null to remove the tag.', 'en', 'fr',
   'Utilisez l''une de ces valeurs : %1$s, ou null pour retirer l''étiquette.', 'ui_text', 'error', true, 1),
  ('Send the values the AI should have found, in English or French.', 'en', 'fr',
   'Envoyez les valeurs que l''IA aurait dû trouver, en anglais ou en français.', 'ui_text', 'error', true, 1),
  ('Use an intent of GET /intent_translations (intent_en or intent_fr).', 'en', 'fr',
   'Utilisez une intention de GET /intent_translations (intent_en ou intent_fr).', 'ui_text', 'error', true, 1),
  ('Call refresh_growth_brain with no client_id (or your own).', 'en', 'fr',
   'Appelez refresh_growth_brain sans client_id (ou avec le vôtre).', 'ui_text', 'error', true, 1),
  -- outreach e-mails (functions/outreach_states.sql, outreach_sending.sql, outreach_tracking.sql)
  ('outreach e-mail %1$s cannot go from %2$s to %3$s', 'en', 'fr',
   'l''e-mail de prospection %1$s ne peut pas passer de %2$s à %3$s', 'ui_text', 'error', true, 1),
  ('From %1$s it may go to: %2$s.', 'en', 'fr',
   'Depuis %1$s, il peut passer à : %2$s.', 'ui_text', 'error', true, 1),
  ('The status %1$s is final.', 'en', 'fr',
   'Le statut %1$s est final.', 'ui_text', 'error', true, 1),
  ('outreach e-mail %1$s has no recipient address: it cannot be approved', 'en', 'fr',
   'l''e-mail de prospection %1$s n''a pas d''adresse de destinataire : il ne peut pas être approuvé', 'ui_text', 'error', true, 1),
  ('Reject it, or find the prospect''s address and create a new e-mail.', 'en', 'fr',
   'Rejetez-le, ou trouvez l''adresse du prospect et créez un nouvel e-mail.', 'ui_text', 'error', true, 1),
  ('outreach e-mail %1$s: %2$s is already set and cannot change', 'en', 'fr',
   'e-mail de prospection %1$s : %2$s est déjà fixé et ne peut pas changer', 'ui_text', 'error', true, 1),
  ('Each state''s timestamp is written once, when the e-mail reaches it.', 'en', 'fr',
   'L''horodatage de chaque état est écrit une seule fois, quand l''e-mail l''atteint.', 'ui_text', 'error', true, 1),
  ('give 1 to %1$s outreach e-mail ids', 'en', 'fr',
   'donnez de 1 à %1$s identifiants d''e-mails de prospection', 'ui_text', 'error', true, 1),
  ('Pass email_ids as a JSON array of the ids of pending e-mails (GET /outreach_emails?status=eq.pending).', 'en', 'fr',
   'Passez email_ids en tableau JSON des identifiants d''e-mails en attente (GET /outreach_emails?status=eq.pending).', 'ui_text', 'error', true, 1),
  ('reason must be at most 1000 characters', 'en', 'fr',
   'reason doit faire au plus 1000 caractères', 'ui_text', 'error', true, 1),
  ('Summarise why the e-mail is rejected.', 'en', 'fr',
   'Résumez pourquoi l''e-mail est rejeté.', 'ui_text', 'error', true, 1),
  ('outreach e-mail %1$s not found', 'en', 'fr',
   'e-mail de prospection %1$s introuvable', 'ui_text', 'error', true, 1),
  ('Use the ids of your own outreach e-mails (GET /outreach_emails?status=eq.pending); nothing was changed.', 'en', 'fr',
   'Utilisez les identifiants de vos propres e-mails de prospection (GET /outreach_emails?status=eq.pending) ; rien n''a été modifié.', 'ui_text', 'error', true, 1),
  ('Pass the id of a sent outreach e-mail.', 'en', 'fr',
   'Passez l''identifiant d''un e-mail de prospection envoyé.', 'ui_text', 'error', true, 1),
  ('campaign %1$L has no active template', 'en', 'fr',
   'la campagne %1$L n''a pas de modèle actif', 'ui_text', 'error', true, 1),
  ('Set outreach_campaigns.email_template_id to an active email_templates row.', 'en', 'fr',
   'Donnez à outreach_campaigns.email_template_id l''identifiant d''une ligne active d''email_templates.', 'ui_text', 'error', true, 1),
  ('tracking action %1$L is not known', 'en', 'fr',
   'action de suivi %1$L inconnue', 'ui_text', 'error', true, 1),
  ('Use delivered, opened, clicked, replied, bounced, unsubscribed or complained.', 'en', 'fr',
   'Utilisez delivered, opened, clicked, replied, bounced, unsubscribed ou complained.', 'ui_text', 'error', true, 1),
  ('outreach e-mail %1$s was never sent: no %2$s event', 'en', 'fr',
   'l''e-mail de prospection %1$s n''a jamais été envoyé : pas d''événement %2$s', 'ui_text', 'error', true, 1),
  ('Tracking events follow a send.', 'en', 'fr',
   'Les événements de suivi suivent un envoi.', 'ui_text', 'error', true, 1),
  ('unknown tracking link', 'en', 'fr',
   'lien inconnu', 'ui_text', 'error', true, 1),
  ('Use the link of the e-mail as it was received.', 'en', 'fr',
   'Utilisez le lien de l''e-mail tel qu''il a été reçu.', 'ui_text', 'error', true, 1),
  ('too many requests from this address', 'en', 'fr',
   'trop de demandes depuis cette adresse', 'ui_text', 'error', true, 1),
  ('Wait a minute, then open the link again.', 'en', 'fr',
   'Attendez une minute, puis rouvrez le lien.', 'ui_text', 'error', true, 1),
  ('the report is empty', 'en', 'fr',
   'le rapport est vide', 'ui_text', 'error', true, 1),
  ('Pass the raw DSN (RFC 3464) or ARF (RFC 5965) message.', 'en', 'fr',
   'Passez le message DSN (RFC 3464) ou ARF (RFC 5965) brut.', 'ui_text', 'error', true, 1),
  ('the reply has no Message-ID', 'en', 'fr',
   'la réponse n''a pas de Message-ID', 'ui_text', 'error', true, 1),
  ('Pass the Message-ID header of the received message: it makes a message read twice one event.', 'en', 'fr',
   'Passez l''en-tête Message-ID du message reçu : un message lu deux fois reste un seul événement.', 'ui_text', 'error', true, 1),
  -- e-mail templates (functions/outreach_templates.sql)
  ('template %1$L: %2$s uses undeclared variable(s) %3$s', 'en', 'fr',
   'modèle %1$L : %2$s utilise des variables non déclarées %3$s', 'ui_text', 'error', true, 1),
  ('Add them to email_templates.variables, or remove the placeholders.', 'en', 'fr',
   'Ajoutez-les à email_templates.variables, ou retirez les espaces réservés.', 'ui_text', 'error', true, 1),
  ('template %1$L: %2$s has a malformed placeholder', 'en', 'fr',
   'modèle %1$L : %2$s a un espace réservé mal formé', 'ui_text', 'error', true, 1),
  ('Write placeholders as {{name}} or {{name|fallback}} (letters, digits and _).', 'en', 'fr',
   'Écrivez les espaces réservés {{name}} ou {{name|fallback}} (lettres, chiffres et _).', 'ui_text', 'error', true, 1),
  ('vars must be a JSON object', 'en', 'fr',
   'vars doit être un objet JSON', 'ui_text', 'error', true, 1),
  ('Pass {"first_name": "Ada", ...}.', 'en', 'fr',
   'Passez {"first_name": "Ada", ...}.', 'ui_text', 'error', true, 1),
  ('email template %1$s not found', 'en', 'fr',
   'modèle d''e-mail %1$s introuvable', 'ui_text', 'error', true, 1),
  ('Use the id of a row of email_templates.', 'en', 'fr',
   'Utilisez l''identifiant d''une ligne d''email_templates.', 'ui_text', 'error', true, 1),
  ('template %1$L: missing variable(s) %2$s', 'en', 'fr',
   'modèle %1$L : variable(s) manquante(s) %2$s', 'ui_text', 'error', true, 1),
  ('Pass a value for %1$s in vars, or give the placeholder a fallback: {{%2$s|...}}.', 'en', 'fr',
   'Passez une valeur pour %1$s dans vars, ou donnez une valeur de repli à l''espace réservé : {{%2$s|...}}.', 'ui_text', 'error', true, 1),
  -- similar_prospects_to_profile (functions/prospects.sql)
  ('no company profile is loaded (avenir_profile_embeddings is empty)', 'en', 'fr',
   'aucun profil d''entreprise n''est chargé (avenir_profile_embeddings est vide)', 'ui_text', 'error', true, 1),
  ('Load it with: avenir profile load FILE.', 'en', 'fr',
   'Chargez-le avec : avenir profile load FICHIER.', 'ui_text', 'error', true, 1)
on conflict (source_text, source_language, target_language, context)
do update set translated_text = excluded.translated_text, category = excluded.category,
              verified = true, confidence = excluded.confidence;

-- The growth brain's recommendations (python_udfs/growth_insights.py TEMPLATES, and the plain-SQL
-- form of functions/learning_defaults.sql), worded by private.word_growth_insights. Category insight.
insert into public.translation_dictionary
  (source_text, source_language, target_language, translated_text, context, category, verified, confidence)
values
  -- top_intent
  ('%1$s makes up %3$s%% of your leads (%4$s of %5$s): prepare a dedicated reply for it.', 'en', 'fr',
   '%2$s représente %3$s %% de vos prospects (%4$s sur %5$s) : préparez une réponse dédiée.', 'ui_text', 'insight', true, 1),
  -- high_urgency
  ('%1$s%% of your leads are urgent (%2$s of %3$s): answer them within the hour.', 'en', 'fr',
   '%1$s %% de vos prospects sont urgents (%2$s sur %3$s) : répondez-leur dans l''heure.', 'ui_text', 'insight', true, 1),
  -- urgency_rising
  ('Urgent leads rose by %1$s points this week (p = %2$s): plan more availability.', 'en', 'fr',
   'Les prospects urgents ont augmenté de %1$s points cette semaine (p = %2$s) : prévoyez plus de disponibilité.', 'ui_text', 'insight', true, 1),
  -- urgency_falling
  ('Urgent leads fell by %1$s points this week (p = %2$s): time for longer-term follow-ups.', 'en', 'fr',
   'Les prospects urgents ont baissé de %1$s points cette semaine (p = %2$s) : le moment des relances de fond.', 'ui_text', 'insight', true, 1),
  -- bilingual_audience
  ('Your leads write %1$s%% in English and %2$s%% in French: answer each in their language.', 'en', 'fr',
   'Vos prospects écrivent à %1$s %% en anglais et à %2$s %% en français : répondez à chacun dans sa langue.', 'ui_text', 'insight', true, 1),
  -- low_conversion
  ('Only %1$s%% of your leads converted (%2$s of %3$s): follow up on the urgent ones first.', 'en', 'fr',
   'Seuls %1$s %% de vos prospects ont converti (%2$s sur %3$s) : relancez d''abord les plus urgents.', 'ui_text', 'insight', true, 1),
  -- strong_conversion
  ('%1$s%% of your leads converted (%2$s of %3$s): ask the converted ones for referrals.', 'en', 'fr',
   '%1$s %% de vos prospects ont converti (%2$s sur %3$s) : demandez des recommandations aux clients convertis.', 'ui_text', 'insight', true, 1),
  -- low_confidence
  ('The AI is unsure about your leads (average confidence %1$s): correct a few of them, it learns from your corrections.', 'en', 'fr',
   'L''IA hésite sur vos prospects (confiance moyenne %1$s) : corrigez-en quelques-uns, elle apprend de vos corrections.', 'ui_text', 'insight', true, 1),
  -- tone_friction
  ('Many leads sound frustrated or pressed (tone score %1$s/100): reply with a calm, concrete next step.', 'en', 'fr',
   'Beaucoup de prospects semblent pressés ou mécontents (score de ton %1$s/100) : répondez par une étape concrète et apaisante.', 'ui_text', 'insight', true, 1),
  -- summary_too_few
  ('Not enough leads yet for recommendations: %1$s of the %2$s needed.', 'en', 'fr',
   'Pas encore assez de prospects pour des recommandations : %1$s sur les %2$s nécessaires.', 'ui_text', 'insight', true, 1),
  -- summary_some
  ('%1$s recommendation(s) from %2$s leads.', 'en', 'fr',
   '%1$s recommandation(s) tirée(s) de %2$s prospects.', 'ui_text', 'insight', true, 1),
  -- summary_none
  ('No strong pattern in %1$s leads yet: keep going.', 'en', 'fr',
   'Pas de tendance nette sur %1$s prospects pour l''instant : continuez.', 'ui_text', 'insight', true, 1),
  -- sql form
  ('Recommendations are not computed on this host.', 'en', 'fr',
   'Les recommandations ne sont pas calculées sur cet hôte.', 'ui_text', 'insight', true, 1)
on conflict (source_text, source_language, target_language, context)
do update set translated_text = excluded.translated_text, category = excluded.category,
              verified = true, confidence = excluded.confidence;

-- The other texts people read, worded alike (category message): the unsubscribe confirmation, the
-- outcome notes of feedback_tracking, the reasons of an A/B test's decision.
insert into public.translation_dictionary
  (source_text, source_language, target_language, translated_text, context, category, verified, confidence)
values
  -- the one-click unsubscribe page (functions/outreach_tracking.sql)
  ('You will receive no more e-mails from this sender.', 'en', 'fr',
   'Vous ne recevrez plus d''e-mails de cet expéditeur.', 'ui_text', 'message', true, 1),
  -- lead outcomes in feedback_tracking.notes (functions/feedback.sql)
  ('Lead converted', 'en', 'fr',
   'Prospect converti', 'ui_text', 'message', true, 1),
  ('Conversion reverted: %1$s', 'en', 'fr',
   'Conversion annulée : %1$s', 'ui_text', 'message', true, 1),
  ('Archived without conversion', 'en', 'fr',
   'Archivé sans conversion', 'ui_text', 'message', true, 1),
  ('Deleted without conversion', 'en', 'fr',
   'Supprimé sans conversion', 'ui_text', 'message', true, 1),
  -- an A/B test's status_reason (python_udfs/ab_evaluation.py, functions/learning_defaults.sql)
  ('sample ratio mismatch: %1$s control / %2$s treatment units against a planned %3$s/%4$s split (chi-square p = %5$s < %6$s)', 'en', 'fr',
   'déséquilibre de répartition : %1$s unités témoin / %2$s unités test pour une répartition prévue de %3$s/%4$s (khi-deux p = %5$s < %6$s)', 'ui_text', 'message', true, 1),
  ('treatment wins: always-valid p = %1$s <= %2$s', 'en', 'fr',
   'le test gagne : p toujours valide = %1$s <= %2$s', 'ui_text', 'message', true, 1),
  ('control wins: always-valid p = %1$s <= %2$s', 'en', 'fr',
   'le témoin gagne : p toujours valide = %1$s <= %2$s', 'ui_text', 'message', true, 1),
  ('max_duration_days reached without a significant winner', 'en', 'fr',
   'durée maximale atteinte sans gagnant significatif', 'ui_text', 'message', true, 1),
  ('no PL/Python on this host: the worker makes the look', 'en', 'fr',
   'pas de PL/Python sur cet hôte : le worker fait l''évaluation', 'ui_text', 'message', true, 1)
on conflict (source_text, source_language, target_language, context)
do update set translated_text = excluded.translated_text, category = excluded.category,
              verified = true, confidence = excluded.confidence;
