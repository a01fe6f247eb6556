-- Deploy avenir:prospect_embedding_index to pg
-- requires: prospect_tables
begin;
\ir ../../db/changes/prospect_embedding_index.sql
commit;
