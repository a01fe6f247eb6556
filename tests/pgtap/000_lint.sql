-- Splinter-style catalogue lints: each query lists offenders and must return no rows.
begin;
select plan(14);

select is_empty($$
  select c.oid::regclass::text
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
$$, 'every table in the exposed schema has row-level security enabled');

select is_empty($$
  select c.oid::regclass::text
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relforcerowsecurity
$$, 'every table in the exposed schema forces row-level security (its owner too)');

select is_empty($$
  select schemaname || '.' || tablename || ' ' || policyname
  from pg_policies
  where schemaname in ('public', 'private') and 'service_role' = any (roles)
$$, 'no policy for service_role: it bypasses RLS, such a policy is dead');

select is_empty($$
  select schemaname || '.' || tablename || ' ' || policyname
  from pg_policies
  where schemaname in ('public', 'private') and roles && array['public', 'anon', 'authenticated']::name[]
    and cmd <> 'SELECT' and coalesce(qual, 'true') = 'true' and coalesce(with_check, 'true') = 'true'
$$, 'no always-true write policy for anon or authenticated');

select is_empty($$
  select p.schemaname || '.' || p.tablename || ' ' || p.policyname
  from pg_policies p
  join pg_attribute a on a.attrelid = format('%I.%I', p.schemaname, p.tablename)::regclass
                     and a.attname = 'client_id' and not a.attisdropped
  where p.schemaname = 'public' and p.roles && array['public', 'anon', 'authenticated']::name[]
    and not (coalesce(p.qual, '') ~ tests.tenant_check_pattern()
             and coalesce(p.with_check, p.qual) ~ tests.tenant_check_pattern()
             or p.cmd = 'INSERT' and p.with_check ~ tests.tenant_check_pattern())
$$, 'every API policy on a table with client_id compares client_id with the JWT''s client_id claim');

select is_empty($$
  select c.oid::regclass::text
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attname = 'client_id' and not a.attisdropped
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and has_table_privilege('authenticated', c.oid, 'select, insert, update, delete')
    and not exists (select from pg_policies p
                    where p.schemaname = 'public' and p.tablename = c.relname
                      and 'authenticated' = any (p.roles)
                      and coalesce(p.qual, p.with_check) ~ tests.tenant_check_pattern())
$$, 'every tenant table (client_id, granted to authenticated) has a tenant policy for authenticated');

select is_empty($$
  select p.oid::regprocedure::text
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where p.prosecdef
    and n.nspname not in ('pg_catalog', 'information_schema')
    and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    and not exists (select from unnest(p.proconfig) as cfg where cfg like 'search_path=%')
$$, 'every security-definer function fixes its search_path');

select is_empty($$
  select n.nspname || '.' || p.proname
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where p.prosecdef and n.nspname = 'public'
    and exists (select from unnest(p.proconfig) as cfg where cfg like 'search_path=%'
                and cfg not in ('search_path=""', 'search_path='))
$$, 'security-definer functions in public run with search_path = ''''');

select is_empty($$
  select con.conrelid::regclass::text || ' ' || con.conname
  from pg_constraint con join pg_namespace n on n.oid = con.connamespace
  where con.contype = 'f' and n.nspname in ('public', 'private')
    and not exists (
      select from pg_index i
      where i.indrelid = con.conrelid
        and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
        and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey)
$$, 'every foreign key has an index leading with its columns');

select is_empty($$
  select c.oid::regclass::text
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'private') and c.relkind in ('r', 'p')
    and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')
$$, 'every table has a primary key');

select is_empty($$
  select schemaname || '.' || tablename || ' ' || policyname
  from pg_policies
  where schemaname in ('public', 'private')
    and (coalesce(qual, '') || ' ' || coalesce(with_check, ''))
        ~ '(?<!SELECT )(auth\.(jwt|uid|role)|current_setting)\('
$$, 'policies read claims once per statement: (select auth.jwt()), never a per-row call');

select is_empty($$
  select a.indexrelid::regclass::text || ' = ' || b.indexrelid::regclass::text
  from pg_index a join pg_index b
    on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid
   and a.indkey = b.indkey and a.indclass = b.indclass
   and coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '')
   and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
  join pg_class c on c.oid = a.indrelid join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'private')
$$, 'no duplicate indexes');

-- private.merge_prospect_import works on the temporary staging tables that `avenir prospects
-- import` creates and COPYs into in the same session (pg_temp.prospect_import_*): a static check
-- cannot see them, so its "relation does not exist" findings on pg_temp are expected (and so is
-- "unused parameter" there: its parameters are used only in those statements).
select is_empty($$
  select fn || ' line ' || lineno || ': ' || message from tests.plpgsql_findings()
   where level = 'error'
     and not (fn = 'private.merge_prospect_import(source text, seen_on date)'
              and message like 'relation "pg\_temp.%" does not exist')
$$, 'plpgsql_check: no error in any PL/pgSQL function');

select is_empty($$
  select pg_catalog.concat(fn, ' line ', lineno, ': ', message, ' (', detail, ')')
    from tests.plpgsql_findings()
   where level <> 'error'
     and not (fn = 'private.merge_prospect_import(source text, seen_on date)' and message like 'unused parameter %')
$$, 'plpgsql_check: no warning (extra, other, performance)');

select * from finish();
rollback;
