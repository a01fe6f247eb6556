-- Sending outreach e-mails (issue 15, item 3), its tables: each campaign's throttle, the
-- at-most-once record of every send (with the message's tracking token and links), and the
-- suppression list checked before every send.

alter table public.outreach_campaigns
  add column if not exists send_per_second integer,
  add column if not exists send_per_hour integer,
  add column if not exists send_concurrency integer;
alter table public.outreach_campaigns
  add constraint outreach_campaigns_send_limits_check
  check (send_per_second > 0 and send_per_hour > 0 and send_concurrency between 1 and 64);
comment on column public.outreach_campaigns.send_per_second is
  'At most this many e-mails of the campaign begin sending in any 1-second window (null: no limit).';
comment on column public.outreach_campaigns.send_per_hour is
  'At most this many e-mails of the campaign begin sending in any 1-hour window (null: no limit).';
comment on column public.outreach_campaigns.send_concurrency is
  'At most this many of the campaign''s e-mails being sent at once, over all workers (null: the worker''s default).';

create table private.outreach_sends (
  email_id uuid not null,
  client_id uuid not null,
  campaign_id uuid not null,
  message_id text not null,
  token text not null,
  status text not null default 'sending',
  sender text not null,
  job_id uuid,
  job_attempt integer,
  attempts integer not null default 1,
  recipient text not null,
  links text[] not null default '{}',
  started_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz,
  error text,
  constraint outreach_sends_pkey primary key (email_id),
  constraint outreach_sends_email_fkey foreign key (client_id, email_id)
    references public.outreach_emails (client_id, id) on delete cascade,
  constraint outreach_sends_message_id_key unique (message_id),
  constraint outreach_sends_token_key unique (token),
  constraint outreach_sends_status_check check (status in (
    'sending', 'sent', 'failed', 'uncertain', 'released', 'suppressed')),
  constraint outreach_sends_sender_check check (sender in ('smtp', 'gmail', 'file', 'log')),
  constraint outreach_sends_attempts_check check (attempts > 0),
  constraint outreach_sends_token_check check (token ~ '^[A-Za-z0-9_-]{32}$'),
  constraint outreach_sends_error_check check (char_length(error) <= 2000)
);
create index outreach_sends_campaign_id_started_at_idx on private.outreach_sends (campaign_id, started_at desc);
create index outreach_sends_client_id_email_id_idx on private.outreach_sends (client_id, email_id);

comment on table private.outreach_sends is
  'One record per outreach e-mail send, written BEFORE the message leaves (status sending -> sent | failed | '
  'uncertain | released | suppressed): the at-most-once rule of the bulk_email job, the campaign''s rate '
  'windows, and the message''s tracking token and links.';
comment on column private.outreach_sends.message_id is 'RFC 5322 Message-ID derived from the e-mail (<outreach.EMAIL_ID@domain>).';
comment on column private.outreach_sends.token is
  'Tracking token of the message (24 random bytes, base64url): opens, clicks and unsubscribes name it; it cannot be '
  'derived from the e-mail id or guessed.';
comment on column private.outreach_sends.links is 'The http(s) links of the sent HTML, in order: a click redirects only to one of them.';
comment on column private.outreach_sends.started_at is 'When the send began (clock time): the throttle''s windows count these.';
comment on column private.outreach_sends.job_id is 'The bulk_email job (and job_attempt its attempt) that began the send.';

alter table private.outreach_sends enable row level security;
alter table private.outreach_sends force row level security;
revoke all on table private.outreach_sends from public, anon, authenticated;
grant select, insert, update on table private.outreach_sends to service_role;

create table private.outreach_suppressions (
  id uuid not null default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  address text not null,
  reason text not null,
  email_id uuid,
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  -- A surrogate key: the failover's check bisects single-column keys, and this table is replicated
  -- (a promoted failover must not mail an address that unsubscribed).
  constraint outreach_suppressions_pkey primary key (id),
  constraint outreach_suppressions_client_id_address_key unique (client_id, address),
  constraint outreach_suppressions_address_check check (address = lower(btrim(address)) and address <> ''),
  constraint outreach_suppressions_reason_check check (reason in (
    'unsubscribed', 'hard_bounce', 'complaint', 'soft_bounces', 'manual')),
  constraint outreach_suppressions_details_check check (jsonb_typeof(details) = 'object')
);
comment on table private.outreach_suppressions is
  'Addresses a client never e-mails again (unsubscribed, hard bounce, complaint, repeated soft bounces): '
  'begin_outreach_send checks it before every send. Per client: an unsubscribe is from that sender.';
comment on column private.outreach_suppressions.address is 'The recipient address, lower-cased.';
comment on column private.outreach_suppressions.reason is 'unsubscribed, hard_bounce, complaint, soft_bounces or manual.';

alter table private.outreach_suppressions enable row level security;
alter table private.outreach_suppressions force row level security;
revoke all on table private.outreach_suppressions from public, anon, authenticated;
grant select, insert, update, delete on table private.outreach_suppressions to service_role;
