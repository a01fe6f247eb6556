-- Revert avenir:prospect_import from pg
begin;
drop function if exists private.merge_prospect_import(text, date);
drop function if exists private.merge_prospect_metadata(jsonb, jsonb);
drop function if exists private.begin_prospect_import();
commit;
