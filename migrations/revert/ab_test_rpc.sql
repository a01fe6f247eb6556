-- Revert avenir:ab_test_rpc from pg
begin;
drop function if exists public.evaluate_ab_tests();
drop function if exists private.apply_ab_look(public.prompt_ab_tests, jsonb);
drop function if exists private.ab_test_look(public.prompt_ab_tests, timestamptz);
commit;
