-- The translation system's vocabulary, stated once: the context types of translate() and of
-- translation_cache (its CHECK translation_cache_context_type_check and translate()'s error and
-- HINT read them here).

create or replace function private.translation_context_types()
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- lead_summary: a lead's ai_summary; intent, tone, urgency: the labels of those vocabularies
  -- (translate() prefers the taxonomy / dictionary rows of that vocabulary); ui_text: the rest.
  -- Adding one: append it here; removing one needs the cache rows of that type gone first.
  select array['lead_summary', 'intent', 'tone', 'urgency', 'ui_text'];
$$;
comment on function private.translation_context_types() is
  'The context types of public.translate() and translation_cache.context_type (its CHECK reads them).';
revoke execute on function private.translation_context_types() from public, anon, authenticated;
grant execute on function private.translation_context_types() to service_role;
