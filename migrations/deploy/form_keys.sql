-- Deploy avenir:form_keys to pg
-- requires: lead_capture
-- requires: log_budget
-- requires: client_accounts
begin;
\ir ../../db/changes/form_keys.sql
\ir ../../db/form_budget.sql
\ir ../../functions/form_keys.sql
-- submit_lead takes the form key; the purge prunes its budget (both files are the live definitions).
\ir ../../functions/leads.sql
\ir ../../functions/log_retention.sql
commit;
