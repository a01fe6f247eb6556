-- Deploy avenir:learning_plpython to pg
-- requires: learning_defaults, extensions
begin;
\ir ../../functions/learning_plpython.sql
commit;
