-- Deploy avenir:learning_feedback to pg
-- requires: learning_tables, lead_lifecycle, prompt_rpc, task_locks, extensions, translation_lookup
begin;
\ir ../../functions/feedback.sql
commit;
