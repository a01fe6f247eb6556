-- Deploy avenir:ab_test_rpc to pg
-- requires: prompt_rpc, task_locks, translation_lookup
begin;
\ir ../../functions/ab_tests.sql
commit;
