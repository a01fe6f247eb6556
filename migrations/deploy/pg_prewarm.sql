-- Deploy avenir:pg_prewarm to pg
-- requires: extensions
begin;
\ir ../../db/changes/pg_prewarm.sql
commit;
