-- Deploy avenir:client_accounts to pg
-- requires: client_tables, private_secrets, login_attempts, api_errors, dictionary_seed, login_throttle
begin;
\ir ../../functions/accounts.sql
commit;
