-- Prospect discovery: explained scores, pgvector similarity, the daily prospect queue.
-- service_role calls them (the sidecar, staff). Internal clients read the prospect tables through
-- RLS; these functions use private helpers, which no API client role may reach.

create or replace function private.profile_centroid()
returns extensions.vector
language sql
stable
set search_path = ''
as $$
  -- The company profile as one direction: the mean of its chunk embeddings (cosine ignores length).
  select extensions.avg(e.embedding) from public.avenir_profile_embeddings e
$$;
comment on function private.profile_centroid() is
  'Mean embedding of avenir_profile_embeddings (null when no profile is loaded): the query of profile similarity.';
revoke execute on function private.profile_centroid() from public;
grant execute on function private.profile_centroid() to service_role;

create or replace function public.score_prospects()
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  centroid extensions.vector := private.profile_centroid();
  scored bigint;
  changed bigint;
begin
  -- automation_need_score = 45 + 50 * sum(weight * value), each value in 0..1, weights summing to 1:
  --   form_response        0.30  latest form test: no answer (timeout) 1, robotic autoresponder 0.8,
  --                              a person answered (human / no autoresponder) 0.4, personalized 0.1,
  --                              never tested 0.5
  --   response_speed       0.15  minutes to the answer / 1440, capped at 1 (timeout 1, never tested 0.5)
  --   industry_reply_rate  0.20  prospect_industry_performance.reply_rate / 20 % capped at 1 (unknown 0.5)
  --   contact_completeness 0.15  share of e-mail, form URL, industry, region, language present
  --   profile_similarity   0.20  cosine similarity to the profile centroid, 0..1 (no embedding: 0)
  -- The explanation is metadata.score {version, total, signals: [{signal, value, weight, points}]}.
  with latest_test as (
    select distinct on (t.prospect_id) t.prospect_id, t.test_status, t.autoresponder_tone, t.has_autoresponder,
           t.response_time_minutes
      from public.prospect_form_tests t
     where t.test_status in ('completed', 'timeout')
     order by t.prospect_id, t.test_submitted_at desc, t.id
  ), signal_values as (
    select p.id,
           case when t.prospect_id is null then 0.5
                when t.test_status = 'timeout' then 1.0
                when t.has_autoresponder and t.autoresponder_tone = 'robotic' then 0.8
                when t.autoresponder_tone = 'personalized' then 0.1
                else 0.4 end as form_response,
           case when t.prospect_id is null then 0.5
                when t.test_status = 'timeout' then 1.0
                else least(1.0, coalesce(t.response_time_minutes, 1440) / 1440.0) end as response_speed,
           coalesce(least(1.0, i.reply_rate / 20.0), 0.5) as industry_reply_rate,
           ((p.contact_email is not null)::int + (p.form_url is not null)::int + (p.industry is not null)::int
             + (p.region is not null)::int + (p.language is not null)::int) / 5.0 as contact_completeness,
           case when p.embedding is null or centroid is null then 0.0
                else greatest(0.0, least(1.0, 1.0 - (p.embedding operator(extensions.<=>) centroid))) end
             as profile_similarity
      from public.prospect_candidates p
      left join latest_test t on t.prospect_id = p.id
      left join public.prospect_industry_performance i on i.industry = p.industry
  ), signals as (
    select v.id, s.signal, round(s.value::numeric, 4) as value, s.weight,
           round(50 * s.weight * s.value::numeric, 2) as points
      from signal_values v
     cross join lateral (values
       ('form_response', v.form_response, 0.30), ('response_speed', v.response_speed, 0.15),
       ('industry_reply_rate', v.industry_reply_rate, 0.20),
       ('contact_completeness', v.contact_completeness, 0.15),
       ('profile_similarity', v.profile_similarity, 0.20)) s (signal, value, weight)
  ), scores as (
    select s.id,
           least(95, greatest(45, 45 + round(sum(50 * s.weight * s.value))))::integer as score,
           pg_catalog.jsonb_build_object('version', 1,
             'total', least(95, greatest(45, 45 + round(sum(50 * s.weight * s.value))))::integer,
             'base', 45,
             'signals', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                          'signal', s.signal, 'value', s.value, 'weight', s.weight, 'points', s.points)
                        order by s.signal)) as explanation
      from signals s
     group by s.id
  ), updated as (
    update public.prospect_candidates p
       set automation_need_score = c.score,
           metadata = p.metadata || pg_catalog.jsonb_build_object('score', c.explanation)
      from scores c
     where c.id = p.id
       and (p.automation_need_score is distinct from c.score or p.metadata -> 'score' is distinct from c.explanation)
    returning p.id
  )
  select (select count(*) from scores), (select count(*) from updated) into scored, changed;
  return pg_catalog.jsonb_build_object('scored', scored, 'changed', changed, 'profile_loaded', centroid is not null);
