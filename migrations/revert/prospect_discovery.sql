-- Revert avenir:prospect_discovery from pg
begin;
-- The industries' own HNSW indexes (`avenir prospects index`): nothing reads them without these functions.
do $$
declare
  name text;
begin
  for name in select c.relname from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indexrelid
               where i.indrelid = 'public.prospect_candidates'::regclass and i.indpred is not null
                 and c.relname like 'prospect\_candidates\_embedding\_%\_idx' loop
    execute format('drop index public.%I', name);
  end loop;
end
$$;
drop function if exists public.prospect_industry_index_plan();
drop function if exists private.prospect_industry_indexed(text);
drop function if exists private.prospect_industry_index_name(text);
drop function if exists private.prospect_exact_below();
drop function if exists public.build_daily_prospect_queue(integer);
drop function if exists public.similar_prospects_to_profile(integer, jsonb);
drop function if exists public.match_prospects(extensions.vector, integer, jsonb);
drop function if exists private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text);
drop function if exists private.prospect_filter_rows(text[], text[], text[], boolean);
drop function if exists private.prospect_nearest_exact(extensions.vector, integer, text[], text[], text[], boolean);
drop function if exists private.prospect_nearest_hnsw(extensions.vector, integer, text[], text[], text[], boolean);
drop function if exists private.prospect_entry(uuid, text, text, text, text, text, boolean, integer, double precision);
drop function if exists private.prospect_matches(text[], text[], text[], boolean);
drop function if exists private.filter_values(jsonb, text);
drop function if exists public.score_prospects();
drop function if exists private.profile_centroid();
commit;
