-- Deploy avenir:prospect_websites to pg
-- requires: prospect_domains
begin;
\ir ../../functions/prospect_websites.sql
commit;
