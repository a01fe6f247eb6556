-- Deploy avenir:prospect_form_tests to pg
-- requires: prospect_tables
begin;
\ir ../../functions/prospect_form_tests.sql
commit;
