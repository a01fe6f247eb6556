-- Verify avenir:lead_lifecycle on pg
do $$
begin
  if to_regprocedure('public.tag_lead(uuid, text, text)') is null then
    raise exception 'function public.tag_lead(uuid, text, text) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.tag_lead(uuid, text, text)', 'execute') then
    raise exception 'authenticated must be able to execute public.tag_lead(uuid, text, text)';
  end if;
  if has_function_privilege('anon', 'public.tag_lead(uuid, text, text)', 'execute') then
    raise exception 'anon must not execute public.tag_lead(uuid, text, text)';
  end if;
  if to_regprocedure('public.archive_lead(uuid)') is null then
    raise exception 'function public.archive_lead(uuid) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.archive_lead(uuid)', 'execute') then
    raise exception 'authenticated must be able to execute public.archive_lead(uuid)';
  end if;
  if has_function_privilege('anon', 'public.archive_lead(uuid)', 'execute') then
    raise exception 'anon must not execute public.archive_lead(uuid)';
  end if;
  if to_regprocedure('public.delete_lead(uuid)') is null then
    raise exception 'function public.delete_lead(uuid) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.delete_lead(uuid)', 'execute') then
    raise exception 'authenticated must be able to execute public.delete_lead(uuid)';
  end if;
  if has_function_privilege('anon', 'public.delete_lead(uuid)', 'execute') then
    raise exception 'anon must not execute public.delete_lead(uuid)';
  end if;
  if to_regprocedure('public.reactivate_lead(uuid)') is null then
    raise exception 'function public.reactivate_lead(uuid) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.reactivate_lead(uuid)', 'execute') then
    raise exception 'authenticated must be able to execute public.reactivate_lead(uuid)';
  end if;
  if has_function_privilege('anon', 'public.reactivate_lead(uuid)', 'execute') then
    raise exception 'anon must not execute public.reactivate_lead(uuid)';
  end if;
end
$$;
