-- Verify avenir:learning_defaults on pg
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

end
$$;
