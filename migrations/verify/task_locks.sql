-- Verify avenir:task_locks on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['private.try_task_lock(text)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;

end
$$;
