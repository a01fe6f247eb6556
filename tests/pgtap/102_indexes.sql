-- The indexes the spec's queries and the policies need (every foreign key's index is linted in 000).
begin;
select plan(18);

select has_index('public', 'lead_memory', 'lead_memory_client_id_created_at_idx', array['client_id', 'created_at'],
                 'lead_memory: a client''s leads by date');
select is((select pg_get_expr(indpred, indrelid) from pg_index where indexrelid = 'public.lead_memory_client_id_created_at_idx'::regclass),
          null, 'lead_memory: the list index is full (any deleted filter can use it)');
select has_index('public', 'lead_actions', 'lead_actions_client_id_timestamp_idx', array['client_id', '"timestamp"'],
                 'lead_actions: the Activity Log by date');
select has_index('public', 'translation_dictionary', 'translation_dictionary_source_text_trgm_idx', array['source_text'],
                 'translation_dictionary: trigram index on source_text');
select is((select amname from pg_class c join pg_am a on a.oid = c.relam
           where c.oid = 'public.avenir_profile_embeddings_embedding_idx'::regclass), 'hnsw',
          'avenir_profile_embeddings: HNSW index on the embedding');
select ok((select indexdef ~ 'vector_cosine_ops' from pg_indexes where indexname = 'avenir_profile_embeddings_embedding_idx'),
          'avenir_profile_embeddings: the HNSW index uses cosine distance');
select is((select o.opcname::text from pg_index i join pg_opclass o on o.oid = i.indclass[0]
           where i.indexrelid = 'public.prospect_candidates_embedding_idx'::regclass), 'halfvec_cosine_ops',
          'prospect_candidates: the HNSW index compares 16-bit floats by cosine distance');
select matches((select pg_get_indexdef(indexrelid, 1, true) from pg_index
                where indexrelid = 'public.prospect_candidates_embedding_idx'::regclass),
               '^\(embedding::(extensions\.)?halfvec\(1536\)\)$',
               'prospect_candidates: the HNSW index is on the embedding''s halfvec(1536) cast');
select has_index('public', 'queue_jobs', 'queue_jobs_pending_idx', array['priority', 'run_at'], 'queue_jobs: claim order');
select is((select pg_get_expr(indpred, indrelid) from pg_index where indexrelid = 'public.queue_jobs_pending_idx'::regclass),
          '(status = ''pending''::text)', 'queue_jobs: the claim index covers pending jobs only');
select ok((select indisunique from pg_index where indexrelid = 'public.queue_jobs_dedup_key_pending_idx'::regclass),
          'queue_jobs: dedup_key is unique among pending jobs');
select has_index('public', 'queue_jobs', 'queue_jobs_processing_idx', array['heartbeat_at'], 'queue_jobs: stale-job sweep');
select has_index('public', 'queue_jobs', 'queue_jobs_failed_idx', array['completed_at'], 'queue_jobs: failed jobs');
select has_index('public', 'prospect_candidates', 'prospect_candidates_automation_need_score_idx', array['automation_need_score'],
                 'prospect_candidates: the daily queue by automation need');
select has_index('public', 'feedback_tracking', 'feedback_tracking_expires_at_idx', array['expires_at'],
                 'feedback_tracking: expiry clean-up');
select has_index('public', 'translation_cache', 'translation_cache_expires_at_idx', array['expires_at'],
                 'translation_cache: expiry clean-up');
select is_empty($$
  select p.tablename from pg_policies p
  where p.schemaname = 'public' and p.qual ~ '^\(client_id = '
    and not exists (select from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                    where i.indrelid = ('public.' || p.tablename)::regclass and a.attname = 'client_id')
$$, 'every column a client-isolation policy filters on leads an index');
select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'client_id')
    and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'f'
                    and k.confrelid = 'public.clients'::regclass)
    and c.relname <> 'clients'
$$, 'every client_id column references clients (client_id)');

select * from finish();
rollback;
