-- Deploy avenir:lead_lifecycle to pg
-- requires: client_accounts, lead_policies
begin;
\ir ../../functions/lead_lifecycle.sql
commit;
