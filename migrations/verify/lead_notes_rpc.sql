-- Verify avenir:lead_notes_rpc on pg
do $$
begin
  if to_regprocedure('public.add_lead_note(uuid, text)') is null then
    raise exception 'function public.add_lead_note(uuid, text) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.add_lead_note(uuid, text)', 'execute') then
    raise exception 'authenticated must be able to execute public.add_lead_note(uuid, text)';
  end if;
  if has_function_privilege('anon', 'public.add_lead_note(uuid, text)', 'execute') then
    raise exception 'anon must not execute public.add_lead_note(uuid, text)';
  end if;
  if to_regprocedure('public.update_lead_note(uuid, text)') is null then
    raise exception 'function public.update_lead_note(uuid, text) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.update_lead_note(uuid, text)', 'execute') then
    raise exception 'authenticated must be able to execute public.update_lead_note(uuid, text)';
  end if;
  if has_function_privilege('anon', 'public.update_lead_note(uuid, text)', 'execute') then
    raise exception 'anon must not execute public.update_lead_note(uuid, text)';
  end if;
  if to_regprocedure('public.delete_lead_note(uuid)') is null then
    raise exception 'function public.delete_lead_note(uuid) is missing';
  end if;
  if not has_function_privilege('authenticated', 'public.delete_lead_note(uuid)', 'execute') then
    raise exception 'authenticated must be able to execute public.delete_lead_note(uuid)';
  end if;
  if has_function_privilege('anon', 'public.delete_lead_note(uuid)', 'execute') then
    raise exception 'anon must not execute public.delete_lead_note(uuid)';
  end if;
end
$$;
