-- Deploy avenir:log_retention to pg
-- requires: log_budget, cron_schedules
begin;
\ir ../../cron/retention.sql
commit;
