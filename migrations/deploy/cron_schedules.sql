-- Deploy avenir:cron_schedules to pg
begin;
\ir ../../cron/schedules.sql
commit;
