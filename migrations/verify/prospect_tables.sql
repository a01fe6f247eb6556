-- Verify avenir:prospect_tables on pg
\set tables 'prospect_candidates,prospect_outreach_log,prospect_industry_performance,prospect_form_tests'
\ir lib/secured_tables.sql
