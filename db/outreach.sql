-- Outreach automation. Templates are global (Avenir's); a campaign belongs to a client (Avenir's
-- own outreach runs under its internal client), and the campaign's e-mails, tracking events and
-- metrics carry the same client_id in their keys, so none can point into another client's campaign.

create table public.email_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  description text,
  subject text not null,
  html_content text,
  plain_content text,
  language text not null default 'en',
  category text,
  variables jsonb not null default '[]',
  is_active boolean not null default true,
  usage_count integer not null default 0,
  performance_score numeric(4,3),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint email_templates_name_language_key unique (name, language),
  constraint email_templates_name_check check (btrim(name) <> ''),
  constraint email_templates_body_check check (html_content is not null or plain_content is not null),
  constraint email_templates_language_check check (language in ('en', 'fr')),
  constraint email_templates_variables_check check (jsonb_typeof(variables) = 'array'),
  constraint email_templates_usage_count_check check (usage_count >= 0),
  constraint email_templates_performance_score_check check (performance_score between 0 and 1)
);

comment on table public.email_templates is
  'Global (Avenir''s outreach): reusable e-mail templates with personalisation variables. Internal clients read them.';
comment on column public.email_templates.subject is 'Subject line, may contain {{variables}}.';
comment on column public.email_templates.category is 'Template type (e.g. first_touch, follow_up).';
comment on column public.email_templates.variables is 'JSONB array of the personalisation variables the template uses.';
comment on column public.email_templates.performance_score is 'Performance rating, 0-1.';

comment on column public.email_templates.name is 'Template name (unique per language).';
comment on column public.email_templates.description is 'What the template is for.';
comment on column public.email_templates.html_content is 'HTML body (html_content or plain_content is required).';
comment on column public.email_templates.plain_content is 'Plain-text body.';
comment on column public.email_templates.language is 'Template language: en or fr.';
comment on column public.email_templates.is_active is 'Whether the template may be used.';
comment on column public.email_templates.usage_count is 'Times used.';

create trigger email_templates_set_updated_at
  before update on public.email_templates
  for each row execute function private.tg__set_updated_at();

create table public.outreach_campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  client_id uuid not null references public.clients (client_id) on delete cascade,
  status text not null default 'draft',
  target_criteria jsonb not null default '{}',
  email_template_id uuid references public.email_templates (id) on delete set null,
  follow_up_schedule jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  metadata jsonb not null default '{}',
  constraint outreach_campaigns_client_id_id_key unique (client_id, id),
  constraint outreach_campaigns_name_check check (btrim(name) <> ''),
  constraint outreach_campaigns_status_check check (status in ('draft', 'active', 'paused', 'completed')),
  constraint outreach_campaigns_target_criteria_check check (jsonb_typeof(target_criteria) = 'object'),
  constraint outreach_campaigns_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index outreach_campaigns_email_template_id_idx on public.outreach_campaigns (email_template_id);

comment on table public.outreach_campaigns is
  'Tenant-owned: outreach campaigns of a client (Avenir''s own under its internal client). '
  'A client reads its campaigns and may rename or pause them; service_role runs them.';
comment on column public.outreach_campaigns.status is 'draft, active, paused or completed.';
comment on column public.outreach_campaigns.target_criteria is 'JSONB filtering rules selecting prospects.';
comment on column public.outreach_campaigns.email_template_id is 'Template used (email_templates.id).';
comment on column public.outreach_campaigns.follow_up_schedule is 'JSONB follow-up timing (e.g. [{"sequence": 2, "after_days": 3}]).';

comment on column public.outreach_campaigns.name is 'Campaign name.';
comment on column public.outreach_campaigns.client_id is 'Owning client (clients.client_id); Avenir''s own campaigns belong to its internal client.';
comment on column public.outreach_campaigns.metadata is 'JSONB campaign settings.';

create trigger outreach_campaigns_set_updated_at
  before update on public.outreach_campaigns
  for each row execute function private.tg__set_updated_at();

