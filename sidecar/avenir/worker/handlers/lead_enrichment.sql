-- Queries of the lead_enrichment handler (avenir.worker.handlers.lead_enrichment). The logic
-- lives in functions/enrichment.sql; here the handler only reads the lead and records the result.

-- name: lead_for_enrichment
select l.id, l.client_id, l.name, l.message, l.language
  from public.lead_memory l
 where l.id = %(lead_id)s;

-- name: record_lead_enrichment
select public.record_lead_enrichment(%(lead_id)s, %(analysis)s, %(prompt)s, %(execution_id)s,
                                     %(response_time_ms)s) as outcome;
