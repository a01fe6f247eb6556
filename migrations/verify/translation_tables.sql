-- Verify avenir:translation_tables on pg
\set tables 'translation_cache,translation_dictionary'
\ir lib/secured_tables.sql
