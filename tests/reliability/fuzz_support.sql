-- Test-only helpers of the fuzzers (tests/reliability), created by their fixture.
create schema if not exists tests;

-- Row counts of every table of public, as one jsonb: what a rejected call must leave unchanged.
create or replace function tests.public_row_counts() returns jsonb
language plpgsql as $$
declare
  t record;
  counts jsonb := '{}';
  n bigint;
begin
  for t in select c.relname from pg_class c join pg_namespace s on s.oid = c.relnamespace
            where s.nspname = 'public' and c.relkind in ('r', 'p') order by 1 loop
    execute format('select count(*) from public.%I', t.relname) into n;
    counts := counts || jsonb_build_object(t.relname, n);
  end loop;
  return counts;
end
$$;

-- The signature of each public function: who may call it and its arguments.
create or replace function tests.public_rpcs() returns table (name text, args jsonb, callers text[])
language sql stable as $$
  select p.proname::text,
         coalesce((select jsonb_agg(jsonb_build_object('name', a.name, 'type', format_type(a.type, null),
                                                       'optional', a.ord > p.pronargs - p.pronargdefaults)
                                    order by a.ord)
                     from unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) with ordinality a(name, type, ord)),
                  '[]'),
         array(select r from unnest(array['anon', 'authenticated', 'service_role']) r
                where has_function_privilege(r, p.oid, 'execute'))
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public' and p.prokind = 'f'
     and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
$$;
