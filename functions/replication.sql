-- What the replication check reads from each side of the failover pair (sidecar/avenir/failover).
-- Read-only catalogue queries; the sidecar calls them on the primary and on the failover and
-- compares the answers, so both sides must run the same migrations.

-- DDL is not replicated: a column, constraint or policy that differs silently breaks the apply
-- or the promotion. The fingerprint hashes a normalised catalogue (names and definitions, never
-- OIDs), part by part, so a difference says where to look. Two things differ by host on purpose and
-- are left out: the `auth` schema (Supabase's own there, our shim on Neon and plain PostgreSQL), and
-- the bodies of the functions the learning_plpython change swaps in where plpython3u exists (their
-- signatures still count): an embedded primary with PL/Python may feed a managed failover without.
create or replace function private.schema_fingerprint()
returns jsonb
language sql
stable
set search_path = ''
as $$
  with parts (part, line) as (
    select 'columns', pg_catalog.format('%s.%s.%s %s %s %s', n.nspname, c.relname, a.attname,
                                        pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                        pg_catalog.pg_get_expr(d.adbin, d.adrelid))
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on c.oid = a.attrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
       and a.attnum > 0 and not a.attisdropped
    union all
    select 'constraints', pg_catalog.format('%s.%s %s %s', n.nspname, c.relname, k.conname,
                                            pg_catalog.pg_get_constraintdef(k.oid))
      from pg_catalog.pg_constraint k
      join pg_catalog.pg_class c on c.oid = k.conrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private')
    union all
    select 'indexes', pg_catalog.pg_get_indexdef(i.indexrelid)
      from pg_catalog.pg_index i
      join pg_catalog.pg_class c on c.oid = i.indrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private')
    union all
    select 'policies', pg_catalog.format('%s.%s %s %s %s %s %s', p.schemaname, p.tablename, p.policyname,
                                         p.cmd, p.roles, p.qual, p.with_check)
      from pg_catalog.pg_policies p
     where p.schemaname in ('public', 'private')
    union all
    select 'functions', pg_catalog.format('%s.%s(%s) %s %s', n.nspname, p.proname,
                                          pg_catalog.pg_get_function_identity_arguments(p.oid), p.prosecdef,
                                          case when p.oid::pg_catalog.regprocedure::text
                                                    in ('private.growth_insights(jsonb)', 'private.evaluate_ab_look(jsonb)')
                                               then 'host-dependent' else pg_catalog.md5(p.prosrc) end)
      from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private')
    union all
    -- tgenabled matters: an ENABLE ALWAYS / REPLICA trigger fires again when the failover applies.
    select 'triggers', pg_catalog.format('%s %s', pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled)
      from pg_catalog.pg_trigger t
      join pg_catalog.pg_class c on c.oid = t.tgrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private') and not t.tgisinternal
    union all
    select 'security', pg_catalog.format('%s.%s %s %s', n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity)
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'p')
  )
  select pg_catalog.jsonb_object_agg(part, digest)
    from (select part, pg_catalog.md5(pg_catalog.string_agg(line, E'\n' order by line collate "C")) as digest
            from parts
           group by part) d
$$;
comment on function private.schema_fingerprint() is
  'A hash per part (columns, constraints, indexes, policies, functions, triggers, security) of the normalised '
  'catalogue of public and private (not auth, the platform''s; PL/Python-swapped bodies by signature only): '
  'equal on both sides of the failover pair when their DDL agrees.';
revoke execute on function private.schema_fingerprint() from public;
grant execute on function private.schema_fingerprint() to service_role;
