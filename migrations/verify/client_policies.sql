-- Verify avenir:client_policies on pg
\set tables 'clients'
\ir lib/tenant_policies.sql
