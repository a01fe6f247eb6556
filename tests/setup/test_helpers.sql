-- Installed by the test run only (never by the migrations): pgTAP and the persona helper.
create schema if not exists tests;
create extension if not exists pgtap with schema tests;
-- The PL/pgSQL checker the lints run over every function (Debian postgresql-15-plpgsql-check).
create extension if not exists plpgsql_check with schema tests;

-- pgTAP must keep working after a test switches to anon/authenticated.
grant usage on schema tests to public;
grant execute on all functions in schema tests to public;

create or replace function tests.authenticate_as(role text, claims jsonb default '{}')
returns void
language plpgsql
as $$
begin
  -- Transaction-local, like the gateway's own set_config round for a request.
  perform set_config('request.jwt.claims', (jsonb_build_object('role', role) || claims)::text, true);
  perform set_config('role', role, true);
end
$$;
comment on function tests.authenticate_as(text, jsonb) is
  'Act as an API persona (role + JWT claims) until the end of the current transaction.';

create or replace function tests.clear_authentication()
returns void
language plpgsql
as $$
begin
  perform set_config('request.jwt.claims', '', true);
  perform set_config('role', 'none', true);
end
$$;
comment on function tests.clear_authentication() is 'Back to the session user (the test superuser).';

create or replace function tests.affected_rows_of(statement text) returns integer
language plpgsql as $$
declare
  n integer;
begin
  execute statement;
  get diagnostics n = row_count;
  return n;
end
$$;
comment on function tests.affected_rows_of(text) is
  'Run one statement and return how many rows it touched (RLS hides rows without an error).';

create or replace function tests.tenant_check_pattern() returns text
language sql immutable as $$
  -- How PostgreSQL prints a policy's client_id = ((select auth.jwt()) ->> 'client_id')::uuid.
  select 'client_id = \(\(\(\s*SELECT auth\.jwt\(\) AS jwt\) ->> ''client_id''::text\)\)::uuid'
$$;
comment on function tests.tenant_check_pattern() is
  'Regular expression of the tenant check of a policy (pg_policies.qual / with_check), for the lints.';

grant execute on all functions in schema tests to public;

create or replace function tests.start_from_empty_tables()
returns void
language sql
as $$
  -- Tests over HTTP and real worker processes commit rows; a persona file that counts "every row"
  -- starts from empty tables instead. Inside the file's transaction, so its rollback restores them.
  truncate public.clients, public.queue_jobs, public.prompt_registry, public.feedback_tracking,
           public.performance_metrics, public.prompt_performance, public.integration_logs,
           public.prospect_candidates, public.email_templates, public.avenir_profile_embeddings cascade;
$$;
comment on function tests.start_from_empty_tables() is
  'Empty the tenant and queue tables for the current transaction only (rolled back with it).';

create or replace function tests.plan_nodes(statement text)
returns table (node_type text, index_name text)
language plpgsql as $$
declare
  plan jsonb;
begin
  -- Every node of the statement's plan (EXPLAIN, not run), depth first: its type and its index.
  execute 'explain (format json) ' || statement into plan;
  return query
    with recursive node(n) as (
      select plan -> 0 -> 'Plan'
      union all
      select child from node, jsonb_array_elements(coalesce(node.n -> 'Plans', '[]')) as child
    )
    select n ->> 'Node Type', n ->> 'Index Name' from node;
end
$$;
comment on function tests.plan_nodes(text) is
  'The node types (and index names) of a statement''s plan, to assert an index read with no sort.';
grant execute on function tests.plan_nodes(text) to public;

create or replace function tests.plpgsql_findings()
returns table (fn text, level text, message text, lineno integer, detail text)
language sql as $$
  -- plpgsql_check over every PL/pgSQL function of the product (a trigger function with a table it
  -- fires on), with its extra, other and performance warnings.
  select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
         r.level, r.message, r.lineno, r.detail
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    join pg_language l on l.oid = p.prolang,
         lateral tests.plpgsql_check_function_tb(
           p.oid, coalesce((select t.tgrelid from pg_trigger t where t.tgfoid = p.oid order by t.oid limit 1), 0),
           fatal_errors => false, other_warnings => true, performance_warnings => true,
           extra_warnings => true) r
   where l.lanname = 'plpgsql' and n.nspname in ('public', 'private')
$$;
comment on function tests.plpgsql_findings() is
  'Every plpgsql_check finding (error, warning, performance) on the PL/pgSQL functions of public and private.';
