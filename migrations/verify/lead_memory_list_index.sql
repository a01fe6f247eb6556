-- Verify avenir:lead_memory_list_index on pg
do $$
begin
  if (select indpred is not null or pg_get_indexdef(indexrelid) !~ '\(client_id, created_at DESC\)$'
        from pg_index where indexrelid = to_regclass('public.lead_memory_client_id_created_at_idx'))
     is not false then
    raise exception 'public.lead_memory_client_id_created_at_idx must be the full (client_id, created_at desc) index';
  end if;
end
$$;
