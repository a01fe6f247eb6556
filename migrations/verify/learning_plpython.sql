-- Verify avenir:learning_plpython on pg
\set functions 'private.growth_insights(jsonb);private.evaluate_ab_look(jsonb)'
\ir lib/closed_functions.sql
do $$
begin
  if (select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang
       where p.oid = 'private.evaluate_ab_look(jsonb)'::regprocedure) <> 'plpython3u' then
    raise exception 'private.evaluate_ab_look is not the PL/Python form';
  end if;
end
$$;
