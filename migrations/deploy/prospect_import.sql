-- Deploy avenir:prospect_import to pg
-- requires: prospect_websites
begin;
\ir ../../functions/prospect_import.sql
commit;
