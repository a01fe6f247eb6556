-- How many leads each client address has sent with a client's public form key lately: a form key
-- leaks by design (it is in a web page), so what it can do is bounded per address, 20 accepted leads
-- per 10 minutes (private.claim_form_budget). Server-side calls with the secret API key are not counted.
-- Private: written only by security-definer lead capture; service_role reads it for support.
create table private.form_submission_budget (
  client_id uuid not null references public.clients (client_id) on delete cascade,
  client_address text not null,
  window_start timestamptz not null default now(),
  accepted integer not null default 0,
  refused bigint not null default 0,
  primary key (client_id, client_address),
  constraint form_submission_budget_client_address_check check (char_length(client_address) between 1 and 64),
  constraint form_submission_budget_counts_check check (accepted >= 0 and refused >= 0)
);
-- Pruning: budgets whose window ended long ago (private.purge_integration_logs, from pg_cron).
create index form_submission_budget_window_start_idx on private.form_submission_budget (window_start);

comment on table private.form_submission_budget is
  'Leads submitted with a client''s form key per client address in the current 10-minute window: accepted '
  '(at most 20) and refused over the limit (429).';
comment on column private.form_submission_budget.client_address is
  'The caller''s address (first X-Forwarded-For entry, else X-Real-IP, else unknown).';
comment on column private.form_submission_budget.accepted is 'Form-key submissions let through in this window.';
comment on column private.form_submission_budget.refused is 'Form-key submissions refused with 429 (all time, until pruned).';

alter table private.form_submission_budget enable row level security;
alter table private.form_submission_budget force row level security;
revoke all on table private.form_submission_budget from public, anon, authenticated;
grant select on table private.form_submission_budget to service_role;
