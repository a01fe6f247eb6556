-- Verify avenir:support_policies on pg
\set tables 'integration_logs,avenir_profile_embeddings,intent_translations'
\ir lib/tenant_policies.sql
