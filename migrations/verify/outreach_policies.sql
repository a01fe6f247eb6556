-- Verify avenir:outreach_policies on pg
\set tables 'email_templates,outreach_campaigns,outreach_emails,outreach_tracking,outreach_metrics'
\ir lib/tenant_policies.sql
