-- The personalised e-mail reply of each lead (issue 12): the idempotency record of the
-- email_response job. Private: written by the job's functions (functions/lead_replies.sql) as
-- service_role; clients never see it directly. One row per lead, written BEFORE the message
-- leaves (status 'sending'), so a retried job finds it and never sends twice.
create table private.lead_replies (
  lead_id uuid primary key,
  client_id uuid not null,
  message_id text not null,
  status text not null default 'sending',
  sender text not null,
  attempts integer not null default 1,
  language text,
  tone text,
  subject text,
  thread_id text,
  gmail_message_id text,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint lead_replies_lead_fkey foreign key (client_id, lead_id)
    references public.lead_memory (client_id, id) on delete cascade,
  constraint lead_replies_message_id_key unique (message_id),
  constraint lead_replies_status_check check (status in ('sending', 'sent', 'failed', 'uncertain', 'released')),
  constraint lead_replies_sender_check check (sender in ('smtp', 'gmail', 'file', 'log')),
  constraint lead_replies_attempts_check check (attempts > 0),
  constraint lead_replies_language_check check (language in ('en', 'fr')),
  constraint lead_replies_message_id_check check (char_length(message_id) between 3 and 300),
  constraint lead_replies_error_check check (char_length(error) <= 2000)
);
create index lead_replies_client_id_lead_id_idx on private.lead_replies (client_id, lead_id);

comment on table private.lead_replies is
  'One personalised reply per lead (email_response job), recorded before the send: status sending -> sent | failed '
  '| uncertain (a crash after the send began and the sender cannot tell whether it left) | released (not sent, '
  'may be tried again).';
comment on column private.lead_replies.message_id is
  'RFC 5322 Message-ID derived from the lead (<reply.LEAD_ID@domain>): a resend would be recognisable.';
comment on column private.lead_replies.status is 'sending, sent, failed, uncertain or released.';
comment on column private.lead_replies.sender is 'Mail sender chosen by AVENIR_MAIL_URL: smtp, gmail, file or log.';
comment on column private.lead_replies.attempts is 'How many job attempts reached the send step.';
comment on column private.lead_replies.thread_id is 'Gmail thread id (Gmail sender only).';
comment on column private.lead_replies.gmail_message_id is 'Gmail message id (Gmail sender only).';
comment on column private.lead_replies.error is 'Why the reply failed (the mail server''s reason) or is uncertain.';

create trigger lead_replies_set_updated_at
  before update on private.lead_replies
  for each row execute function private.tg__set_updated_at();

alter table private.lead_replies enable row level security;
alter table private.lead_replies force row level security;
revoke all on table private.lead_replies from public, anon, authenticated;
grant select, insert, update on table private.lead_replies to service_role;
