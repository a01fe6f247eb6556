-- Revert avenir:outreach_states from pg
begin;
drop function if exists public.reject_outreach_email(uuid, text);
drop function if exists public.approve_outreach_email(uuid);
drop function if exists public.reject_outreach_emails(uuid[], text);
drop function if exists public.approve_outreach_emails(uuid[]);
drop function if exists private.decide_outreach_emails(uuid, uuid[], text, text);
drop trigger if exists outreach_emails_state on public.outreach_emails;
drop function if exists private.tg__outreach_email_state();
drop function if exists private.refuse_outreach_transition(uuid, text, text);
drop function if exists private.outreach_email_transitions();
alter table public.outreach_emails drop constraint if exists outreach_emails_missing_email_status_check;
alter table public.outreach_emails drop column if exists approved_at, drop column if exists rejected_at,
  drop column if exists delivered_at, drop column if exists bounced_at;
commit;
