-- Verify avenir:lead_journal on pg
do $$
begin
  if to_regclass('public.lead_journal') is null then
    raise exception 'public.lead_journal is missing';
  end if;
end
$$;
