-- Verify avenir:intelligence_tables on pg
\set tables 'growth_brain,feedback_tracking,performance_metrics'
\ir lib/secured_tables.sql
