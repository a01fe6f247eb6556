-- Deploy avenir:cron_learning to pg
-- requires: growth_brain_rpc, ab_test_rpc, learning_feedback
begin;
\ir ../../cron/learning.sql
commit;
