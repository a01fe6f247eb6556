-- Revert avenir:translation_lookup from pg
begin;
drop view if exists private.translation_origins;
drop function if exists public.record_translation(text, text, text, text, text, numeric);
drop function if exists public.translate(text, text, text, text, real);
drop index if exists public.translation_dictionary_folded_source_idx;
drop function if exists private.fold_text(text);
commit;
