-- Deploy avenir:intent_taxonomy_seed to pg
begin;
\ir ../../db/seeds/intent_taxonomy.sql
commit;
