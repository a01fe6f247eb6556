-- A generated set for the vector tests: 2,500 prospects around 50 directions (clusters, as real
-- descriptions are), 1 % of them in the industry "Rare", 10 % in "Tenth"; statistics refreshed so
-- that match_prospects sees a table worth an HNSW scan.
select setseed(0.42);
create temporary table centers on commit drop as
select c, array_agg(random() - 0.5 order by d) as v
  from generate_series(1, 50) c, generate_series(1, 1536) d group by c;
insert into public.prospect_candidates (business_name, website, industry, language, contacted, embedding)
select 'Vector ' || i, 'vector-' || i || '.test',
       case when i % 100 = 0 then 'Rare' when i % 10 = 0 then 'Tenth' else 'Common' end,
       case when i % 2 = 0 then 'en' else 'fr' end, i % 7 = 0,
       (select array_agg(ce.v[d] + 0.35 * (random() - 0.5) order by d) from generate_series(1, 1536) d)::extensions.vector
  from generate_series(1, 2500) i
  join centers ce on ce.c = 1 + i % 50;
analyze public.prospect_candidates;
