-- Verify avenir:prompt_tables on pg
\set tables 'prompt_registry,prompt_performance,prompt_ab_tests,prompt_evolution'
\ir lib/secured_tables.sql
