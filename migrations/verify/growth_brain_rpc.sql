-- Verify avenir:growth_brain_rpc on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.refresh_growth_brain(uuid)', 'private.growth_brain_figures(uuid, timestamptz)', 'private.analyse_growth(uuid, timestamptz)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if has_function_privilege('anon', fn, 'execute') then
      raise exception 'anon must not execute %', fn;
    end if;
  end loop;
  if not has_function_privilege('authenticated', 'public.refresh_growth_brain(uuid)', 'execute') then
    raise exception 'authenticated must be able to refresh its growth brain';
  end if;
end
$$;
