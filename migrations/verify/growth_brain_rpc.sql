-- Verify avenir:growth_brain_rpc on pg
\set functions 'public.refresh_growth_brain(uuid);private.growth_brain_figures(uuid, timestamptz);private.analyse_growth(uuid, timestamptz);private.store_growth_brain(uuid, timestamptz, jsonb, jsonb);private.word_growth_insights(jsonb)'
\ir lib/closed_functions.sql
do $$
begin
  if not has_function_privilege('authenticated', 'public.refresh_growth_brain(uuid)', 'execute') then
    raise exception 'authenticated must be able to refresh its growth brain';
  end if;
end
$$;
