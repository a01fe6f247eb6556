-- Queries of the issue-12 handlers (email_response.py, and the hunks of lead_enrichment.py):
-- `-- name: <name>` blocks loaded with avenir_gateway.sql_files.NamedQueries.

-- name: active_prompt
select public.active_prompt(%(prompt_name)s, %(language)s) as prompt;

-- name: annotate_prompt_execution
select public.annotate_prompt_execution(%(execution_id)s, %(quality)s) as outcome;

-- name: enqueue_lead_reply
select public.enqueue_lead_reply(%(lead_id)s) as outcome;

-- name: lead_for_reply
select l.id, l.client_id, l.name, l.email, l.message, l.language, l.intent, l.deleted,
       c.business_name, c.email_tone, c.booking_link, c.ai_personalized_reply,
       t.intent_fr, t.category
  from public.lead_memory l
  join public.clients c on c.client_id = l.client_id
  left join public.intent_translations t on t.intent_en = l.intent
 where l.id = %(lead_id)s;

-- name: begin_lead_reply
select public.begin_lead_reply(%(lead_id)s, %(message_id)s, %(sender)s) as reply;

-- name: finish_lead_reply
select public.finish_lead_reply(%(lead_id)s, %(status)s, %(details)s) as outcome;

-- name: glossary_terms
select d.source_text, d.translated_text
  from public.translation_dictionary d
 where d.verified and d.source_language = %(source_language)s and d.target_language = %(target_language)s
   and d.context not in ('tone', 'urgency', 'tag', 'email_tone')
   and strpos(private.fold_text(%(text)s), private.fold_text(d.source_text)) > 0
 order by char_length(d.source_text) desc
 limit 50;

-- name: record_translation
select public.record_translation(%(source_text)s, %(source_language)s, %(target_language)s, %(context_type)s,
                                 %(translated_text)s, %(quality_score)s::numeric) as outcome;
