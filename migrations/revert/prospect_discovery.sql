-- Revert avenir:prospect_discovery from pg
begin;
drop function if exists public.build_daily_prospect_queue(integer);
drop function if exists public.similar_prospects_to_profile(integer, jsonb);
drop function if exists public.match_prospects(extensions.vector, integer, jsonb);
drop function if exists private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text);
drop function if exists private.prospect_filter_rows(text[], text[], text[], boolean);
drop function if exists private.prospect_nearest(extensions.vector, integer, text[], text[], text[], boolean, boolean);
drop function if exists private.prospect_matches(text[], text[], text[], boolean);
drop function if exists private.filter_values(jsonb, text);
drop function if exists public.score_prospects();
drop function if exists private.profile_centroid();
commit;