end
$$;
comment on function public.score_prospects() is
  'Recompute every prospect''s automation_need_score (45-95) from documented signals, explained in '
  'metadata.score; deterministic; writes only the rows that change. Returns {scored, changed, profile_loaded}.';
revoke execute on function public.score_prospects() from public, anon, authenticated;
grant execute on function public.score_prospects() to service_role;

create or replace function private.filter_values(filters jsonb, key text)
returns text[]
language plpgsql
immutable
set search_path = ''
as $$
begin
  -- A filter value is a string or an array of strings; absent or null means no filter.
  case pg_catalog.jsonb_typeof(filters -> key)
    when 'string' then return array[filters ->> key];
    when 'array' then
      if exists (select from pg_catalog.jsonb_array_elements(filters -> key) e where pg_catalog.jsonb_typeof(e) <> 'string') then
        raise exception using errcode = 'invalid_parameter_value',
          message = format('filter %s must list strings, got %s', key, filters -> key),
          hint = 'Pass a string or an array of strings, e.g. {"industry": ["Dental", "Legal"]}.';
      end if;
      return array(select pg_catalog.jsonb_array_elements_text(filters -> key));
    when 'null' then return null;
    else
      if filters -> key is null then
        return null;
      end if;
      raise exception using errcode = 'invalid_parameter_value',
        message = format('filter %s must be a string or an array of strings, got %s', key, filters -> key),
        hint = 'Pass a string or an array of strings, e.g. {"industry": ["Dental", "Legal"]}.';
  end case;
end
$$;
comment on function private.filter_values(jsonb, text) is 'The strings of one prospect filter (a string or an array of strings), or null.';
revoke execute on function private.filter_values(jsonb, text) from public;
grant execute on function private.filter_values(jsonb, text) to service_role;

-- Replaced by the one query text of private.prospect_nearest_sql: every path of match_prospects is
-- planned per call (EXECUTE), and a query text is planned 0.12 ms faster than these functions
-- inlined into it (0.08 against 0.20 ms, measured at 35,000).
drop function if exists private.prospect_nearest(extensions.vector, integer, text[], text[], text[], boolean, boolean);
drop function if exists private.prospect_nearest(extensions.vector, integer, text[], text[], text[], boolean);
drop function if exists private.prospect_nearest_hnsw(extensions.vector, integer, text[], text[], text[], boolean);
drop function if exists private.prospect_nearest_exact(extensions.vector, integer, text[], text[], text[], boolean);
drop function if exists private.prospect_entry(uuid, text, text, text, text, text, boolean, integer, double precision);
drop function if exists private.prospect_matches(text[], text[], text[], boolean);

create or replace function private.prospect_filter_sql()
returns text
language sql
immutable
parallel safe
as $$
  -- Parameters $3 industries, $4 regions, $5 languages (text[], null: any), $6 not_contacted.
  select $f$p.embedding is not null
     and ($3::text[] is null or p.industry = any ($3::text[]))
     and ($4::text[] is null or p.region = any ($4::text[]))
     and ($5::text[] is null or p.language = any ($5::text[]))
     and (not $6::boolean or not p.contacted)$f$
$$;
comment on function private.prospect_filter_sql() is
  'match_prospects'' filter, stated once, as the WHERE clause of its queries over public.prospect_candidates p: '
  'an embedding, and the industries $3, regions $4, languages $5 (text[], null: any), not contacted when $6.';
revoke execute on function private.prospect_filter_sql() from public;
grant execute on function private.prospect_filter_sql() to service_role;

