-- Deploy avenir:dictionary_seed to pg
begin;
\ir ../../db/seeds/vocabulary_terms.sql
\ir ../../db/seeds/translation_dictionary.sql
commit;
