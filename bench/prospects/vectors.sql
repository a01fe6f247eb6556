-- Generated prospect embeddings for bench/prospects/bench.py, built the way description
-- embeddings are made up: not a tight ball of noise around a few centres (isotropic noise in all
-- 1536 dimensions makes every neighbour of a point nearly equidistant, a case no text model
-- produces), but a bag of concepts. Each vector is the unit-length sum of
--   - its industry topic (1 of 60 directions, weight 1),
--   - 8 services or traits drawn mostly (70 %) from the 40 of its topic, else from any of 800,
--     each with a weight of 0.3-0.8 (two dentists offering implants are closer than two dentists),
--   - 3 of 4,000 noise directions, weight 0.1-0.25 (wording),
-- so that cosine similarity is about 0.25-0.6 inside an industry and about 0 across, as with
-- real text embeddings. Queries are drawn from the same generator and are not in the table.
-- Seeded (setseed) so every run builds the same set. Session-local: pg_temp only.

create temporary table bench_basis (kind text, idx integer, v extensions.vector(1536), primary key (kind, idx));
insert into bench_basis
select b.kind, b.idx, extensions.l2_normalize(
         (select array_agg(random() - 0.5 order by d) from generate_series(1, 1536) d where b.idx >= 0)
         ::extensions.vector(1536))
  from (select 'topic' as kind, generate_series(0, 59) as idx
        union all select 'trait', generate_series(0, 799)
        union all select 'noise', generate_series(0, 3999)) b;

-- Scalar weights as constant vectors (pgvector multiplies element-wise): 0.05 steps.
create temporary table bench_weight (level integer primary key, v extensions.vector(1536));
insert into bench_weight
select l, array_fill((l * 0.05)::real, array[1536])::extensions.vector(1536) from generate_series(1, 20) l;
analyze bench_basis;
analyze bench_weight;

-- The pieces of generated vectors first..last: one row per (vector, basis vector, weight). Summed
-- set-based by the caller (one hash of the basis for a whole chunk, not one per vector).
create function pg_temp.bench_pieces(first bigint, last bigint)
returns table (i bigint, topic integer, kind text, idx integer, level integer)
language sql
volatile
as $$
  with vectors as materialized (
    select g.i, floor(random() * 60)::integer as topic from generate_series(first, last) g (i)
  )
  select v.i, v.topic, p.kind, p.idx, p.level
    from vectors v
   cross join lateral (
         select 'topic' as kind, v.topic as idx, 20 as level
         union all
         select 'trait',
                case when random() < 0.7 then (v.topic * 40 + floor(random() * 40)::integer) % 800
                     else floor(random() * 800)::integer end,
                6 + floor(random() * 11)::integer
           from generate_series(1, 8)
         union all
         select 'noise', floor(random() * 4000)::integer, 2 + floor(random() * 4)::integer
           from generate_series(1, 3)) p
$$;

-- Generated vectors first..last: (i, topic, unit vector).
create function pg_temp.bench_vectors(first bigint, last bigint)
returns table (i bigint, topic integer, embedding extensions.vector)
language sql
volatile
as $$
  select p.i, min(p.topic), extensions.l2_normalize(extensions.sum(b.v operator(extensions.*) w.v))
    from pg_temp.bench_pieces(first, last) p
    join pg_temp.bench_basis b on b.kind = p.kind and b.idx = p.idx
    join pg_temp.bench_weight w on w.level = p.level
   group by p.i
$$;
