-- Shared by the verify scripts of function changes: every function named in the psql variable
-- `functions` (signatures separated by semicolons) exists and is not executable by anon.
select set_config('avenir.verify_functions', :'functions', false) \g /dev/null
do $$
declare
  fn text;
begin
  foreach fn in array string_to_array(current_setting('avenir.verify_functions'), ';') loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;
end
$$;
