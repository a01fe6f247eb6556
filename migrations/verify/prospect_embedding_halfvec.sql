-- Verify avenir:prospect_embedding_halfvec on pg
-- (a division by zero unless the index is the halfvec one with m 24, ef_construction 400)
select 1 / count(*)::integer
  from pg_catalog.pg_index i, pg_catalog.pg_opclass o, pg_catalog.pg_class c
 where i.indexrelid = 'public.prospect_candidates_embedding_idx'::regclass and o.oid = i.indclass[0]
   and c.oid = i.indexrelid and o.opcname = 'halfvec_cosine_ops' and c.reloptions @> array['m=24', 'ef_construction=400'];
