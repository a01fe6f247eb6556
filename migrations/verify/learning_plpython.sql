-- Verify avenir:learning_plpython on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['private.growth_insights(jsonb)', 'private.evaluate_ab_look(jsonb)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;
  if (select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang
       where p.oid = 'private.evaluate_ab_look(jsonb)'::regprocedure) <> 'plpython3u' then
    raise exception 'private.evaluate_ab_look is not the PL/Python form';
  end if;
end
$$;
