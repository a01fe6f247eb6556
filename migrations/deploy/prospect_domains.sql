-- Deploy avenir:prospect_domains to pg
-- requires: prospect_tables
begin;
\ir ../../db/prospect_domains.sql
commit;
