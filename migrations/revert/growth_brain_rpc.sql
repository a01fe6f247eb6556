-- Revert avenir:growth_brain_rpc from pg
begin;
drop function if exists public.refresh_growth_brain(uuid);
drop function if exists private.analyse_growth(uuid, timestamptz);
drop function if exists private.store_growth_brain(uuid, timestamptz, jsonb, jsonb);
drop function if exists private.word_growth_insights(jsonb);
drop function if exists private.growth_brain_figures(uuid, timestamptz);
drop function if exists private.tone_sentiment_weight(text);
commit;
