-- Verify avenir:lead_capture on pg
do $$
begin
  if to_regprocedure('private.detect_language(text)') is not null then
    raise exception 'private.detect_language(text) must be gone: the enrichment detects the language';
  end if;
  if to_regprocedure('public.submit_lead(text, text, text, text, text)') is null then
    raise exception 'function public.submit_lead(text, text, text, text, text) is missing';
  end if;
  if to_regprocedure('private.log_form_call(uuid, text, text, text, text, text, integer, jsonb, jsonb)') is null then
    raise exception 'function private.log_form_call is missing';
  end if;
  -- Its error texts: the English in the code, the French in the dictionary (private.ui_text).
  if to_regprocedure('private.submit_lead_error(text, text, text, text, text, text, integer)') is not null
     or to_regprocedure('private.submit_lead_error(text, text, text, text, integer)') is null then
    raise exception 'private.submit_lead_error must take one text per message (lang, code, message, hint, status)';
  end if;
  if not has_function_privilege('anon', 'public.submit_lead(text, text, text, text, text)', 'execute') then
    raise exception 'anon must be able to execute public.submit_lead(text, text, text, text, text)';
  end if;
end
$$;
