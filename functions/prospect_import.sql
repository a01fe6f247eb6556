-- Prospect import, set-based: the sidecar (avenir prospects import) COPYs a file's rows into a
-- temporary staging table, then one call merges them on the canonical website key.
--   private.begin_prospect_import()        the staging table pg_temp.prospect_import_rows
--   private.merge_prospect_import(source)  validate, fold one company's lines together, upsert
-- Invoker rights: run by service_role (or the migration owner), who writes the prospect tables.

create or replace function private.begin_prospect_import()
returns void
language plpgsql
set search_path = ''
as $$
begin
  -- One staging table per transaction; the sidecar fills it with COPY (no index: append only).
  drop table if exists pg_temp.prospect_import_rows;
  create temporary table prospect_import_rows (
    line_no bigint not null,
    business_name text,
    website text,
    alias_domains text,
    contact_email text,
    industry text,
    region text,
    language text,
    form_url text,
    description text,
    source_fields jsonb,
    reject_reason text          -- set by the reader for a line it could not parse
  ) on commit drop;
end
$$;
comment on function private.begin_prospect_import() is
  'Create the transaction''s staging table pg_temp.prospect_import_rows for a COPY of an import file.';
revoke execute on function private.begin_prospect_import() from public;
grant execute on function private.begin_prospect_import() to service_role;

