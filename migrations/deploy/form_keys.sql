-- Deploy avenir:form_keys to pg
-- requires: lead_capture
-- requires: log_budget
-- requires: client_accounts
begin;
\ir ../../db/changes/form_keys.sql
\ir ../../functions/form_keys.sql
-- submit_lead takes the form key (the live definition); its budget is a scope of address_budgets.
\ir ../../functions/leads.sql
commit;
