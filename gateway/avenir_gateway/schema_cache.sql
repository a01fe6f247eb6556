-- The gateway's schema cache, read from pg_catalog so that it does not depend on the connecting
-- role's privileges (as PostgREST's own cache). Parameter: the exposed schemas (text[]).

-- name: relations
select n.nspname as schema,
       c.relname as name,
       c.relkind::text as kind,
       -- What INSERT / UPDATE / DELETE the relation accepts (tables: all; views: auto-updatable or
       -- INSTEAD OF triggers), Postgres' own answer: bits 8 insert, 4 update, 16 delete.
       pg_relation_is_updatable(c.oid, true) as updatable,
       coalesce((select array_agg(a.attname::text order by k.ord)
                   from pg_constraint pk
                   cross join lateral unnest(pk.conkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = pk.conrelid and a.attnum = k.attnum
                  where pk.conrelid = c.oid and pk.contype = 'p'), '{}') as primary_key,
       coalesce((select json_agg(json_build_object(
                   'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                   'base_type', coalesce(bt.typname, t.typname), 'nullable', not a.attnotnull,
                   'has_default', a.atthasdef or a.attidentity <> '' or a.attgenerated <> '',
                   -- The DEFAULT expression (catalogue text) that `Prefer: missing=default` renders;
                   -- an identity column's is the next value of its sequence; a column of a domain
                   -- without its own DEFAULT takes the domain's.
                   'default', case
                     -- (its sequence found in pg_depend, not by pg_get_serial_sequence, which
                     -- resolves a name and so needs USAGE on the schema)
                     when a.attidentity <> '' then (
                       select format('nextval(%%L::regclass)', format('%%I.%%I', sn.nspname, s.relname))
                         from pg_depend dep
                         join pg_class s on s.oid = dep.objid and s.relkind = 'S'
                         join pg_namespace sn on sn.oid = s.relnamespace
                        where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
                          and dep.refobjid = c.oid and dep.refobjsubid = a.attnum and dep.deptype = 'i')
                     when a.attgenerated = '' then coalesce(pg_get_expr(d.adbin, d.adrelid),
                                                            pg_get_expr(t.typdefaultbin, 0)) end)
                   order by a.attnum)
                   from pg_attribute a
                   join pg_type t on t.oid = a.atttypid
                   left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
                   left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = any(%(schemas)s::text[])
   and c.relkind in ('r', 'v', 'm', 'f', 'p')
   -- a partition is reached through its partitioned table only: it is no endpoint of its own
   and not c.relispartition;

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
         -- OUT / INOUT / TABLE parameters, even a single one, make an object (as PostgREST v13).
         when exists (select 1 from unnest(p.proargmodes) m where m in ('o', 'b', 't')) then 'composite'
         when p.prorettype = 'record'::regtype then 'record'
         else 'scalar'
       end as return_shape,
       p.pronargdefaults as defaults,
       p.prorows as rows,
       -- Its own SET clauses (`name=value`): those db-hoisted-tx-settings names go to the transaction.
       coalesce(p.proconfig, '{}') as settings,
       case when rt.typrelid <> 0
            then (select json_build_array(rn.nspname, rc.relname) from pg_class rc
                    join pg_namespace rn on rn.oid = rc.relnamespace where rc.oid = rt.typrelid) end as return_relation,
       -- The relation whose row type the only argument is: f(t tbl) is a computed field or relationship.
       case when p.pronargs = 1
            then (select json_build_array(an.nspname, ac.relname) from pg_type at
                    join pg_class ac on ac.oid = at.typrelid
                    join pg_namespace an on an.oid = ac.relnamespace
                   where at.oid = p.proargtypes[0]) end as argument_relation,
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
  -- A domain over a composite type returns that type's rows (a domain over a scalar stays itself:
  -- its name may be a media type, media_handlers).
  join pg_type rt on rt.oid = (select case when d.typtype = 'd' and b.typrelid <> 0 then b.oid else d.oid end
                                 from pg_type d left join pg_type b on b.oid = d.typbasetype
                                where d.oid = p.prorettype)
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
-- Every foreign key outside the system schemas: a view of an exposed schema may sit over tables of a
-- private one. A partition's copies of its parent's key (conparentid <> 0) are left out.
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
   and c.conparentid = 0
   and ns.nspname not in ('pg_catalog', 'information_schema')
   and %(schemas)s::text[] is not null
 order by c.oid;

-- name: unique_keys
-- Primary and unique keys of every table: a foreign key whose columns are one of them is one-to-one,
-- and a view exposing a base table's primary key has that key.
select ns.nspname as schema, cl.relname as "table", c.contype::text as kind,
       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o)
               join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as columns
  from pg_constraint c
  join pg_class cl on cl.oid = c.conrelid
  join pg_namespace ns on ns.oid = cl.relnamespace
 where c.contype in ('p', 'u')
   and ns.nspname not in ('pg_catalog', 'information_schema')
   and %(schemas)s::text[] is not null;

-- name: view_columns
-- Which base column each view column shows, read from the view's parsed query: the parser records the
-- origin (resorigtbl, resorigcol) of every output column that is a plain column reference. The top
-- query's entries are those whose position and name are the view's own attribute (a subquery's entries
-- that happen to share both point to the same origin). Views of any schema: views over views resolve
-- step by step in relationships.py.
select vn.nspname as schema, v.relname as view, va.attname as column,
       bn.nspname as base_schema, b.relname as base, ba.attname as base_column
  from pg_rewrite r
  join pg_class v on v.oid = r.ev_class and v.relkind in ('v', 'm')
  join pg_namespace vn on vn.oid = v.relnamespace
  cross join lateral regexp_matches(r.ev_action::text,
      ':resno (\d+) :resname (\S+) :ressortgroupref \d+ :resorigtbl (\d+) :resorigcol (\d+)', 'g') m
  join pg_attribute va on va.attrelid = v.oid and va.attnum = m[1]::int and va.attname::text = m[2]
  join pg_class b on b.oid = m[3]::oid
  join pg_namespace bn on bn.oid = b.relnamespace
  join pg_attribute ba on ba.attrelid = b.oid and ba.attnum = m[4]::int
 where r.rulename = '_RETURN'
   and vn.nspname not in ('pg_catalog', 'information_schema')
   and %(schemas)s::text[] is not null
 group by 1, 2, 3, 4, 5, 6;

-- name: media_handlers
-- Custom media types (PostgREST's media-type handlers): a domain named like a media type ("text/html",
-- "image/png") or "*/*" (any media type). An aggregate of one argument returning such a domain renders
-- the answers of the relation whose row type it aggregates (or of any relation, over anyelement); a
-- function returning one (not a set) answers with its value as it is. `base_type` says how the value
-- travels (bytea: bytes; jsonb: its binary form, a version byte then the text; anything else: its
-- text).
with media_domains as (
  select d.oid, lower(d.typname) as media_type, b.typname as base_type
    from pg_type d
    join pg_type b on b.oid = d.typbasetype
   where d.typtype = 'd'
     and (d.typname = '*/*' or d.typname ~ '^[A-Za-z0-9.-]+/[A-Za-z0-9.+-]+$')
)
select n.nspname as schema, p.proname as name, true as aggregate,
       rn.nspname as target_schema, rc.relname as target_name, m.media_type, m.base_type
  from pg_aggregate g
  join pg_proc p on p.oid = g.aggfnoid
  join media_domains m on m.oid = p.prorettype
  join pg_namespace n on n.oid = p.pronamespace
  join pg_type arg on arg.oid = p.proargtypes[0]
  left join pg_class rc on rc.oid = arg.typrelid and rc.relkind in ('r', 'v', 'm', 'f', 'p')
  left join pg_namespace rn on rn.oid = rc.relnamespace
 where p.pronargs = 1
   and n.nspname = any(%(schemas)s::text[])
   and (arg.oid = 'anyelement'::regtype or rc.oid is not null)
union all
select n.nspname, p.proname, false, n.nspname, p.proname, m.media_type, m.base_type
  from pg_proc p
  join media_domains m on m.oid = p.prorettype
  join pg_namespace n on n.oid = p.pronamespace
 where p.prokind = 'f' and not p.proretset
   and n.nspname = any(%(schemas)s::text[]);

-- name: media_domains
-- The media-type domains themselves: a function returning one answers only with that media type
-- (the built-in text/plain, text/xml and octet-stream renderings do not apply to it).
select lower(d.typname) as media_type
  from pg_type d
 where d.typtype = 'd'
   and (d.typname = '*/*' or d.typname ~ '^[A-Za-z0-9.-]+/[A-Za-z0-9.+-]+$')
   and %(schemas)s::text[] is not null;

-- name: representations
-- Domain representations: casts between a domain and json / text with a function. PostgreSQL itself
-- ignores casts to or from a domain, so the gateway calls the function: a column of the domain is read
-- through its domain -> json function, written from the body through json -> domain, and compared
-- with filter values through text -> domain. Keyed by format_type, as the columns' types are.
select format_type(c.castsource, null) as source, format_type(c.casttarget, null) as target,
       n.nspname as schema, p.proname as name
  from pg_cast c
  join pg_type s on s.oid = c.castsource
  join pg_type t on t.oid = c.casttarget
  join pg_proc p on p.oid = c.castfunc
  join pg_namespace n on n.oid = p.pronamespace
 where ((s.typtype = 'd' and t.oid in ('json'::regtype, 'jsonb'::regtype))
        or (t.typtype = 'd' and s.oid in ('json'::regtype, 'jsonb'::regtype, 'text'::regtype)))
   and %(schemas)s::text[] is not null;
