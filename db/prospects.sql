-- Prospect discovery: Avenir's own prospecting data (global). service_role writes; an internal
-- client (clients.is_internal) reads.

create table public.prospect_candidates (
  id uuid primary key default gen_random_uuid(),
  business_name text not null,
  website text not null,
  contact_email text,
  industry text,
  region text,
  language text,
  form_url text,
  last_tested timestamptz,
  response_score numeric(5,2),
  automation_need_score integer,
  contacted boolean not null default false,
  metadata jsonb not null default '{}',
  embedding extensions.vector(1536),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint prospect_candidates_website_key unique (website),
  -- Stored lower-case so that one site cannot be imported twice under two spellings.
  constraint prospect_candidates_website_check check (website = lower(btrim(website)) and website <> ''),
  constraint prospect_candidates_business_name_check check (btrim(business_name) <> ''),
  constraint prospect_candidates_language_check check (language in ('en', 'fr')),
  constraint prospect_candidates_response_score_check check (response_score between 0 and 100),
  constraint prospect_candidates_automation_need_score_check check (automation_need_score between 45 and 95),
  constraint prospect_candidates_metadata_check check (jsonb_typeof(metadata) = 'object')
);
-- The daily queue: uncontacted prospects with the highest automation need first.
create index prospect_candidates_automation_need_score_idx
  on public.prospect_candidates (automation_need_score desc) where not contacted;
create index prospect_candidates_industry_idx on public.prospect_candidates (industry);
create index prospect_candidates_created_at_idx on public.prospect_candidates (created_at desc);
-- Similarity to Avenir's profile (match_prospects' HNSW path). m 24, ef_construction 400 (pgvector's
-- defaults 16 / 64 make a poorer graph: some queries lose all their neighbours, 6 in 100 at 200,000
-- with 16 / 200; change prospect_embedding_index), over the embedding cast to halfvec(1536): half
-- the index of the float4 vectors, a build 2.4x faster, the same recall@10 (change
-- prospect_embedding_halfvec); the column, the exact scan and the similarity returned stay float4.
-- Recall and speed against the exact scan: bench/prospects/RESULTS.md.
create index prospect_candidates_embedding_idx
  on public.prospect_candidates
  using hnsw ((embedding::extensions.halfvec(1536)) extensions.halfvec_cosine_ops)
  with (m = 24, ef_construction = 400);

comment on table public.prospect_candidates is
  'Global (Avenir''s prospecting): businesses discovered from PDL, Google, Apollo; feeds the daily prospect queue. '
  'service_role writes; internal clients read.';
comment on column public.prospect_candidates.website is 'Business website, lower-case; unique.';
comment on column public.prospect_candidates.region is 'Geographic region.';
comment on column public.prospect_candidates.language is 'Target language: en or fr.';
comment on column public.prospect_candidates.form_url is 'Contact form URL.';
comment on column public.prospect_candidates.last_tested is 'Last form test.';
comment on column public.prospect_candidates.response_score is 'Response quality score, 0-100.';
comment on column public.prospect_candidates.automation_need_score is 'AI-computed automation need, 45-95.';
comment on column public.prospect_candidates.contacted is 'Whether the prospect has been contacted.';
comment on column public.prospect_candidates.metadata is 'JSONB: discovery source, LinkedIn data, ...';
comment on column public.prospect_candidates.embedding is
  'Embedding of the prospect''s description (1536 dimensions), compared with avenir_profile_embeddings.';

comment on column public.prospect_candidates.business_name is 'Prospect''s business name.';
comment on column public.prospect_candidates.contact_email is 'Contact e-mail address.';
comment on column public.prospect_candidates.industry is 'Industry category (see prospect_industry_performance).';

create trigger prospect_candidates_set_updated_at
  before update on public.prospect_candidates
  for each row execute function private.tg__set_updated_at();

