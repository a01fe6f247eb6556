-- Deploy avenir:translation_lookup to pg
-- requires: translation_tables, job_queue, intelligence_tables, dictionary_seed
begin;
\ir ../../db/translation_lookup.sql
\ir ../../functions/translation.sql
commit;
