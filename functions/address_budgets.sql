-- The one rule that bounds what a client address may make a stranger's call do (the table is
-- db/address_budgets.sql): a fixed window per (scope, subject, address) with a limit per scope,
-- counted exactly under the row's lock. Every per-address budget of the project is a scope here:
--
--   scope                       per window   what it bounds
--   rejected_call_log           20 / 10 min  rejected calls logged in integration_logs, per (address, key prefix)
--   rejected_call_log_address  100 / 10 min  the same, per address whatever the key
--   form_submission             20 / 10 min  leads sent with a client's public form key, per (address, client)
--   tracking                   120 / 1 min   open pixel, click redirect and one-click unsubscribe calls, per address
--
-- The tracking limit is per address and generous because mail-privacy proxies (Google's image
-- proxy, Apple MPP) fetch the pixels of many readers from few addresses: a refused pixel is only an
-- open not counted, a refused click or unsubscribe is answered 429 with Retry-After and retried.

create or replace function private.address_budget_limit(scope text, out per_window integer, out window_length interval)
language sql
immutable
parallel safe
set search_path = ''
as $$
  select l.per_window, l.window_length
    from (values ('rejected_call_log', 20, interval '10 minutes'),
                 ('rejected_call_log_address', 100, interval '10 minutes'),
                 ('form_submission', 20, interval '10 minutes'),
                 ('tracking', 120, interval '1 minute')) as l (scope, per_window, window_length)
   where l.scope = address_budget_limit.scope
$$;
comment on function private.address_budget_limit(text) is
  'The limit of each per-address budget scope (calls per window): rejected_call_log 20 / 10 min, '
  'rejected_call_log_address 100 / 10 min, form_submission 20 / 10 min, tracking 120 / 1 min; null for an unknown scope.';
revoke execute on function private.address_budget_limit(text) from public;

create or replace function private.claim_address_budget(scope text, subject text, client_address text)
returns timestamptz
language plpgsql
volatile
set search_path = ''
as $$
declare
  per_window integer;
  window_length interval;
  key_subject text := pg_catalog.left(coalesce(claim_address_budget.subject, ''), 40);
  address text := pg_catalog.left(coalesce(nullif(claim_address_budget.client_address, ''), 'unknown'), 64);
  budget private.address_budgets;
begin
  select l.per_window, l.window_length into per_window, window_length
    from private.address_budget_limit(claim_address_budget.scope) l;
  if per_window is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('unknown address budget scope %L', pg_catalog.left(scope, 40)),
      hint = 'Use a scope of private.address_budget_limit.';
  end if;
  -- The row lock serialises one address's calls of one scope and subject: the count is exact.
  insert into private.address_budgets as b (scope, subject, client_address)
  values (claim_address_budget.scope, key_subject, address)
  on conflict on constraint address_budgets_pkey do update set scope = excluded.scope
  returning b.* into budget;
  if budget.window_start < pg_catalog.now() - window_length then
    budget.window_start := pg_catalog.now();
    budget.used := 0;
  end if;
  update private.address_budgets b
     set window_start = budget.window_start,
         used = budget.used + case when budget.used < per_window then 1 else 0 end,
         refused = budget.refused + case when budget.used < per_window then 0 else 1 end
   where b.scope = claim_address_budget.scope and b.subject = key_subject and b.client_address = address;
  return case when budget.used < per_window then null
              else budget.window_start + window_length end;
end
$$;
comment on function private.claim_address_budget(text, text, text) is
  'Take one call of a client address''s budget in a scope (and subject: a key prefix, a client id, or empty): null '
  'when it is let through, else when the window ends (the call is counted as refused). Limits: address_budget_limit.';
revoke execute on function private.claim_address_budget(text, text, text) from public;

create or replace function private.set_retry_after(retry_at timestamptz)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  -- Retry-After in whole seconds (at least 1), as HTTP wants it, for the answer of this request.
  perform pg_catalog.set_config('response.headers', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'Retry-After', greatest(1, pg_catalog.ceil(extract(epoch from retry_at - pg_catalog.now())))::bigint::text))::text,
    true);
end
$$;
comment on function private.set_retry_after(timestamptz) is
  'Set the Retry-After header of this request''s answer to the whole seconds until retry_at (at least 1).';
revoke execute on function private.set_retry_after(timestamptz) from public;
