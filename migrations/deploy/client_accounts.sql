-- Deploy avenir:client_accounts to pg
-- Reworked after @v0.1.0: create_client and rotate_api_key use the e-mail rule and the API-key prefix of functions/data_rules.sql; vocabulary lookups and JWT signing in their own files; login throttled per (e-mail, address) and per address
-- requires: client_tables, private_secrets, login_attempts, api_errors, dictionary_seed, data_rules, login_throttle, log_budget
begin;
\ir ../../functions/vocabulary.sql
\ir ../../functions/jwt.sql
\ir ../../functions/accounts.sql
commit;
