-- Verify avenir:learning_plpython on pg
\set functions 'private.growth_insights(jsonb);private.evaluate_ab_look(jsonb)'
\ir lib/closed_functions.sql
do $$
begin
  if exists (select from pg_catalog.pg_extension where extname = 'plpython3u')
     and (select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang
       where p.oid = 'private.evaluate_ab_look(jsonb)'::regprocedure) <> 'plpython3u' then
    raise exception 'private.evaluate_ab_look is not the PL/Python form (plpython3u is installed)';
  end if;
end
$$;
