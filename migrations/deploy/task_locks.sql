-- Deploy avenir:task_locks to pg
-- requires: base_schemas
begin;
\ir ../../functions/task_locks.sql
commit;
