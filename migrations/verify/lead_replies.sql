-- Verify avenir:lead_replies on pg
do $$
declare
  fn text;
begin
  foreach fn in array array['public.enqueue_lead_reply(uuid)','public.begin_lead_reply(uuid,text,text)','public.finish_lead_reply(uuid,text,jsonb)'] loop
    if to_regprocedure(fn) is null then
      raise exception 'function % is missing', fn;
    end if;
    if not has_function_privilege('service_role', fn, 'execute')
       or has_function_privilege('anon', fn, 'execute') or has_function_privilege('authenticated', fn, 'execute') then
      raise exception '% must be executable by service_role only', fn;
    end if;
  end loop;
end
$$;
