-- Deploy avenir:job_queue to pg
-- requires: job_tables, job_policies
begin;
\ir ../../functions/jobs.sql
commit;
