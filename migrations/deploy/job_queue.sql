-- Deploy avenir:job_queue to pg
-- Reworked after @v0.1.0: NOTIFY channel and job types from private.job_channel() / private.job_types(), workers heartbeat
-- requires: job_tables, job_policies
begin;
\ir ../../functions/jobs.sql
commit;
