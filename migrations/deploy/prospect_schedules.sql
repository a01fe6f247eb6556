-- Deploy avenir:prospect_schedules to pg
-- requires: prospect_form_tests
-- requires: job_queue
-- requires: cron_schedules
begin;
\ir ../../cron/prospects.sql
commit;
