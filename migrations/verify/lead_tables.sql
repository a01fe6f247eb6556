-- Verify avenir:lead_tables on pg
\set tables 'lead_memory,lead_actions,lead_notes'
\ir lib/secured_tables.sql
do $$
begin
  if has_table_privilege('authenticated', 'public.lead_memory', 'insert')
     or has_table_privilege('authenticated', 'public.lead_memory', 'update')
     or has_table_privilege('authenticated', 'public.lead_actions', 'insert')
     or has_table_privilege('authenticated', 'public.lead_notes', 'insert') then
    raise exception 'authenticated must change leads only through the RPCs';
  end if;
end
$$;
