-- Deploy avenir:support_tables to pg
begin;
\ir ../../db/integration_logs.sql
\ir ../../db/profile_embeddings.sql
\ir ../../db/intent_translations.sql
commit;
