-- Deploy avenir:lead_lifecycle to pg
-- Reworked after @v0.1.0: tag_lead's error text through private.ui_text_both: English in the code, French in the dictionary
-- requires: client_accounts, lead_policies, translation_lookup
begin;
\ir ../../functions/lead_lifecycle.sql
commit;
