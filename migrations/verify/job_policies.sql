-- Verify avenir:job_policies on pg
\set tables 'queue_jobs'
\ir lib/tenant_policies.sql
