-- Verify avenir:translation_policies on pg
\set tables 'translation_cache,translation_dictionary'
\ir lib/tenant_policies.sql
