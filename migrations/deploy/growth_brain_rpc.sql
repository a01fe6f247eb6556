-- Deploy avenir:growth_brain_rpc to pg
-- requires: intelligence_tables, lead_tables, support_tables, learning_defaults, task_locks, api_errors, translation_lookup
begin;
\ir ../../functions/growth_brain.sql
commit;
