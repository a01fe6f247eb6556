-- Revert avenir:translation_lookup from pg
begin;
drop view if exists private.translation_origins;
drop function if exists public.record_translation(text, text, text, text, text, numeric);
drop function if exists public.translate(text, text, text, text, real);
drop function if exists private.ui_text_both(text, text[]);
drop function if exists private.ui_text(text, text, text[]);
delete from public.translation_dictionary where context = 'ui_text' and category in ('error', 'insight', 'message');
alter table public.translation_cache
  drop constraint translation_cache_context_type_check,
  add constraint translation_cache_context_type_check
    check (context_type in ('lead_summary', 'intent', 'tone', 'ui_text'));
comment on column public.translation_cache.context_type is 'lead_summary, intent, tone or ui_text.';
drop function if exists private.translation_context_types();
alter index public.translation_dictionary_source_text_trgm_idx reset (fastupdate);
alter table public.translation_dictionary reset (fillfactor);
drop index if exists public.translation_dictionary_folded_source_idx;
drop index if exists public.intent_translations_folded_fr_idx;
drop index if exists public.intent_translations_folded_en_idx;
drop function if exists private.fold_text(text);
commit;
