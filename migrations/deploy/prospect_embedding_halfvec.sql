-- Deploy avenir:prospect_embedding_halfvec to pg
-- requires: prospect_embedding_index
begin;
\ir ../../db/changes/prospect_embedding_halfvec.sql
commit;
