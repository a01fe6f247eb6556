-- Verify avenir:prospect_discovery on pg
do $$
begin
  if to_regprocedure('public.score_prospects()') is null
     or to_regprocedure('public.match_prospects(extensions.vector, integer, jsonb)') is null
     or to_regprocedure('public.similar_prospects_to_profile(integer, jsonb)') is null
     or to_regprocedure('public.build_daily_prospect_queue(integer)') is null then
    raise exception 'a prospect discovery function is missing';
  end if;
  if has_function_privilege('anon', 'public.build_daily_prospect_queue(integer)', 'execute') then
    raise exception 'anon must not build the prospect queue';
  end if;
end
$$;
