-- The benchmark's tiny schema: a table read by id and a volatile function that inserts.
drop schema if exists bench cascade;
create schema bench;
grant usage on schema bench to anon;
create table bench.t (id integer primary key, name text not null, value integer not null);
insert into bench.t select i, 'name ' || i, i * 7 from generate_series(1, 10000) i;
create table bench.events (id bigint generated always as identity primary key, n integer not null,
                           at timestamptz not null default now());
grant select on bench.t to anon;
grant select, insert on bench.events to anon;
create function bench.f(n integer) returns bigint language sql volatile
  as $$ insert into bench.events (n) values (n) returning id $$;
grant execute on function bench.f(integer) to anon;
analyze bench.t;
