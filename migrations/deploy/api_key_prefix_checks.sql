-- Deploy avenir:api_key_prefix_checks to pg
-- requires: data_rules, support_tables
begin;
\ir ../../db/changes/api_key_prefix_checks.sql
commit;
