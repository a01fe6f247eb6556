-- Deploy avenir:prospect_import to pg
-- requires: prospect_websites, data_rules
begin;
\ir ../../functions/prospect_import.sql
commit;
