-- Deploy avenir:ai_calls to pg
-- requires: prompt_tables, lead_enrichment
begin;
\ir ../../functions/ai_calls.sql
\ir ../../db/seeds/chat_prompts.sql
commit;
