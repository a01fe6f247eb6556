-- Revert avenir:learning_defaults from pg
begin;
drop function if exists private.growth_insights(jsonb);
drop function if exists private.evaluate_ab_look(jsonb);
commit;
