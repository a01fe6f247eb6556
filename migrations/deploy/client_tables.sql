-- Deploy avenir:client_tables to pg
begin;
-- The data rules the table constraints call (also brought to earlier databases by data_rules).
\ir ../../functions/data_rules.sql
\ir ../../db/clients.sql
commit;
