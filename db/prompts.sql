-- Prompt management: variants, executions, A/B tests and evolution. Global (Avenir's own
-- prompts), except prompt_performance, which may name the client an execution served.

create table public.prompt_registry (
  id uuid primary key default gen_random_uuid(),
  prompt_name text not null,
  variant_version integer not null,
  variant_id text not null,
  prompt_text text not null,
  language text not null default 'en',
  score numeric(4,3) not null default 0,
  usage_count integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint prompt_registry_variant_id_key unique (variant_id),
  constraint prompt_registry_prompt_name_variant_version_language_key unique (prompt_name, variant_version, language),
  -- Lets an A/B test require both of its variants to belong to the prompt it tests.
  constraint prompt_registry_prompt_name_variant_id_key unique (prompt_name, variant_id),
  constraint prompt_registry_prompt_name_check check (btrim(prompt_name) <> '' and char_length(prompt_name) <= 100),
  constraint prompt_registry_variant_version_check check (variant_version > 0),
  constraint prompt_registry_variant_id_check check (btrim(variant_id) <> '' and char_length(variant_id) <= 200),
  constraint prompt_registry_prompt_text_check check (btrim(prompt_text) <> ''),
  constraint prompt_registry_language_check check (language in ('en', 'fr')),
  constraint prompt_registry_score_check check (score between 0 and 1),
  constraint prompt_registry_usage_count_check check (usage_count >= 0)
);
-- Choosing the best active variant of a prompt in a language.
create index prompt_registry_prompt_name_language_score_idx
  on public.prompt_registry (prompt_name, language, score desc) where is_active;

comment on table public.prompt_registry is
  'Global: every AI prompt variant with its performance score; the source of A/B tests and prompt evolution.';
comment on column public.prompt_registry.prompt_name is 'Prompt identifier (e.g. lead_enrichment).';
comment on column public.prompt_registry.variant_version is 'Version number of the variant, from 1.';
comment on column public.prompt_registry.variant_id is 'Unique variant identifier (e.g. lead_enrichment.v2.fr).';
comment on column public.prompt_registry.score is 'Performance score, 0-1.';
comment on column public.prompt_registry.usage_count is 'How many times the variant was used.';
comment on column public.prompt_registry.is_active is 'Whether the variant may be selected.';

comment on column public.prompt_registry.prompt_text is 'The prompt''s content.';
comment on column public.prompt_registry.language is 'Prompt language: en or fr.';

create trigger prompt_registry_set_updated_at
  before update on public.prompt_registry
  for each row execute function private.tg__set_updated_at();

create table public.prompt_performance (
  id uuid primary key default gen_random_uuid(),
  prompt_registry_id uuid not null references public.prompt_registry (id) on delete cascade,
  execution_id text not null,
  client_id uuid references public.clients (client_id) on delete cascade,
  input_data jsonb not null default '{}',
  output_data jsonb not null default '{}',
  output_quality_score numeric(4,3),
  response_time_ms integer,
  token_count integer,
  cost_usd numeric(12,6),
  accuracy_score numeric(4,3),
  consistency_score numeric(4,3),
  completeness_score numeric(4,3),
  error_occurred boolean not null default false,
  error_message text,
  feedback_id uuid references public.feedback_tracking (id) on delete set null,
  user_rating smallint,
  executed_at timestamptz not null default now(),
  environment text not null default 'production',
  is_test boolean not null default false,
  constraint prompt_performance_execution_id_key unique (execution_id),
  constraint prompt_performance_output_quality_score_check check (output_quality_score between 0 and 1),
  constraint prompt_performance_response_time_ms_check check (response_time_ms >= 0),
  constraint prompt_performance_token_count_check check (token_count >= 0),
  constraint prompt_performance_cost_usd_check check (cost_usd >= 0),
  constraint prompt_performance_accuracy_score_check check (accuracy_score between 0 and 1),
  constraint prompt_performance_consistency_score_check check (consistency_score between 0 and 1),
  constraint prompt_performance_completeness_score_check check (completeness_score between 0 and 1),
  constraint prompt_performance_user_rating_check check (user_rating between 1 and 5),
  constraint prompt_performance_environment_check check (environment in ('production', 'staging', 'test'))
);
create index prompt_performance_prompt_registry_id_executed_at_idx
  on public.prompt_performance (prompt_registry_id, executed_at desc);
create index prompt_performance_client_id_executed_at_idx on public.prompt_performance (client_id, executed_at desc);
create index prompt_performance_feedback_id_idx on public.prompt_performance (feedback_id);

comment on table public.prompt_performance is
  'Optionally tenant-scoped (client_id nullable): the result of each prompt execution: quality, tokens, cost, rating.';
