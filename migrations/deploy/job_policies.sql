-- Deploy avenir:job_policies to pg
begin;
\ir ../../policies/jobs.sql
commit;