create or replace function private.prospect_nearest_sql(order_by text)
returns text
language sql
immutable
parallel safe
as $$
  -- The k ($2) rows of the filter first in order_by; their float4 cosine distance to the query $1,
  -- by which they are returned; the JSON of those k rows only.
  select pg_catalog.format($q$
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'id', n.id, 'business_name', n.business_name, 'website', n.website, 'industry', n.industry,
             'region', n.region, 'language', n.language, 'contacted', n.contacted,
             'automation_need_score', n.automation_need_score,
             'similarity', round((1 - n.distance)::numeric, 6)) order by n.distance, n.id), '[]'),
           count(*)::integer
      from (select p.id, p.business_name, p.website, p.industry, p.region, p.language, p.contacted,
                   p.automation_need_score, p.embedding operator(extensions.<=>) $1::extensions.vector as distance
              from public.prospect_candidates p
             where %s
             order by %s
             limit $2::integer) n$q$, private.prospect_filter_sql(), order_by)
$$;
comment on function private.prospect_nearest_sql(text) is
  'match_prospects'' query ($1 the query vector, $2 k, then private.prospect_filter_sql''s): the k kept prospects '
  'first in order_by, as two columns (their JSON array, ordered by their float4 similarity, and their count).';
revoke execute on function private.prospect_nearest_sql(text) from public;
grant execute on function private.prospect_nearest_sql(text) to service_role;

create or replace function private.prospect_filter_rows(
  industries text[], regions text[], languages text[], not_contacted boolean
) returns real
language plpgsql
-- volatile only because PL/pgSQL refuses EXPLAIN in a stable function: it plans, reads no rows.
volatile
set search_path = ''
as $$
declare
  plan json;
begin
  -- The filter alone: the plan's rows are its rows (0.1 ms measured, planning included).
  execute 'explain (format json) select from public.prospect_candidates p where ' || private.prospect_filter_sql()
    into plan using null::extensions.vector, null::integer, industries, regions, languages, not_contacted;
  return (plan -> 0 -> 'Plan' ->> 'Plan Rows')::real;
end
$$;
comment on function private.prospect_filter_rows(text[], text[], text[], boolean) is
  'The planner''s estimate of the prospects match_prospects'' filter keeps (planning only, no rows read).';
revoke execute on function private.prospect_filter_rows(text[], text[], text[], boolean) from public;
grant execute on function private.prospect_filter_rows(text[], text[], text[], boolean) to service_role;

create or replace function private.prospect_exact_below()
returns integer
language sql
immutable
parallel safe
-- Below this many rows (the table, or the rows a filter is estimated to keep) the exact scan over
-- them beats the HNSW scan. A filtered HNSW scan reads about k / selectivity index tuples, the
-- exact scan every kept row (through a b-tree where one fits, else the whole table). On 50,000
-- prospects through the industry b-tree: 474 rows 1.9 ms exact vs 16 ms HNSW, 949 rows 3.4 vs
-- 7.7 ms, 1,439 rows 5.0 vs 6.2 ms, 1,944 rows 11.3 vs 5.8 ms; on 200,000 a 1 % filter with no
-- b-tree (2,000 rows, the whole table read) 40 ms exact vs 13 ms HNSW. Where the two meet grows
-- with the table (a cost model fitted on these: about 1,300 rows at 35,000 and 2,700 at 200,000
-- with a b-tree, nearer 1,000 at 200,000 without); 1,500 stays within 1.5x of the faster scan in
-- every measured case (a second sweep at load 5: 1,439 rows 18.4 ms exact vs 13.6 ms HNSW) and
-- within 2x in the modelled ones (bench/prospects/RESULTS.md). Also the fewest prospects of an
-- industry, region or language that get an index of their own (public.prospect_filter_index_plan).
as $$ select 1500 $$;
comment on function private.prospect_exact_below() is
  'Under this many rows (table or estimated filter) match_prospects scans exactly; an industry, region or '
  'language with at least this many embedded prospects (and at most half of them) gets an HNSW index of its own.';
revoke execute on function private.prospect_exact_below() from public;
grant execute on function private.prospect_exact_below() to service_role;

-- Generalised to regions and languages: private.prospect_filter_index_name, prospect_own_index.
drop function if exists private.prospect_industry_index_name(text);
drop function if exists private.prospect_industry_indexed(text);

