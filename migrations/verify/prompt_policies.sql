-- Verify avenir:prompt_policies on pg
\set tables 'prompt_registry,prompt_performance,prompt_ab_tests,prompt_evolution'
\ir lib/tenant_policies.sql
