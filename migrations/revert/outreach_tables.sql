-- Revert avenir:outreach_tables from pg
begin;
drop table if exists public.outreach_metrics;
drop table if exists public.outreach_tracking;
drop table if exists public.outreach_emails;
drop table if exists public.outreach_campaigns;
drop table if exists public.email_templates;
commit;
