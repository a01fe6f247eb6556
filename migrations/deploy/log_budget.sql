-- Deploy avenir:log_budget to pg
-- requires: support_tables, base_schemas
begin;
\ir ../../db/log_budget.sql
\ir ../../functions/log_retention.sql
commit;
