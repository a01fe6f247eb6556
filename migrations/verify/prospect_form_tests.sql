-- Verify avenir:prospect_form_tests on pg
do $$
begin
  if not private.is_auto_response('{"Auto-Submitted": "auto-replied"}', 'Hello')
     or private.is_auto_response('{"Auto-Submitted": "no"}', 'Re: your question') then
    raise exception 'private.is_auto_response does not follow RFC 3834';
  end if;
  if to_regprocedure('public.record_form_test_response(uuid, timestamptz, jsonb, text, text, text)') is null then
    raise exception 'public.record_form_test_response is missing';
  end if;
end
$$;
