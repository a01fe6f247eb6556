-- Deploy avenir:job_workers to pg
-- requires: base_schemas
-- requires: api_roles
begin;
\ir ../../db/job_workers.sql
commit;