create table public.prospect_outreach_log (
  id uuid primary key default gen_random_uuid(),
  prospect_id uuid not null references public.prospect_candidates (id) on delete cascade,
  subject text,
  email_body text,
  sent_at timestamptz not null default now(),
  opened_at timestamptz,
  replied_at timestamptz,
  status text not null default 'sent',
  reply_content text,
  metadata jsonb not null default '{}',
  constraint prospect_outreach_log_status_check check (status in ('sent', 'opened', 'replied', 'bounced', 'ignored')),
  constraint prospect_outreach_log_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index prospect_outreach_log_prospect_id_sent_at_idx on public.prospect_outreach_log (prospect_id, sent_at desc);
create index prospect_outreach_log_sent_at_idx on public.prospect_outreach_log (sent_at desc);

comment on table public.prospect_outreach_log is
  'Global (Avenir''s prospecting): every outreach e-mail sent to a prospect and its engagement.';
comment on column public.prospect_outreach_log.status is 'sent, opened, replied, bounced or ignored.';
comment on column public.prospect_outreach_log.reply_content is 'The prospect''s reply.';
comment on column public.prospect_outreach_log.metadata is 'JSONB campaign information.';

comment on column public.prospect_outreach_log.prospect_id is 'Prospect contacted (prospect_candidates.id).';
comment on column public.prospect_outreach_log.subject is 'E-mail subject line.';
comment on column public.prospect_outreach_log.email_body is 'E-mail content.';
comment on column public.prospect_outreach_log.sent_at is 'When the e-mail was sent.';
comment on column public.prospect_outreach_log.opened_at is 'When it was opened.';
comment on column public.prospect_outreach_log.replied_at is 'When the prospect replied.';

create table public.prospect_industry_performance (
  id uuid primary key default gen_random_uuid(),
  industry text not null,
  total_contacted integer not null default 0,
  total_opened integer not null default 0,
  total_replied integer not null default 0,
  open_rate numeric(5,2),
  reply_rate numeric(5,2),
  avg_response_time_hours numeric(8,2),
  priority_score numeric(5,2),
  last_updated timestamptz not null default now(),
  constraint prospect_industry_performance_industry_key unique (industry),
  constraint prospect_industry_performance_totals_check
    check (total_contacted >= 0 and total_opened between 0 and total_contacted and total_replied between 0 and total_contacted),
  constraint prospect_industry_performance_open_rate_check check (open_rate between 0 and 100),
  constraint prospect_industry_performance_reply_rate_check check (reply_rate between 0 and 100),
  constraint prospect_industry_performance_avg_response_time_hours_check check (avg_response_time_hours >= 0),
  constraint prospect_industry_performance_priority_score_check check (priority_score between 0 and 100)
);

comment on table public.prospect_industry_performance is
  'Global (Avenir''s prospecting): outreach performance per industry (one row each), for targeting.';
comment on column public.prospect_industry_performance.open_rate is 'Open percentage, 0-100.';
comment on column public.prospect_industry_performance.reply_rate is 'Reply percentage, 0-100.';
comment on column public.prospect_industry_performance.avg_response_time_hours is 'Average time to reply, in hours.';
comment on column public.prospect_industry_performance.priority_score is 'Industry priority, 0-100.';
comment on column public.prospect_industry_performance.last_updated is 'Last recalculation.';

comment on column public.prospect_industry_performance.industry is 'Industry name (unique).';
comment on column public.prospect_industry_performance.total_contacted is 'Prospects contacted in the industry.';
comment on column public.prospect_industry_performance.total_opened is 'Outreach e-mails opened.';
comment on column public.prospect_industry_performance.total_replied is 'Replies received.';

create table public.prospect_form_tests (
  id uuid primary key default gen_random_uuid(),
  prospect_id uuid not null references public.prospect_candidates (id) on delete cascade,
  test_submitted_at timestamptz not null default now(),
  response_received_at timestamptz,
  response_time_minutes numeric(10,2),
  has_autoresponder boolean not null default false,
  autoresponder_tone text,
  autoresponder_content text,
  score integer,
  test_status text not null default 'pending',
  metadata jsonb not null default '{}',
  constraint prospect_form_tests_response_time_minutes_check check (response_time_minutes >= 0),
  constraint prospect_form_tests_autoresponder_tone_check
    check (autoresponder_tone in ('robotic', 'human', 'personalized', 'none')),
  constraint prospect_form_tests_score_check check (score between 0 and 100),
  constraint prospect_form_tests_test_status_check check (test_status in ('pending', 'completed', 'failed', 'timeout')),
  constraint prospect_form_tests_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index prospect_form_tests_prospect_id_test_submitted_at_idx
  on public.prospect_form_tests (prospect_id, test_submitted_at desc);
-- Tests still waiting for a response (timeout sweep).
create index prospect_form_tests_test_submitted_at_idx on public.prospect_form_tests (test_submitted_at)
  where test_status = 'pending';

comment on table public.prospect_form_tests is
  'Global (Avenir''s prospecting): automated tests of prospects'' contact forms and their autoresponders.';
comment on column public.prospect_form_tests.response_time_minutes is 'Delay before the response, in minutes.';
comment on column public.prospect_form_tests.autoresponder_tone is 'robotic, human, personalized or none.';
comment on column public.prospect_form_tests.score is 'Quality score, 0-100.';
comment on column public.prospect_form_tests.test_status is 'pending, completed, failed or timeout.';

comment on column public.prospect_form_tests.prospect_id is 'Prospect whose form was tested (prospect_candidates.id).';
comment on column public.prospect_form_tests.test_submitted_at is 'When the test submission was sent.';
comment on column public.prospect_form_tests.response_received_at is 'When a response arrived.';
comment on column public.prospect_form_tests.has_autoresponder is 'Whether the form answered automatically.';
comment on column public.prospect_form_tests.autoresponder_content is 'The autoresponder''s message.';
comment on column public.prospect_form_tests.metadata is 'JSONB test details.';

alter table public.prospect_candidates enable row level security;
alter table public.prospect_candidates force row level security;
alter table public.prospect_outreach_log enable row level security;
alter table public.prospect_outreach_log force row level security;
alter table public.prospect_industry_performance enable row level security;
alter table public.prospect_industry_performance force row level security;
alter table public.prospect_form_tests enable row level security;
alter table public.prospect_form_tests force row level security;

revoke all on table public.prospect_candidates, public.prospect_outreach_log, public.prospect_industry_performance,
  public.prospect_form_tests from anon, authenticated;
-- Readable by authenticated only through the internal-client policy.
grant select on table public.prospect_candidates, public.prospect_outreach_log, public.prospect_industry_performance,
  public.prospect_form_tests to authenticated;
grant select, insert, update, delete on table public.prospect_candidates, public.prospect_outreach_log,
  public.prospect_industry_performance, public.prospect_form_tests to service_role;
