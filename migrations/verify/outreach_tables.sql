-- Verify avenir:outreach_tables on pg
\set tables 'email_templates,outreach_campaigns,outreach_emails,outreach_tracking,outreach_metrics'
\ir lib/secured_tables.sql
