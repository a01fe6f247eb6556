-- Deploy avenir:outreach_schedules to pg
-- requires: outreach_metrics, cron_schedules
begin;
\ir ../../cron/outreach.sql
commit;
