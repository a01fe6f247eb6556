-- A generated set for the industry index tests: 3,200 prospects around 50 directions, half of
-- them (1,600) in "Dental", the only industry big enough for an index of its own (at least 1,500
-- embedded prospects, at most half of them); "Legal" and "Trades" 800 each.
select setseed(0.17);
create temporary table centers on commit drop as
select c, array_agg(random() - 0.5 order by d) as v
  from generate_series(1, 50) c, generate_series(1, 1536) d group by c;
insert into public.prospect_candidates (business_name, website, industry, language, contacted, embedding)
select 'Industry ' || i, 'industry-' || i || '.test',
       case when i % 2 = 0 then 'Dental' when i % 4 = 1 then 'Legal' else 'Trades' end,
       case when i % 3 = 0 then 'en' else 'fr' end, i % 7 = 0,
       (select array_agg(ce.v[d] + 0.35 * (random() - 0.5) order by d) from generate_series(1, 1536) d)::extensions.vector
  from generate_series(1, 3200) i
  join centers ce on ce.c = 1 + i % 50;
analyze public.prospect_candidates;
