-- The gateway's schema cache, read from pg_catalog so that it does not depend on the connecting
-- role's privileges (as PostgREST's own cache). Parameter: the exposed schemas (text[]).

-- name: relations
select n.nspname as schema,
       c.relname as name,
       c.relkind::text as kind,
       coalesce((select array_agg(a.attname::text order by k.ord)
                   from pg_constraint pk
                   cross join lateral unnest(pk.conkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = pk.conrelid and a.attnum = k.attnum
                  where pk.conrelid = c.oid and pk.contype = 'p'), '{}') as primary_key,
       coalesce((select json_agg(json_build_object(
                   'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                   'base_type', coalesce(bt.typname, t.typname), 'nullable', not a.attnotnull,
                   'has_default', a.atthasdef or a.attidentity <> '' or a.attgenerated <> '')
                   order by a.attnum)
                   from pg_attribute a
                   join pg_type t on t.oid = a.atttypid
                   left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = any(%(schemas)s::text[])
   and c.relkind in ('r', 'v', 'm', 'f', 'p');

-- name: functions
select n.nspname as schema,
       p.proname as name,
       p.provolatile::text as volatility,
       p.proretset as returns_set,
       format_type(p.prorettype, null) as return_type,
       rt.typname as return_type_name,
       case
         when p.prorettype = 'void'::regtype then 'void'
         when rt.typrelid <> 0 then 'composite'
         when p.prorettype = 'record'::regtype
              and exists (select 1 from unnest(p.proargmodes) m where m in ('o', 'b', 't')) then 'composite'
         when p.prorettype = 'record'::regtype then 'record'
         else 'scalar'
       end as return_shape,
       p.pronargdefaults as defaults,
       coalesce((select json_agg(json_build_object(
                   'name', coalesce(p.proargnames[a.ord], ''),
                   'type', format_type(a.typ, null),
                   'mode', coalesce(p.proargmodes[a.ord]::text, 'i'))
                   order by a.ord)
                   from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as a(typ, ord)),
                '[]') as arguments,
       coalesce((select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                                   'base_type', t.typname) order by a.attnum)
                   from pg_attribute a join pg_type t on t.oid = a.atttypid
                  where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped), '[]') as result_columns
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_type rt on rt.oid = p.prorettype
 where n.nspname = any(%(schemas)s::text[])
   and p.prokind = 'f';

-- name: role_settings
-- ALTER ROLE r [IN DATABASE d] SET k = v: applied to each request made as r (database-specific last).
select r.rolname as role, s.setconfig as settings
  from pg_db_role_setting s
  join pg_roles r on r.oid = s.setrole
 where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
   and %(schemas)s::text[] is not null
 order by s.setdatabase;

-- name: timezones
-- The names `Prefer: timezone=` accepts; any other value is ignored, as PostgREST does.
select name from pg_timezone_names where %(schemas)s::text[] is not null;

-- name: foreign_keys
-- Relationships for resource embedding: every foreign key touching an exposed schema.
select c.conname as name, ns.nspname as schema, cl.relname as "table",
       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o)
               join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns,
       fns.nspname as foreign_schema, fcl.relname as foreign_table,
       array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o)
               join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as foreign_columns
  from pg_constraint c
  join pg_class cl on cl.oid = c.conrelid
  join pg_namespace ns on ns.oid = cl.relnamespace
  join pg_class fcl on fcl.oid = c.confrelid
  join pg_namespace fns on fns.oid = fcl.relnamespace
 where c.contype = 'f'
   and (ns.nspname = any(%(schemas)s::text[]) or fns.nspname = any(%(schemas)s::text[]))
 order by c.conname;
