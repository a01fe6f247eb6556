-- Verify avenir:lead_reply_tables on pg
do $$
begin
  if to_regclass('private.lead_replies') is null then
    raise exception 'private.lead_replies is missing';
  end if;
  if not (select relrowsecurity and relforcerowsecurity from pg_class where oid = 'private.lead_replies'::regclass) then
    raise exception 'private.lead_replies must enable and force row level security';
  end if;
  if has_table_privilege('anon', 'private.lead_replies', 'select')
     or has_table_privilege('authenticated', 'private.lead_replies', 'select') then
    raise exception 'private.lead_replies must not be readable by anon or authenticated';
  end if;
end
$$;
