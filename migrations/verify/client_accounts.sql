-- Verify avenir:client_accounts on pg
do $$
begin
  if to_regprocedure('private.new_api_key()') is null then
    raise exception 'function private.new_api_key() is missing';
  end if;
  if to_regprocedure('private.api_key_digest(text)') is null then
    raise exception 'function private.api_key_digest(text) is missing';
  end if;
  if to_regprocedure('private.canonical_term(text, text)') is null then
    raise exception 'function private.canonical_term(text, text) is missing';
  end if;
  if to_regprocedure('private.sign_jwt(jsonb)') is null then
    raise exception 'function private.sign_jwt(jsonb) is missing';
  end if;
  if to_regprocedure('public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)') is null then
    raise exception 'function public.create_client(text, text, text, text, text, text, boolean, boolean, boolean) is missing';
  end if;
  if not has_function_privilege('service_role', 'public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)', 'execute') then
    raise exception 'service_role must be able to execute public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)';
  end if;
  if has_function_privilege('anon', 'public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)', 'execute') then
    raise exception 'anon must not execute public.create_client(text, text, text, text, text, text, boolean, boolean, boolean)';
  end if;
  if to_regprocedure('public.login(text, text)') is null then
    raise exception 'function public.login(text, text) is missing';
  end if;
  if not has_function_privilege('anon', 'public.login(text, text)', 'execute') then
    raise exception 'anon must be able to execute public.login(text, text)';
  end if;
  if to_regprocedure('private.login_refused(text, text, timestamptz)') is null then
    raise exception 'function private.login_refused(text, text, timestamptz) is missing';
  end if;
  if to_regprocedure('public.rotate_api_key()') is null then
    raise exception 'function public.rotate_api_key() is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.rotate_api_key()', 'execute') then
    raise exception 'authenticated must be able to execute public.rotate_api_key()';
  end if;
  if has_function_privilege('anon', 'public.rotate_api_key()', 'execute') then
    raise exception 'anon must not execute public.rotate_api_key()';
  end if;
end
$$;
