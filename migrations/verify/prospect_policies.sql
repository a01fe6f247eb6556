-- Verify avenir:prospect_policies on pg
\set tables 'prospect_candidates,prospect_outreach_log,prospect_industry_performance,prospect_form_tests'
\ir lib/tenant_policies.sql
