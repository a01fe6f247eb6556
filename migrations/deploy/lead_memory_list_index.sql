-- Deploy avenir:lead_memory_list_index to pg
-- requires: lead_tables
-- No definition file: the index is defined with its table in db/leads.sql (lead_tables creates it
-- on a fresh deploy). @v0.1.0 had it partial (`where not deleted`), which `deleted=is.false` and
-- an unfiltered list cannot use: replace it by the full one.
begin;
do $$
begin
  if (select indpred is not null from pg_index
       where indexrelid = to_regclass('public.lead_memory_client_id_created_at_idx')) then
    drop index public.lead_memory_client_id_created_at_idx;
  end if;
end
$$;
create index if not exists lead_memory_client_id_created_at_idx
  on public.lead_memory (client_id, created_at desc);
commit;
