-- Deploy avenir:job_tables to pg
begin;
\ir ../../db/jobs.sql
commit;
