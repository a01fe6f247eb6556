-- The outreach e-mail's state machine (issue 15, item 2), its table side: one timestamp per
-- state reached, named `<state>_at` (sent_at, opened_at and replied_at are the spec's columns;
-- the others are added here), and missing_email kept out of every state past pending.

alter table public.outreach_emails
  add column if not exists approved_at timestamptz,
  add column if not exists rejected_at timestamptz,
  add column if not exists delivered_at timestamptz,
  add column if not exists bounced_at timestamptz;

comment on column public.outreach_emails.approved_at is 'When approved (set once, by the state trigger).';
comment on column public.outreach_emails.rejected_at is 'When rejected (set once, by the state trigger).';
comment on column public.outreach_emails.delivered_at is 'When the provider reported delivery (set once).';
comment on column public.outreach_emails.bounced_at is 'When it bounced (set once).';

alter table public.outreach_emails
  add constraint outreach_emails_missing_email_status_check
  check (not missing_email or status in ('pending', 'rejected'));
comment on constraint outreach_emails_missing_email_status_check on public.outreach_emails is
  'An e-mail without an address never goes past pending (it can only be rejected).';