comment on column public.prompt_performance.prompt_registry_id is 'Variant executed (prompt_registry.id).';
comment on column public.prompt_performance.execution_id is 'Unique execution identifier (idempotent logging).';
comment on column public.prompt_performance.client_id is 'Client the execution served (optional).';
comment on column public.prompt_performance.output_quality_score is 'Quality rating, 0.000-1.000.';
comment on column public.prompt_performance.consistency_score is 'Format compliance, 0-1.';
comment on column public.prompt_performance.completeness_score is 'Completeness, 0-1.';
comment on column public.prompt_performance.feedback_id is 'Feedback row that judged this execution (optional).';
comment on column public.prompt_performance.user_rating is 'User rating 1-5 (optional).';
comment on column public.prompt_performance.environment is 'production, staging or test.';
comment on column public.prompt_performance.is_test is 'Test execution (set automatically for an is_test client).';

comment on column public.prompt_performance.input_data is 'JSONB input given to the prompt.';
comment on column public.prompt_performance.output_data is 'JSONB output of the prompt.';
comment on column public.prompt_performance.response_time_ms is 'Execution time in milliseconds.';
comment on column public.prompt_performance.token_count is 'Tokens used.';
comment on column public.prompt_performance.cost_usd is 'Cost in USD.';
comment on column public.prompt_performance.accuracy_score is 'Accuracy rating, 0-1.';
comment on column public.prompt_performance.error_occurred is 'Whether the execution failed.';
comment on column public.prompt_performance.error_message is 'Error details when error_occurred.';
comment on column public.prompt_performance.executed_at is 'When the prompt ran.';

create trigger prompt_performance_inherit_is_test
  before insert on public.prompt_performance
  for each row execute function private.tg__inherit_is_test();

create table public.prompt_ab_tests (
  id uuid primary key default gen_random_uuid(),
  test_name text not null,
  prompt_name text not null,
  control_variant_id text not null,
  treatment_variant_id text not null,
  control_traffic_percentage numeric(5,2) not null default 50,
  treatment_traffic_percentage numeric(5,2) not null default 50,
  min_sample_size integer not null default 100,
  max_duration_days integer not null default 7,
  significance_level numeric(4,3) not null default 0.05,
  status text not null default 'draft',
  control_metrics jsonb not null default '{}',
  treatment_metrics jsonb not null default '{}',
  statistical_significance numeric(6,5),
  winner_variant_id text,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint prompt_ab_tests_test_name_key unique (test_name),
  constraint prompt_ab_tests_control_variant_fkey foreign key (prompt_name, control_variant_id)
    references public.prompt_registry (prompt_name, variant_id) on update cascade,
  constraint prompt_ab_tests_treatment_variant_fkey foreign key (prompt_name, treatment_variant_id)
    references public.prompt_registry (prompt_name, variant_id) on update cascade,
  constraint prompt_ab_tests_winner_variant_fkey foreign key (prompt_name, winner_variant_id)
    references public.prompt_registry (prompt_name, variant_id) on update cascade,
  constraint prompt_ab_tests_distinct_variants_check check (control_variant_id <> treatment_variant_id),
  constraint prompt_ab_tests_winner_check check (winner_variant_id in (control_variant_id, treatment_variant_id)),
  constraint prompt_ab_tests_traffic_range_check
    check (control_traffic_percentage between 0 and 100 and treatment_traffic_percentage between 0 and 100),
  constraint prompt_ab_tests_traffic_split_check
    check (control_traffic_percentage + treatment_traffic_percentage = 100),
  constraint prompt_ab_tests_min_sample_size_check check (min_sample_size > 0),
  constraint prompt_ab_tests_max_duration_days_check check (max_duration_days > 0),
  constraint prompt_ab_tests_significance_level_check check (significance_level > 0 and significance_level < 1),
  constraint prompt_ab_tests_status_check check (status in ('draft', 'running', 'completed', 'cancelled')),
  constraint prompt_ab_tests_statistical_significance_check check (statistical_significance between 0 and 1),
  constraint prompt_ab_tests_metrics_check
    check (jsonb_typeof(control_metrics) = 'object' and jsonb_typeof(treatment_metrics) = 'object')
);
create index prompt_ab_tests_prompt_name_control_variant_id_idx on public.prompt_ab_tests (prompt_name, control_variant_id);
create index prompt_ab_tests_prompt_name_treatment_variant_id_idx
  on public.prompt_ab_tests (prompt_name, treatment_variant_id);
create index prompt_ab_tests_prompt_name_winner_variant_id_idx on public.prompt_ab_tests (prompt_name, winner_variant_id);
-- At most one running test per prompt: two would split the same traffic twice.
create unique index prompt_ab_tests_prompt_name_running_idx on public.prompt_ab_tests (prompt_name)
  where status = 'running';

comment on table public.prompt_ab_tests is
  'Global: A/B tests between two variants of one prompt; concluded with a winner at min_sample_size and significance_level.';