create or replace function private.prospect_filter_index_name(filter text, value text)
returns text
language sql
immutable
parallel safe
-- A name for any value (its text may be anything): a digest, within the 63 bytes of a name.
as $$ select 'prospect_candidates_embedding_' || left(pg_catalog.md5(filter || '=' || value), 16) || '_idx' $$;
comment on function private.prospect_filter_index_name(text, text) is
  'The name of the HNSW index of the prospects of one industry, region or language (partial, on filter = value).';
revoke execute on function private.prospect_filter_index_name(text, text) from public;
grant execute on function private.prospect_filter_index_name(text, text) to service_role;

create or replace function private.prospect_own_index(industries text[], regions text[], languages text[])
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  own text;
begin
  -- Of the filters on one value, the one whose value has a valid index of its own, the smallest
  -- (fewest index tuples: the walk reads the fewest rows the other filters drop). PL/pgSQL: its
  -- query planned once a session (a SQL function with a subquery is planned each call).
  select f.filter into own
    from (values ('industry', industries), ('region', regions), ('language', languages)) f (filter, vals)
    join pg_catalog.pg_index i
      on i.indexrelid = pg_catalog.to_regclass('public.' || private.prospect_filter_index_name(f.filter, f.vals[1]))
    join pg_catalog.pg_class c on c.oid = i.indexrelid
   where pg_catalog.cardinality(f.vals) = 1 and i.indisvalid and i.indisready
   order by c.reltuples, f.filter
   limit 1;
  return own;
end
$$;
comment on function private.prospect_own_index(text[], text[], text[]) is
  'Which filter (industry, region, language) on one value has a valid HNSW index of its own for that value '
  '(the smallest if several; not one a concurrent build left invalid), or null.';
revoke execute on function private.prospect_own_index(text[], text[], text[]) from public;
grant execute on function private.prospect_own_index(text[], text[], text[]) to service_role;

create or replace function private.prospect_neighbours(
  query_embedding extensions.vector,
  k integer,
  industries text[],
  regions text[],
  languages text[],
  not_contacted boolean,
  ef_search integer,
  iterative_scan text
) returns jsonb
language plpgsql
stable
-- Filtered HNSW scans keep going past ef_search (pgvector 0.8 iterative scans) but never past
-- max_scan_tuples index tuples: bounded work for any filter. These clauses also restore every
-- setting changed below when the function returns.
set hnsw.max_scan_tuples = 20000
set hnsw.ef_search = 40
set hnsw.iterative_scan = relaxed_order
set enable_indexscan = on
set enable_seqscan = on
set enable_sort = on
-- No JIT: these queries read tens of rows, or a few thousand, and nothing JIT compiles pays back;
-- their cost estimates can pass jit_above_cost (a plan that carried the exact scan did: 73 ms of
-- compiling a call for a 3-8 ms query, measured at 35,000).
set jit = off
set search_path = ''
as $$
declare
  exact_below constant integer := private.prospect_exact_below();
  -- hnsw.ef_search on the table's index where the session left pgvector's default (ef_search
  -- null): with m 24 / ef_construction 400 and the index in shared_buffers, 200 gives recall@10
  -- 1.000 unfiltered (34x the exact scan) and 0.998 under a 10 % filter (15x) on 200,000
  -- prospects; 100 is 3x faster unfiltered but a build that strands one query's neighbours reads
  -- 0.988. The same under a filter, where a narrower width was tried (the iterative scan reads
  -- about k / selectivity tuples anyway): on the halfvec build at 200,000, ef_search 40 and 100
  -- lose one query of 100 (0.0) under the 10 % filter, 200 none (0.998, 23x paired). So one
  -- width, filtered or not. Figures: bench/prospects/RESULTS.md.
  table_ef_search constant integer := 200;
  -- The same on a value's own index (a graph of that industry, region or language alone), where
  -- a narrow width keeps the exact neighbours: under a 10 % industry or language filter, 24 reads
  -- recall@10 0.997 on 35,000 prospects (graphs of 3,500) and 32 reads 0.998-1.000 there and
  -- 0.999 on 200,000 (20,000), 20 reads 0.996 / 0.999; 24 runs 7-19 % faster than 32, 32 8-11 %
  -- faster than 40, 40 at 2.6x the speed of 200. The aim is recall 0.98 at 10x the exact scan.
  own_ef_search constant integer := 24;
  -- The order of the table's HNSW index (an expression index on the halfvec cast), and the
  -- float4 one: of the exact scan, and of a value's own index.
  halfvec_order constant text := 'p.embedding::extensions.halfvec(1536) operator(extensions.<=>) '
                                 '$1::extensions.halfvec(1536)';
  float4_order constant text := 'p.embedding operator(extensions.<=>) $1::extensions.vector';
  estimated_rows real;
  own text;
  others boolean;
  method text;
  found integer;
  neighbours jsonb;
