-- Deploy avenir:learning_plpython to pg
-- requires: learning_defaults, extensions
-- Where plpython3u is offered (db/extensions.sql creates it then), the statistics and the wording
-- run in PL/Python over python_udfs; elsewhere (Supabase, Neon) the plain-SQL forms of
-- functions/learning_defaults.sql stay, and this change deploys as a no-op.
select exists (select from pg_catalog.pg_extension where extname = 'plpython3u') as has_plpython \gset
begin;
\if :has_plpython
\ir ../../functions/learning_plpython.sql
\endif
commit;
