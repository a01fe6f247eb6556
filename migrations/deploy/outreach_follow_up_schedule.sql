-- Deploy avenir:outreach_follow_up_schedule to pg
-- requires: outreach_sequences, cron_schedules
begin;
\ir ../../cron/outreach_follow_ups.sql
commit;
