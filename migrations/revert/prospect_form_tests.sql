-- Revert avenir:prospect_form_tests from pg
begin;
drop function if exists public.expire_form_tests(interval);
drop function if exists public.record_form_test_response(uuid, timestamptz, jsonb, text, text, text);
drop function if exists private.form_test_score(numeric, text);
drop function if exists public.record_form_test_submission(uuid, timestamptz, jsonb);
drop function if exists private.is_auto_response(jsonb, text);
commit;
