-- Verify avenir:lead_enrichment on pg
do $$
declare
  fn constant text := 'public.record_lead_enrichment(uuid, jsonb, jsonb, text, integer)';
begin
  if to_regprocedure(fn) is null then
    raise exception 'function % is missing', fn;
  end if;
  if not has_function_privilege('service_role', fn, 'execute')
     or has_function_privilege('anon', fn, 'execute') or has_function_privilege('authenticated', fn, 'execute') then
    raise exception '% must be executable by service_role only', fn;
  end if;
end
$$;