begin
  select c.reltuples into estimated_rows from pg_catalog.pg_class c where c.oid = 'public.prospect_candidates'::regclass;
  if estimated_rows >= exact_below then
    own := private.prospect_own_index(industries, regions, languages);
  end if;
  if own is not null then
    -- One industry, region or language with an index of its own (public.prospect_filter_index_plan),
    -- which holds at least exact_below of its prospects (the plan drops it below): no estimate to
    -- make unless another filter narrows them (0.15 ms a call).
    method := own || '_hnsw';
    others := (own <> 'industry' and industries is not null) or (own <> 'region' and regions is not null)
              or (own <> 'language' and languages is not null) or not_contacted;
    if others and private.prospect_filter_rows(industries, regions, languages, not_contacted) between 0 and exact_below then
      method := 'exact';
    end if;
  else
    -- With a filter, the planner's estimate of the rows it keeps decides (planning only, no rows read).
    if estimated_rows >= exact_below
       and (industries is not null or regions is not null or languages is not null or not_contacted) then
      estimated_rows := private.prospect_filter_rows(industries, regions, languages, not_contacted);
    end if;
    method := case when estimated_rows between 0 and exact_below then 'exact' else 'hnsw' end;
  end if;
  -- Every path planned for this call's values (EXECUTE): they prove the predicate of a value's own
  -- index, and pick a b-tree for the exact scan.
  if method = own || '_hnsw' then
    -- The value's graph holds its prospects alone, so the walk reads no one else. Its order is the
    -- exact query's (the float4 distance), which only such an index serves (the table's is halfvec).
    perform pg_catalog.set_config('enable_seqscan', 'off', true);
    perform pg_catalog.set_config('enable_sort', 'off', true);
    perform pg_catalog.set_config('hnsw.ef_search', greatest(coalesce(ef_search, own_ef_search), k)::text, true);
    -- That filter alone: every tuple of its index passes it, so the first ef_search (>= k) hold k
    -- rows and an iterative scan would only add its bookkeeping (0.05 ms a call measured).
    perform pg_catalog.set_config('hnsw.iterative_scan', case when others then iterative_scan else 'off' end, true);
    execute private.prospect_nearest_sql(float4_order) into neighbours, found
      using query_embedding, k, industries, regions, languages, not_contacted;
  elsif method = 'hnsw' then
    -- The HNSW index whatever the planner's cost estimate (on 200,000 rows it rises above the
    -- exact scan's from ef_search 200): no sequential scan, no sort of another scan's rows.
    perform pg_catalog.set_config('enable_seqscan', 'off', true);
    perform pg_catalog.set_config('enable_sort', 'off', true);
    -- At least k candidates per scan round.
    perform pg_catalog.set_config('hnsw.ef_search', greatest(coalesce(ef_search, table_ef_search), k)::text, true);
    perform pg_catalog.set_config('hnsw.iterative_scan', iterative_scan, true);
    -- The k rows the scan yields (in its halfvec order, relaxed) returned by their float4 distance.
    execute private.prospect_nearest_sql(halfvec_order) into neighbours, found
      using query_embedding, k, industries, regions, languages, not_contacted;
  end if;
  if method <> 'exact' and found < k then
    -- The bounded scan ran out (a selective filter the estimate missed): the exact scan finds every match.
    method := method || '+exact';
    perform pg_catalog.set_config('enable_seqscan', 'on', true);
    perform pg_catalog.set_config('enable_sort', 'on', true);
  end if;
  if method = 'exact' or method like '%+exact' then
    -- A b-tree where one fits, never an HNSW index.
    perform pg_catalog.set_config('enable_indexscan', 'off', true);
    execute private.prospect_nearest_sql(float4_order) into neighbours, found
      using query_embedding, k, industries, regions, languages, not_contacted;
  end if;
  return pg_catalog.jsonb_build_object('k', k, 'count', found, 'method', method, 'rows', neighbours);
