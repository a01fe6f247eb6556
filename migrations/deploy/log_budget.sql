-- Deploy avenir:log_budget to pg
-- requires: support_tables, base_schemas
begin;
\ir ../../db/address_budgets.sql
\ir ../../functions/address_budgets.sql
\ir ../../functions/log_retention.sql
commit;