create table public.outreach_emails (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  campaign_id uuid not null,
  prospect_id uuid references public.prospect_candidates (id) on delete set null,
  prospect_email text,
  prospect_name text,
  company_name text,
  website text,
  template_id uuid references public.email_templates (id) on delete set null,
  subject text,
  content text,
  status text not null default 'pending',
  sent_at timestamptz,
  opened_at timestamptz,
  replied_at timestamptz,
  thread_id text,
  gmail_message_id text,
  follow_up_sequence integer not null default 1,
  sender_email text,
  missing_email boolean not null default false,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint outreach_emails_client_id_id_key unique (client_id, id),
  constraint outreach_emails_campaign_fkey foreign key (client_id, campaign_id)
    references public.outreach_campaigns (client_id, id) on delete cascade,
  constraint outreach_emails_status_check check (status in (
    'pending', 'approved', 'rejected', 'sent', 'delivered', 'opened', 'replied', 'bounced')),
  constraint outreach_emails_follow_up_sequence_check check (follow_up_sequence >= 1),
  constraint outreach_emails_recipient_check check (prospect_email is not null or missing_email),
  constraint outreach_emails_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index outreach_emails_client_id_campaign_id_status_idx on public.outreach_emails (client_id, campaign_id, status);
create index outreach_emails_prospect_id_idx on public.outreach_emails (prospect_id);
create index outreach_emails_template_id_idx on public.outreach_emails (template_id);
-- The sender's work list: approved e-mails waiting to go out.
create index outreach_emails_created_at_idx on public.outreach_emails (created_at) where status = 'approved';
create unique index outreach_emails_gmail_message_id_idx on public.outreach_emails (gmail_message_id)
  where gmail_message_id is not null;

comment on table public.outreach_emails is
  'Tenant-owned (through its campaign): each outreach e-mail, pending -> approved -> sent -> opened -> replied.';
comment on column public.outreach_emails.client_id is 'Owner of the campaign (part of the campaign key).';
comment on column public.outreach_emails.content is 'E-mail body (HTML).';
comment on column public.outreach_emails.status is 'pending, approved, rejected, sent, delivered, opened, replied or bounced.';
comment on column public.outreach_emails.thread_id is 'Gmail thread id.';
comment on column public.outreach_emails.gmail_message_id is 'Gmail message id (unique when set).';
comment on column public.outreach_emails.follow_up_sequence is 'Follow-up number: 1 for the first e-mail, then 2, 3, ...';
comment on column public.outreach_emails.missing_email is 'The prospect has no known address (prospect_email is then null).';

comment on column public.outreach_emails.campaign_id is 'Campaign; (client_id, campaign_id) references outreach_campaigns (client_id, id).';
comment on column public.outreach_emails.prospect_id is 'Target prospect (prospect_candidates.id), when known.';
comment on column public.outreach_emails.prospect_email is 'Recipient address (null only when missing_email).';
comment on column public.outreach_emails.prospect_name is 'Recipient name.';
comment on column public.outreach_emails.company_name is 'Recipient''s company.';
comment on column public.outreach_emails.website is 'Recipient''s company website.';
comment on column public.outreach_emails.template_id is 'Template used (email_templates.id).';
comment on column public.outreach_emails.subject is 'Subject line.';
comment on column public.outreach_emails.sent_at is 'When sent.';
comment on column public.outreach_emails.opened_at is 'When first opened.';
comment on column public.outreach_emails.replied_at is 'When replied.';
comment on column public.outreach_emails.sender_email is 'Sending address.';
comment on column public.outreach_emails.metadata is 'JSONB tracking details.';

create trigger outreach_emails_set_updated_at
  before update on public.outreach_emails
  for each row execute function private.tg__set_updated_at();

create table public.outreach_tracking (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  email_id uuid not null,
  prospect_id uuid references public.prospect_candidates (id) on delete set null,
  campaign_id uuid,
  action text not null,
  "timestamp" timestamptz not null default now(),
  metadata jsonb not null default '{}',
  constraint outreach_tracking_email_fkey foreign key (client_id, email_id)
    references public.outreach_emails (client_id, id) on delete cascade,
  constraint outreach_tracking_campaign_fkey foreign key (client_id, campaign_id)
    references public.outreach_campaigns (client_id, id) on delete cascade,
  constraint outreach_tracking_action_check check (action in (
    'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed')),
  constraint outreach_tracking_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index outreach_tracking_client_id_email_id_timestamp_idx
  on public.outreach_tracking (client_id, email_id, "timestamp" desc);
create index outreach_tracking_client_id_campaign_id_timestamp_idx
  on public.outreach_tracking (client_id, campaign_id, "timestamp" desc);
create index outreach_tracking_prospect_id_idx on public.outreach_tracking (prospect_id);

comment on table public.outreach_tracking is
  'Tenant-owned (through its e-mail): engagement events per outreach e-mail.';
comment on column public.outreach_tracking.action is 'sent, delivered, opened, clicked, replied, bounced or unsubscribed.';
comment on column public.outreach_tracking."timestamp" is 'When the event happened.';

comment on column public.outreach_tracking.client_id is 'Owning client; part of the keys to the e-mail and the campaign.';
comment on column public.outreach_tracking.email_id is 'E-mail; (client_id, email_id) references outreach_emails (client_id, id).';
comment on column public.outreach_tracking.prospect_id is 'Prospect concerned (prospect_candidates.id).';
comment on column public.outreach_tracking.campaign_id is 'Campaign; (client_id, campaign_id) references outreach_campaigns (client_id, id).';
comment on column public.outreach_tracking.metadata is 'JSONB event details (link clicked, bounce reason, ...).';

create table public.outreach_metrics (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (client_id) on delete cascade,
  campaign_id uuid not null,
  total_emails_sent integer not null default 0,
  total_emails_delivered integer not null default 0,
  total_emails_opened integer not null default 0,
  total_emails_clicked integer not null default 0,
  total_emails_replied integer not null default 0,
  total_emails_bounced integer not null default 0,
  total_emails_unsubscribed integer not null default 0,
  open_rate numeric(5,2),
  click_rate numeric(5,2),
  reply_rate numeric(5,2),
  bounce_rate numeric(5,2),
  revenue_generated numeric(12,2) not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint outreach_metrics_campaign_unique unique (campaign_id),
  constraint outreach_metrics_campaign_fkey foreign key (client_id, campaign_id)
    references public.outreach_campaigns (client_id, id) on delete cascade,
  constraint outreach_metrics_totals_check check (
    total_emails_sent >= 0 and total_emails_delivered >= 0 and total_emails_opened >= 0
    and total_emails_clicked >= 0 and total_emails_replied >= 0 and total_emails_bounced >= 0
    and total_emails_unsubscribed >= 0),
  constraint outreach_metrics_rates_check check (
    open_rate between 0 and 100 and click_rate between 0 and 100
    and reply_rate between 0 and 100 and bounce_rate between 0 and 100),
  constraint outreach_metrics_revenue_generated_check check (revenue_generated >= 0)
);
create index outreach_metrics_client_id_campaign_id_idx on public.outreach_metrics (client_id, campaign_id);

comment on table public.outreach_metrics is
  'Tenant-owned (through its campaign): aggregated performance, one row per campaign (UPSERT on campaign_id).';
comment on column public.outreach_metrics.open_rate is 'Open percentage, 0-100.';
comment on column public.outreach_metrics.click_rate is 'Click percentage, 0-100.';
comment on column public.outreach_metrics.reply_rate is 'Reply percentage, 0-100.';
comment on column public.outreach_metrics.bounce_rate is 'Bounce percentage, 0-100.';
comment on column public.outreach_metrics.revenue_generated is 'Revenue attributed to the campaign, in USD.';

comment on column public.outreach_metrics.client_id is 'Owning client; part of the key to the campaign.';
comment on column public.outreach_metrics.campaign_id is 'Campaign measured (one row each).';
comment on column public.outreach_metrics.total_emails_sent is 'E-mails sent.';
comment on column public.outreach_metrics.total_emails_delivered is 'E-mails delivered.';
comment on column public.outreach_metrics.total_emails_opened is 'E-mails opened.';
comment on column public.outreach_metrics.total_emails_clicked is 'E-mails with a link clicked.';
comment on column public.outreach_metrics.total_emails_replied is 'Replies received.';
comment on column public.outreach_metrics.total_emails_bounced is 'Bounced e-mails.';
comment on column public.outreach_metrics.total_emails_unsubscribed is 'Unsubscribes.';

create trigger outreach_metrics_set_updated_at
  before update on public.outreach_metrics
  for each row execute function private.tg__set_updated_at();

alter table public.email_templates enable row level security;
alter table public.email_templates force row level security;
alter table public.outreach_campaigns enable row level security;
alter table public.outreach_campaigns force row level security;
alter table public.outreach_emails enable row level security;
alter table public.outreach_emails force row level security;
alter table public.outreach_tracking enable row level security;
alter table public.outreach_tracking force row level security;
alter table public.outreach_metrics enable row level security;
alter table public.outreach_metrics force row level security;

revoke all on table public.email_templates, public.outreach_campaigns, public.outreach_emails,
  public.outreach_tracking, public.outreach_metrics from anon, authenticated;
grant select on table public.email_templates, public.outreach_campaigns, public.outreach_emails,
  public.outreach_tracking, public.outreach_metrics to authenticated;
-- A client may rename or pause its own campaigns; everything else is the outreach engine's.
grant update (name, status) on table public.outreach_campaigns to authenticated;
grant select, insert, update, delete on table public.email_templates, public.outreach_campaigns,
  public.outreach_emails, public.outreach_tracking, public.outreach_metrics to service_role;
