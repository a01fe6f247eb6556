-- Runtime SQL of the prospect sub-package (loaded by avenir_gateway.sql_files.NamedQueries).

-- name: begin_import
select private.begin_prospect_import();

-- name: copy_import_rows
copy pg_temp.prospect_import_rows (line_no, business_name, website, alias_domains, contact_email, industry,
                                   region, language, form_url, description, source_fields, reject_reason)
  from stdin;

-- name: merge_import
select private.merge_prospect_import(%(source)s) as summary;

-- name: rejected_lines
select line_no, reject_reason
  from pg_temp.prospect_import_checked
 where reject_reason is not null
 order by line_no;

-- name: prospects_without_embedding
select p.id, p.business_name, p.industry, p.region, p.metadata ->> 'description' as description
  from public.prospect_candidates p
 where p.embedding is null
 order by p.created_at, p.id
 limit %(limit)s;

-- name: set_prospect_embedding
update public.prospect_candidates
   set embedding = %(embedding)s::extensions.vector
 where id = %(id)s;

-- name: score_prospects
select public.score_prospects() as summary;

-- name: clear_profile
delete from public.avenir_profile_embeddings;

-- name: insert_profile_chunk
insert into public.avenir_profile_embeddings (chunk_text, embedding, embedding_model, metadata)
values (%(chunk_text)s, %(embedding)s::extensions.vector, %(model)s, %(metadata)s);

-- name: record_form_test_response
select public.record_form_test_response(%(id)s, %(received_at)s, %(headers)s, %(subject)s, %(body)s, %(tone)s)
       as result;

-- name: filter_index_plan
select action, filter, value, prospects, index_name, statement
  from public.prospect_filter_index_plan();
