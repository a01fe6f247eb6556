-- Verify avenir:form_keys on pg
do $$
begin
  if not exists (select 1 from pg_attribute where attrelid = 'public.clients'::regclass and attname = 'form_origins'
                 and not attisdropped) then
    raise exception 'public.clients.form_origins is missing';
  end if;
  if (private.address_budget_limit('form_submission')).per_window is null then
    raise exception 'the form_submission budget scope has no limit';
  end if;
  if not has_function_privilege('authenticated', 'public.rotate_form_key()', 'execute')
     or not has_function_privilege('authenticated', 'public.set_form_origins(text[])', 'execute') then
    raise exception 'authenticated must be able to execute rotate_form_key() and set_form_origins(text[])';
  end if;
  if has_function_privilege('anon', 'public.rotate_form_key()', 'execute') then
    raise exception 'anon must not execute rotate_form_key()';
  end if;
end
$$;
