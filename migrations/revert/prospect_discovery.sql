-- Revert avenir:prospect_discovery from pg
begin;
-- The HNSW indexes of one industry, region or language (`avenir prospects index`): nothing reads them without these functions.
do $$
declare
  name text;
begin
  for name in select i.index_name from private.prospect_filter_indexes() i loop
    execute format('drop index public.%I', name);
  end loop;
end
$$;
drop function if exists public.prospect_filter_index_plan();
drop function if exists private.prospect_filter_indexes();
drop function if exists private.prospect_own_index(text[], text[], text[]);
drop function if exists private.prospect_filter_index_name(text, text);
drop function if exists private.prospect_exact_below();
drop function if exists public.build_daily_prospect_queue(integer);
drop function if exists public.similar_prospects_to_profile(integer, jsonb);
drop function if exists public.match_prospects(extensions.vector, integer, jsonb);
drop function if exists private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text);
drop function if exists private.prospect_filter_rows(text[], text[], text[], boolean);
drop function if exists private.prospect_nearest_sql(text);
drop function if exists private.prospect_filter_sql();
drop function if exists private.filter_values(jsonb, text);
drop function if exists public.score_prospects();
drop function if exists private.profile_centroid();
commit;
