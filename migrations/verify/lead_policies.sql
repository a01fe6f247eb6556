-- Verify avenir:lead_policies on pg
\set tables 'lead_memory,lead_actions,lead_notes'
\ir lib/tenant_policies.sql