end
$$;
comment on function private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text) is
  'match_prospects'' scan: exact for under 1,500 rows (table or estimated filter); one industry, region or '
  'language with an index of its own through that index (float4, hnsw.ef_search 24 unless given; method '
  'industry_hnsw, region_hnsw or language_hnsw); else the table''s halfvec '
  'HNSW index (ef_search 200 unless given; the k rows it yields re-sorted by their float4 distance); both '
  'forced, iterative scans bounded by max_scan_tuples, exact again when they fall short of k.';
revoke execute on function private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text) from public;
grant execute on function private.prospect_neighbours(extensions.vector, integer, text[], text[], text[], boolean, integer, text) to service_role;

-- Generalised to regions and languages: prospect_filter_indexes, prospect_filter_index_plan.
drop function if exists private.prospect_industry_indexes();
drop function if exists public.prospect_industry_index_plan();

create or replace function private.prospect_filter_indexes()
returns table (index_name text, filter text, value text, valid boolean)
language sql
stable
set search_path = ''
as $$
  -- Ours: the partial indexes of prospect_candidates named by prospect_filter_index_name, whose
  -- predicate (filter = '...') gives back the filter and its value, quotes undoubled.
  select x.index_name, x.parts[1], pg_catalog.replace(x.parts[2], '''''', ''''), x.valid
    from (select c.relname::text as index_name, i.indisvalid as valid,
                 pg_catalog.regexp_match(pg_catalog.pg_get_expr(i.indpred, i.indrelid),
                                         '^\((\w+) = ''(.*)''::text\)$') as parts
            from pg_catalog.pg_index i
            join pg_catalog.pg_class c on c.oid = i.indexrelid
           where i.indrelid = 'public.prospect_candidates'::regclass
             and i.indpred is not null
             and c.relname like 'prospect\_candidates\_embedding\_%\_idx') x
$$;
comment on function private.prospect_filter_indexes() is
  'The HNSW indexes of one industry, region or language present on prospect_candidates (valid or left '
  'invalid by a failed concurrent build), with the filter and value each serves: what '
  'prospect_filter_index_plan keeps or drops.';
revoke execute on function private.prospect_filter_indexes() from public;
grant execute on function private.prospect_filter_indexes() to service_role;

create or replace function public.prospect_filter_index_plan()
returns table (action text, filter text, value text, prospects bigint, index_name text, statement text)
language sql
stable
set search_path = ''
as $$
  -- An industry, region or language of at least prospect_exact_below() embedded prospects, and at
  -- most half of them, gets an HNSW index of its own: partial (filter = value), float4 (the exact
  -- query's order, so match_prospects reads it for that value alone), the graph options of the
  -- table's index. Under a filter on one value the table's graph makes the walk read about
  -- 1 / selectivity times more index tuples than it keeps; the value's own graph reads its own
  -- alone (figures: bench/prospects/RESULTS.md). Fewer prospects: the exact scan is as fast, and
  -- match_prospects takes it; more than half: the table's graph reads at most twice what it keeps.
  -- Memory: the indexes of one filter together hold each embedded prospect at most once, in float4.
  with embedded as (
    select f.filter, f.value, count(*) as prospects
      from public.prospect_candidates p
     cross join lateral (values ('industry', p.industry), ('region', p.region), ('language', p.language))
                          f (filter, value)
     where p.embedding is not null
       and f.value is not null
     group by f.filter, f.value
  ), wanted as (
    select e.filter, e.value, e.prospects, private.prospect_filter_index_name(e.filter, e.value) as index_name
      from embedded e
     where e.prospects >= private.prospect_exact_below()
       and e.prospects * 2 <= (select count(*) from public.prospect_candidates x where x.embedding is not null)
  ), present as (
    select * from private.prospect_filter_indexes()
  ), graph as (
    select pg_catalog.array_to_string(c.reloptions, ', ') as options
      from pg_catalog.pg_class c
     where c.oid = pg_catalog.to_regclass('public.prospect_candidates_embedding_idx')
  )
  -- Drops first: an index no value wants any more, or one a failed concurrent build left invalid
  -- (built again below).
  select 'drop', p.filter, p.value, null::bigint, p.index_name,
         pg_catalog.format('drop index concurrently if exists public.%I', p.index_name)
    from present p
   where not p.valid or p.index_name not in (select w.index_name from wanted w)
  union all
  select 'create', w.filter, w.value, w.prospects, w.index_name,
         pg_catalog.format('create index concurrently if not exists %I on public.prospect_candidates '
                           'using hnsw (embedding extensions.vector_cosine_ops) with (%s) where %I = %L',
                           w.index_name, g.options, w.filter, w.value)
    from wanted w, graph g
   where not exists (select from present p where p.index_name = w.index_name and p.valid)
   order by 1 desc, 4 desc nulls first, 2, 3
$$;
comment on function public.prospect_filter_index_plan() is
  'What `avenir prospects index` runs, one statement at a time outside a transaction: the HNSW index of '
  'each industry, region and language holding at least 1,500 embedded prospects and at most half of them '
  '(partial on that value, float4, the table index''s m and ef_construction; match_prospects reads it under '
  'a filter on that one value), created concurrently, and the drops of those no longer wanted. Empty when in step.';
revoke execute on function public.prospect_filter_index_plan() from public, anon, authenticated;
grant execute on function public.prospect_filter_index_plan() to service_role;

create or replace function public.match_prospects(
  query_embedding extensions.vector,
  k integer default 10,
  filters jsonb default '{}'
) returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  allowed constant text[] := array['industry', 'region', 'language', 'not_contacted'];
  -- pgvector's own default: a session showing it has not chosen (setting 40 explicitly reads the same).
  pgvector_ef_search constant text := '40';
  ef_search integer;
  iterative_scan text;
begin
  if query_embedding is null or extensions.vector_dims(query_embedding) <> 1536 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('query_embedding must have 1536 dimensions, got %s',
                       coalesce(extensions.vector_dims(query_embedding)::text, 'null')),
      hint = 'Embed the query with the provider (text-embedding size 1536).';
  end if;
  if k is null or k not between 1 and 1000 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('k must be between 1 and 1000, got %s', coalesce(k::text, 'null')),
      hint = 'Ask for at most 1000 neighbours.';
  end if;
  filters := coalesce(filters, '{}');
  if pg_catalog.jsonb_typeof(filters) <> 'object'
     or exists (select from pg_catalog.jsonb_object_keys(filters) f where f <> all (allowed)) then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('unknown prospect filter in %s', filters),
      hint = 'Filters are a JSON object with industry, region, language (strings or arrays) and not_contacted (boolean).';
  end if;
  if pg_catalog.jsonb_typeof(filters -> 'not_contacted') not in ('boolean', 'null') then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('filter not_contacted must be true or false, got %s', filters -> 'not_contacted'),
      hint = 'Pass {"not_contacted": true}.';
  end if;
  -- The session's own pgvector settings win; where it left pgvector's defaults, ours. Read with
  -- current_setting: pg_settings, which would also tell a default from a value the session set,
  -- lists every setting of the server and cost 0.7-1 ms a call (a sixth of an HNSW query).
  -- null: the session has not chosen; prospect_neighbours takes the width of the index it reads.
  ef_search := nullif(pg_catalog.current_setting('hnsw.ef_search', true), pgvector_ef_search)::integer;
  iterative_scan := case pg_catalog.current_setting('hnsw.iterative_scan', true)
                      when 'strict_order' then 'strict_order' else 'relaxed_order' end;
  return private.prospect_neighbours(query_embedding, k,
    private.filter_values(filters, 'industry'), private.filter_values(filters, 'region'),
    private.filter_values(filters, 'language'), coalesce((filters ->> 'not_contacted')::boolean, false),
    ef_search, iterative_scan);
end
$$;
comment on function public.match_prospects(extensions.vector, integer, jsonb) is
  'The k prospects nearest to query_embedding by cosine (HNSW over halfvec(1536), iterative scan bounded by '
  'hnsw.max_scan_tuples, the rows ordered by and returned with their float4 similarity; '
  'exact scan for tables and filters estimated to keep under 1,500 rows, or when a selective filter '
  'exhausts the index scan), filtered by {industry, region, language, not_contacted}: k rows whenever k match. '
  'A filter on one industry, region or language with an index of its own (prospect_filter_index_plan) reads '
  'that index (float4 order, hnsw.ef_search 24). '
  'hnsw.ef_search 200 on the table''s index unless the session sets another value than pgvector''s default 40; '
  'hnsw.iterative_scan relaxed_order unless the session '
  'asks for strict_order. Returns {k, count, method, rows: [{id, business_name, website, ..., similarity}]}.';
revoke execute on function public.match_prospects(extensions.vector, integer, jsonb) from public, anon, authenticated;
grant execute on function public.match_prospects(extensions.vector, integer, jsonb) to service_role;

create or replace function public.similar_prospects_to_profile(k integer default 10, filters jsonb default '{}')
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  centroid extensions.vector := private.profile_centroid();
begin
  if centroid is null then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('no company profile is loaded (avenir_profile_embeddings is empty)'),
      hint = private.ui_text_both('Load it with: avenir profile load FILE.');
  end if;
  return public.match_prospects(centroid, k, filters)
         || pg_catalog.jsonb_build_object('profile_chunks', (select count(*) from public.avenir_profile_embeddings));
end
$$;
comment on function public.similar_prospects_to_profile(integer, jsonb) is
  'The k prospects most similar to Avenir''s company profile (centroid of avenir_profile_embeddings), '
  'with match_prospects'' filters and guarantees.';
revoke execute on function public.similar_prospects_to_profile(integer, jsonb) from public, anon, authenticated;
grant execute on function public.similar_prospects_to_profile(integer, jsonb) to service_role;

create or replace function public.build_daily_prospect_queue(n integer default 16)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  centroid extensions.vector := private.profile_centroid();
  queue jsonb;
  eligible bigint;
begin
  if n is null or n not between 1 and 500 then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('n must be between 1 and 500, got %s', coalesce(n::text, 'null')),
      hint = 'The daily queue holds 16 prospects by default.';
  end if;
  -- Eligible for e-mail outreach: an address, never contacted (flag, outreach log, or an e-mail
  -- other than a rejected draft), never bounced or unsubscribed anywhere.
  with candidates as (
    select p.id, p.business_name, p.website, p.contact_email, p.industry, p.region, p.language,
           p.automation_need_score,
           case when p.embedding is null or centroid is null then null
                else round((1 - (p.embedding operator(extensions.<=>) centroid))::numeric, 6) end as similarity
      from public.prospect_candidates p
     where not p.contacted
       and p.contact_email is not null
       and not exists (select from public.prospect_outreach_log l where l.prospect_id = p.id)
       and not exists (select from public.outreach_emails e where e.prospect_id = p.id and e.status <> 'rejected')
       and not exists (select from public.outreach_tracking t
                        where t.prospect_id = p.id and t.action in ('bounced', 'unsubscribed'))
  ), ranked as (
    -- Spread over industries: every industry's best before any industry's second, and so on.
    select c.*, row_number() over (partition by coalesce(c.industry, '') order by
             c.automation_need_score desc nulls last, c.similarity desc nulls last, c.id) as industry_rank
      from candidates c
  ), chosen as (
    select r.*, row_number() over (order by r.industry_rank, r.automation_need_score desc nulls last,
                                            r.similarity desc nulls last, r.id) as rank
      from ranked r
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'rank', c.rank, 'id', c.id, 'business_name', c.business_name, 'website', c.website,
           'contact_email', c.contact_email, 'industry', c.industry, 'region', c.region,
           'language', c.language, 'automation_need_score', c.automation_need_score,
           'similarity', c.similarity) order by c.rank) filter (where c.rank <= n), '[]'),
         count(*)
    into queue, eligible
    from chosen c;
  return pg_catalog.jsonb_build_object('n', n, 'count', pg_catalog.jsonb_array_length(queue),
                                       'eligible', eligible, 'prospects', queue);
end
$$;
comment on function public.build_daily_prospect_queue(integer) is
  'Today''s n (16 by default) prospects for e-mail outreach: uncontacted, with an address, never bounced or '
  'unsubscribed, ranked by automation_need_score then profile similarity and spread over industries. '
  'Returns {n, count, eligible, prospects: [...]} (the outreach issue turns them into pending e-mails).';
revoke execute on function public.build_daily_prospect_queue(integer) from public, anon, authenticated;
grant execute on function public.build_daily_prospect_queue(integer) to service_role;
