-- The one lock of each periodic task (pg_cron avenir-<task>): a run that finds it taken skips.

create or replace function private.try_task_lock(task text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  -- Transaction-level: released at commit, so a slow run is never overlapped by the next one.
  select pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtext('avenir-task'), pg_catalog.hashtext(task))
$$;
comment on function private.try_task_lock(text) is
  'Take the transaction-level advisory lock of a periodic task (avenir-<task>); false when a run already holds it.';
revoke execute on function private.try_task_lock(text) from public;
grant execute on function private.try_task_lock(text) to service_role;
