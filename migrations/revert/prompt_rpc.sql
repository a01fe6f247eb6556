-- Revert avenir:prompt_rpc from pg
begin;
drop function if exists public.prompt_lineage(uuid);
drop function if exists public.evolve_prompt(uuid, text, text, text, uuid, text[], jsonb, text, boolean);
drop function if exists public.record_prompt_execution(text, text, uuid, jsonb, jsonb, numeric, numeric, integer, integer,
                                                       numeric, boolean, text, smallint, text);
drop function if exists public.choose_prompt_variant(text, text, text);
drop function if exists public.register_prompt_variant(text, text, text, text, boolean);
drop function if exists private.variant_performance(uuid);
drop function if exists private.refresh_prompt_scores(uuid[]);
drop function if exists private.execution_quality(boolean, numeric, numeric, smallint);
drop function if exists private.ab_bucket(uuid, text);
commit;
