-- Verify avenir:intelligence_policies on pg
\set tables 'growth_brain,feedback_tracking,performance_metrics'
\ir lib/tenant_policies.sql
