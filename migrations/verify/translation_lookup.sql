-- Verify avenir:translation_lookup on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.translate(text,text,text,text,real)', 'private.translation_context_types()',
                            'public.record_translation(text,text,text,text,text,numeric)',
                            'private.ui_text(text,text,text[])', 'private.ui_text_both(text,text[])'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if not has_function_privilege('service_role', fn, 'execute')
       or has_function_privilege('anon', fn, 'execute') or has_function_privilege('authenticated', fn, 'execute') then
      raise exception '% must be executable by service_role only', fn;
    end if;
  end loop;
  if to_regclass('public.translation_dictionary_folded_source_idx') is null
     or to_regclass('private.translation_origins') is null
     or private.ui_text('Pass a non-empty text.', 'fr') <> 'Passez un texte non vide.' then
    raise exception 'the folded dictionary index, private.translation_origins or the ui_text seed is missing';
  end if;
end
$$;
