-- The catalogue facts of the OpenAPI document that the schema cache does not keep: comments, defaults,
-- enum labels, lengths, and what the requesting role may do. Run inside the request's transaction,
-- after its role switch, so has_*_privilege answers for that role (openapi-mode follow-privileges).

-- name: document_facts
select json_build_object(
  'schema_comment', obj_description(n.oid, 'pg_namespace'),
  'relations', coalesce((
    select json_object_agg(c.relname, json_build_object(
      'comment', obj_description(c.oid, 'pg_class'),
      -- PostgREST lists a relation the role owns or holds any privilege on (or on any of its columns)
      'accessible', pg_has_role(c.relowner, 'usage')
                    or has_table_privilege(c.oid, 'select, insert, update, delete, truncate, references, trigger')
                    or has_any_column_privilege(c.oid, 'select, insert, update, references'),
      'columns', coalesce((
        select json_object_agg(a.attname, json_build_object(
          'comment', col_description(c.oid, a.attnum),
          'default', pg_get_expr(d.adbin, d.adrelid),
          'max_length', case when a.atttypmod > 4 and t.typname in ('varchar', 'bpchar') then a.atttypmod - 4 end,
          'enum', (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e
                    where e.enumtypid = coalesce(nullif(t.typbasetype, 0), t.oid))))
          from pg_attribute a
          join pg_type t on t.oid = a.atttypid
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '{}'::json)))
      from pg_class c
     where c.relnamespace = n.oid and c.relkind in ('r', 'v', 'm', 'f', 'p')), '{}'::json),
  'functions', coalesce((
    select json_object_agg(f.name, json_build_object('comment', f.comment, 'executable', f.executable))
      from (select p.proname as name, max(obj_description(p.oid, 'pg_proc')) as comment,
                   bool_or(has_function_privilege(p.oid, 'execute')) as executable
              from pg_proc p
             where p.pronamespace = n.oid and p.prokind = 'f'
             group by p.proname) f), '{}'::json)
)::text as body
  from pg_namespace n
 where n.nspname = $1  -- the wire path numbers its parameters itself
