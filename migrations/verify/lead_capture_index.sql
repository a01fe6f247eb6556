-- Verify avenir:lead_capture_index on pg
do $$
begin
  if to_regclass('public.lead_memory_client_id_email_created_at_idx') is null then
    raise exception 'public.lead_memory_client_id_email_created_at_idx is missing';
  end if;
end
$$;