create or replace function private.merge_prospect_metadata(old jsonb, incoming jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- Per source: first_seen kept, last_seen the later date, source fields merged (later values win).
  -- The description (embedded text) is the first one seen. Other keys (score) are kept.
  select coalesce(old, '{}') || pg_catalog.jsonb_build_object('sources',
           coalesce(old -> 'sources', '{}') || coalesce((
             select pg_catalog.jsonb_object_agg(s.key, case
                      when old -> 'sources' ? s.key then pg_catalog.jsonb_build_object(
                        'first_seen', old -> 'sources' -> s.key -> 'first_seen',
                        'last_seen', greatest(old -> 'sources' -> s.key ->> 'last_seen', s.value ->> 'last_seen'),
                        'fields', coalesce(old -> 'sources' -> s.key -> 'fields', '{}') || coalesce(s.value -> 'fields', '{}'))
                      else s.value end)
               from pg_catalog.jsonb_each(incoming -> 'sources') s), '{}'))
         || case when old ? 'description' or incoming -> 'description' is null then '{}'::jsonb
                 else pg_catalog.jsonb_build_object('description', incoming -> 'description') end
$$;
comment on function private.merge_prospect_metadata(jsonb, jsonb) is
  'A prospect''s metadata with an import''s {sources: {<source>: {first_seen, last_seen, fields}}, description} merged in.';
revoke execute on function private.merge_prospect_metadata(jsonb, jsonb) from public;

create or replace function private.merge_prospect_import(source text, seen_on date default current_date)
returns jsonb
language plpgsql
-- Sorts and hashes of a 100,000-line file fit in memory instead of spilling to disk (imports are
-- serialised, so one at a time); the statements run once over the whole file, so JIT compiling
-- them costs more than it saves.
set work_mem = '64MB'
set jit = off
set search_path = ''
as $$
declare
  changed bigint;
  result jsonb;
begin
  if source is null or source not in ('pdl', 'apollo', 'google_places', 'csv') then
    raise exception using errcode = 'invalid_parameter_value',
      message = format('unknown prospect source %L', source),
      hint = 'Use pdl, apollo, google_places or csv.';
  end if;
  -- Imports are serialised: two at once would race for the same new websites.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('avenir.prospect_import'));
  -- A second merge in the same transaction (tests, scripted imports) starts from fresh work tables.
  drop table if exists pg_temp.prospect_import_aliases, pg_temp.prospect_import_keys,
    pg_temp.prospect_import_checked, pg_temp.prospect_import_links, pg_temp.prospect_import_groups,
    pg_temp.prospect_import_companies;

  -- 1. Canonical keys, all of the file's websites and alias domains in one set-based call, and
  --    the first reason (if any) to reject each line.
  create temporary table prospect_import_aliases on commit drop as
  select r.line_no, a.alias
    from pg_temp.prospect_import_rows r
   cross join pg_catalog.regexp_split_to_table(coalesce(r.alias_domains, ''), '[,;|[:space:]]+') a (alias)
   where a.alias <> '';
  create temporary table prospect_import_keys on commit drop as
  select k.website, k.website_key
    from private.canonical_websites(array(select r.website from pg_temp.prospect_import_rows r
                                          union all
                                          select a.alias from pg_temp.prospect_import_aliases a)) k;
  analyze pg_temp.prospect_import_rows, pg_temp.prospect_import_aliases, pg_temp.prospect_import_keys;

  create temporary table prospect_import_checked on commit drop as
  with languages as (
    -- A file spells its language a few ways: map each spelling once, not once per line.
    select l.spelling, private.prospect_language(l.spelling) as language
      from (select distinct r.language as spelling from pg_temp.prospect_import_rows r) l
  ), alias_keys as (
    select a.line_no, array_agg(distinct k.website_key) as alias_keys
      from pg_temp.prospect_import_aliases a
      join pg_temp.prospect_import_keys k on k.website = a.alias
     where k.website_key is not null
     group by a.line_no
  )
  select r.line_no, w.website_key, coalesce(ak.alias_keys, '{}') as alias_keys,
         pg_catalog.btrim(r.business_name) as business_name,
         nullif(pg_catalog.lower(pg_catalog.btrim(r.contact_email)), '') as contact_email,
         nullif(pg_catalog.btrim(r.industry), '') as industry,
         nullif(pg_catalog.btrim(r.region), '') as region,
         nullif(lang.language, 'invalid') as language,
         nullif(pg_catalog.btrim(r.form_url), '') as form_url,
         nullif(pg_catalog.btrim(r.description), '') as description,
         coalesce(r.source_fields, '{}') as source_fields,
         case
           when r.reject_reason is not null then r.reject_reason
           when coalesce(pg_catalog.btrim(r.business_name), '') = '' then 'business name is missing'
           when coalesce(pg_catalog.btrim(r.website), '') = '' then 'website is missing'
           when w.website_key is null then format('website %L is not a domain name', r.website)
           when nullif(pg_catalog.btrim(r.contact_email), '') is not null
                and not private.is_email_address(pg_catalog.btrim(r.contact_email))
             then format('contact e-mail %L is not an e-mail address', r.contact_email)
           when lang.language = 'invalid'
             then format('language %L is neither en nor fr', r.language)
         end as reject_reason
    from pg_temp.prospect_import_rows r
    left join pg_temp.prospect_import_keys w on w.website = r.website
    left join alias_keys ak on ak.line_no = r.line_no
    left join languages lang on lang.spelling is not distinct from r.language;
  analyze pg_temp.prospect_import_checked;

  -- 2. The graph of a file's lines: a line is linked to each of its domains and to the prospect
  --    already owning one of them. Its connected components are the companies.
  create temporary table prospect_import_links on commit drop as
  select distinct line_no, node, prospect_id from (
    select k.line_no, d as node, null::uuid as prospect_id
      from pg_temp.prospect_import_checked k, unnest(array[k.website_key] || k.alias_keys) d
     where k.reject_reason is null
    union all
    select k.line_no, 'prospect:' || coalesce(a.prospect_id, p.id)::text, coalesce(a.prospect_id, p.id)
      from pg_temp.prospect_import_checked k
      cross join unnest(array[k.website_key] || k.alias_keys) d
      left join private.prospect_domains a on a.domain = d
      left join public.prospect_candidates p on p.website = d
     where k.reject_reason is null and coalesce(a.prospect_id, p.id) is not null
  ) l;
  create temporary table prospect_import_groups on commit drop as
  select distinct line_no, line_no as grp from pg_temp.prospect_import_links;
  analyze pg_temp.prospect_import_links, pg_temp.prospect_import_groups;
  -- Label propagation: each line takes the smallest line number reachable through a shared node
  -- (one round per hop of the longest chain of shared domains: usually one or two).
  loop
    with node_min as (
      select l.node, min(g.grp) as grp
        from pg_temp.prospect_import_links l join pg_temp.prospect_import_groups g using (line_no)
       group by l.node
    ), line_min as (
      select l.line_no, min(n.grp) as grp
        from pg_temp.prospect_import_links l join node_min n using (node)
       group by l.line_no
    )
    update pg_temp.prospect_import_groups g set grp = m.grp
      from line_min m
     where m.line_no = g.line_no and m.grp < g.grp;
    get diagnostics changed = row_count;
    exit when changed = 0;
  end loop;

  -- 3. One row per company: the prospect it already is (the oldest, if the file joins two), its
  --    first-seen values in line order, its domains, the source's fields merged line by line.
  create temporary table prospect_import_companies on commit drop as
  with lines as materialized (
    select g.grp, k.* from pg_temp.prospect_import_groups g join pg_temp.prospect_import_checked k using (line_no)
  ), owner as (
    select distinct on (g.grp) g.grp, p.id
      from pg_temp.prospect_import_groups g
      join pg_temp.prospect_import_links x using (line_no)
      join public.prospect_candidates p on p.id = x.prospect_id
     order by g.grp, p.created_at, p.id
  ), fields as (
    select l.grp, pg_catalog.jsonb_object_agg(e.key, e.value order by l.line_no) as fields
      from lines l, pg_catalog.jsonb_each(l.source_fields) e
     group by l.grp
  ), domains as (
    select l.grp, array_agg(distinct d) as domains
      from lines l, unnest(array[l.website_key] || l.alias_keys) d
     group by l.grp
  ), firsts as (
    select l.grp,
           (array_agg(l.website_key order by l.line_no))[1] as website_key,
           (array_agg(l.business_name order by l.line_no))[1] as business_name,
           (array_agg(l.contact_email order by l.line_no) filter (where l.contact_email is not null))[1] as contact_email,
           (array_agg(l.industry order by l.line_no) filter (where l.industry is not null))[1] as industry,
           (array_agg(l.region order by l.line_no) filter (where l.region is not null))[1] as region,
           (array_agg(l.language order by l.line_no) filter (where l.language is not null))[1] as language,
           (array_agg(l.form_url order by l.line_no) filter (where l.form_url is not null))[1] as form_url,
           (array_agg(l.description order by l.line_no) filter (where l.description is not null))[1] as description,
           count(*) as line_count
      from lines l
     group by l.grp
  )
  select f.*, o.id as prospect_id, fl.fields, d.domains
    from firsts f
    join domains d using (grp)
    left join owner o using (grp)
    left join fields fl using (grp);
  analyze pg_temp.prospect_import_companies;

  -- 4. The upsert: existing prospects keep their first-seen values (only empty ones are filled)
  --    and are written only when something changes; new companies are inserted.
  with incoming as (
    select c.*, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
             'sources', pg_catalog.jsonb_build_object(source, pg_catalog.jsonb_build_object(
               'first_seen', seen_on, 'last_seen', seen_on, 'fields', coalesce(c.fields, '{}'))),
             'description', c.description)) as metadata
      from pg_temp.prospect_import_companies c
  ), merged as (
    select i.*, p.id as existing_id, p.website as existing_website,
           row(p.contact_email, p.industry, p.region, p.language, p.form_url, p.metadata) as old_values,
           case when p.id is not null then   -- only an existing prospect can be unchanged
             row(coalesce(p.contact_email, i.contact_email), coalesce(p.industry, i.industry),
                 coalesce(p.region, i.region), coalesce(p.language, i.language), coalesce(p.form_url, i.form_url),
                 private.merge_prospect_metadata(p.metadata, i.metadata)) end as new_values
      from incoming i left join public.prospect_candidates p on p.id = i.prospect_id
  ), inserted as (
    insert into public.prospect_candidates as p
           (business_name, website, contact_email, industry, region, language, form_url, metadata)
    select m.business_name, m.website_key, m.contact_email, m.industry, m.region, m.language, m.form_url, m.metadata
      from merged m where m.existing_id is null
    returning p.id, p.website
  ), updated as (
    update public.prospect_candidates p
       set contact_email = coalesce(p.contact_email, m.contact_email),
           industry = coalesce(p.industry, m.industry),
           region = coalesce(p.region, m.region),
           language = coalesce(p.language, m.language),
           form_url = coalesce(p.form_url, m.form_url),
           metadata = private.merge_prospect_metadata(p.metadata, m.metadata)
      from merged m
     where m.existing_id = p.id and m.old_values is distinct from m.new_values
    returning p.id
  ), linked as (
    insert into private.prospect_domains as a (domain, prospect_id, source)
    select d, coalesce(m.existing_id, i.id), source
      from merged m
      left join inserted i on i.website = m.website_key and m.existing_id is null
      cross join unnest(m.domains) d
    on conflict (domain) do nothing
    returning a.domain
  )
  select pg_catalog.jsonb_build_object(
           'source', source,
           'lines', (select count(*) from pg_temp.prospect_import_checked),
           'inserted', (select count(*) from inserted),
           'updated', (select count(*) from updated),
           'unchanged', (select count(*) from merged) - (select count(*) from inserted) - (select count(*) from updated),
           'rejected', (select count(*) from pg_temp.prospect_import_checked where reject_reason is not null),
           'folded', (select coalesce(sum(line_count - 1), 0) from merged),
           'domains_linked', (select count(*) from linked))
    into result;
  return result;
end
$$;
comment on function private.merge_prospect_import(text, date) is
  'Merge the staged import lines into prospect_candidates on the canonical website key and alias domains; '
  'returns {source, lines, inserted, updated, unchanged, rejected, folded, domains_linked}. '
  'Rejected lines stay in pg_temp.prospect_import_checked with their reason.';
revoke execute on function private.merge_prospect_import(text, date) from public;
grant execute on function private.merge_prospect_import(text, date) to service_role;