comment on column public.prompt_ab_tests.control_variant_id is 'Control variant (prompt_registry.variant_id of the same prompt).';
comment on column public.prompt_ab_tests.treatment_variant_id is 'Treatment variant (prompt_registry.variant_id of the same prompt).';
comment on column public.prompt_ab_tests.control_traffic_percentage is 'Share of traffic to the control, 0-100; sums to 100 with the treatment.';
comment on column public.prompt_ab_tests.treatment_traffic_percentage is 'Share of traffic to the treatment, 0-100.';
comment on column public.prompt_ab_tests.min_sample_size is 'Samples needed before concluding (default 100).';
comment on column public.prompt_ab_tests.max_duration_days is 'Maximum duration in days (default 7).';
comment on column public.prompt_ab_tests.significance_level is 'Significance threshold alpha (default 0.05).';
comment on column public.prompt_ab_tests.status is 'draft, running, completed or cancelled.';
comment on column public.prompt_ab_tests.statistical_significance is 'Observed p-value.';
comment on column public.prompt_ab_tests.winner_variant_id is 'Winning variant (the control or the treatment).';

comment on column public.prompt_ab_tests.test_name is 'Unique test identifier.';
comment on column public.prompt_ab_tests.prompt_name is 'Prompt under test (prompt_registry.prompt_name).';
comment on column public.prompt_ab_tests.control_metrics is 'JSONB results of the control group.';
comment on column public.prompt_ab_tests.treatment_metrics is 'JSONB results of the treatment group.';
comment on column public.prompt_ab_tests.started_at is 'When the test started running (max_duration_days counts from here).';
comment on column public.prompt_ab_tests.completed_at is 'When the test completed or was cancelled.';

create trigger prompt_ab_tests_set_updated_at
  before update on public.prompt_ab_tests
  for each row execute function private.tg__set_updated_at();

create table public.prompt_evolution (
  id uuid primary key default gen_random_uuid(),
  parent_prompt_id uuid not null references public.prompt_registry (id) on delete cascade,
  child_prompt_id uuid not null references public.prompt_registry (id) on delete cascade,
  evolution_type text not null,
  evolution_strategy text,
  parent_performance jsonb not null default '{}',
  child_performance jsonb not null default '{}',
  improvement_score numeric(4,3),
  feedback_data jsonb not null default '{}',
  optimization_goals text[] not null default '{}',
  evolved_at timestamptz not null default now(),
  evolution_algorithm text,
  constraint prompt_evolution_parent_child_key unique (parent_prompt_id, child_prompt_id),
  constraint prompt_evolution_distinct_check check (parent_prompt_id <> child_prompt_id),
  constraint prompt_evolution_evolution_type_check
    check (evolution_type in ('mutation', 'crossover', 'optimization', 'manual_edit')),
  constraint prompt_evolution_improvement_score_check check (improvement_score between 0 and 1)
);
create index prompt_evolution_child_prompt_id_idx on public.prompt_evolution (child_prompt_id);

comment on table public.prompt_evolution is
  'Global: parent -> child lineage of prompt variants (a crossover child has one row per parent).';
comment on column public.prompt_evolution.evolution_type is 'mutation, crossover, optimization or manual_edit.';
comment on column public.prompt_evolution.evolution_strategy is 'The specific strategy applied.';
comment on column public.prompt_evolution.improvement_score is 'Measured improvement, 0.000-1.000.';
comment on column public.prompt_evolution.feedback_data is 'JSONB feedback that led to the evolution.';
comment on column public.prompt_evolution.optimization_goals is 'Goals of the evolution (e.g. {accuracy, brevity}).';
comment on column public.prompt_evolution.evolution_algorithm is 'Algorithm used.';

comment on column public.prompt_evolution.parent_prompt_id is 'Original variant (prompt_registry.id).';
comment on column public.prompt_evolution.child_prompt_id is 'Evolved variant (prompt_registry.id).';
comment on column public.prompt_evolution.parent_performance is 'JSONB metrics of the parent.';
comment on column public.prompt_evolution.child_performance is 'JSONB metrics of the child.';
comment on column public.prompt_evolution.evolved_at is 'When the evolution happened.';

alter table public.prompt_registry enable row level security;
alter table public.prompt_registry force row level security;
alter table public.prompt_performance enable row level security;
alter table public.prompt_performance force row level security;
alter table public.prompt_ab_tests enable row level security;
alter table public.prompt_ab_tests force row level security;
alter table public.prompt_evolution enable row level security;
alter table public.prompt_evolution force row level security;

revoke all on table public.prompt_registry, public.prompt_performance, public.prompt_ab_tests, public.prompt_evolution
  from anon, authenticated;
-- A client may read the executions that served it; the prompts themselves stay Avenir's.
grant select on table public.prompt_performance to authenticated;
grant select, insert, update, delete
  on table public.prompt_registry, public.prompt_performance, public.prompt_ab_tests, public.prompt_evolution
  to service_role;
