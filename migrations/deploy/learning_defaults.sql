-- Deploy avenir:learning_defaults to pg
-- requires: base_schemas
begin;
\ir ../../functions/learning_defaults.sql
commit;
