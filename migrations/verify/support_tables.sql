-- Verify avenir:support_tables on pg
\set tables 'integration_logs,avenir_profile_embeddings,intent_translations'
\ir lib/secured_tables.sql
