-- The gateway tests' schema, continued: what PostgREST v13 derives beyond plain foreign keys between
-- tables (issue 17). Loaded after fixture_schema.sql (which drops and recreates gw); idempotent.
set client_min_messages = warning;
drop schema if exists gw_private cascade;
create schema gw_private;
comment on schema gw_private is 'Base tables that only views of gw expose.';
grant usage on schema gw_private to anon, authenticated, service_role;

-- Relationships through views: the views keep their base tables' keys and foreign keys.
create table gw_private.clients (id integer primary key, name text not null);
create table gw_private.projects (
  id integer primary key,
  name text not null,
  client_id integer references gw_private.clients (id)
);
create index projects_client_id_idx on gw_private.projects (client_id);
comment on table gw_private.clients is 'Clients, exposed only through gw.clients.';
comment on table gw_private.projects is 'Projects of clients, exposed only through gw.projects and gw.projects_named.';
create view gw.clients as select id, name from gw_private.clients;
create view gw.projects as select id, name, client_id from gw_private.projects;
-- A view over a view, with renamed columns: keys follow through both.
create view gw.projects_named as select p.id as project_id, p.name as title, p.client_id as owner from gw.projects p;
comment on view gw.clients is 'A view over gw_private.clients: keeps its primary key.';
comment on view gw.projects is 'A view over gw_private.projects: keeps its foreign key to clients.';
comment on view gw.projects_named is 'A view over the projects view with renamed columns.';
create view gw.authors_brief as select id, name from gw.authors;
comment on view gw.authors_brief is 'A view over authors: embeds books and is embedded from them.';

-- One-to-one: a foreign key that is also the primary key.
create table gw.author_profiles (
  author_id integer primary key references gw.authors (id),
  bio text not null
);
comment on table gw.author_profiles is 'At most one profile per author: embedded as an object both ways.';

-- A self-reference: the parent column gives the many-to-one side, the table name the one-to-many.
create table gw.family_tree (id integer primary key, name text not null, parent integer references gw.family_tree (id));
create index family_tree_parent_idx on gw.family_tree (parent);
comment on table gw.family_tree is 'A self-referencing table (parent / children).';

-- Computed relationships.
create function gw.first_author(gw.books) returns setof gw.authors language sql stable rows 1
  as $$ select * from gw.authors where id = $1.author_id $$;
create function gw.written(gw.authors) returns setof gw.books language sql stable
  as $$ select * from gw.books where author_id = $1.id $$;
comment on function gw.first_author(gw.books) is 'A computed to-one relationship (setof ... rows 1).';
comment on function gw.written(gw.authors) is 'A computed to-many relationship.';

-- A partitioned table with a foreign key.
create table gw.readings (
  id integer not null,
  read_on date not null,
  book_id integer references gw.books (id),
  primary key (id, read_on)
) partition by range (read_on);
create table gw.readings_2020 partition of gw.readings for values from ('2020-01-01') to ('2021-01-01');
create index readings_book_id_idx on gw.readings (book_id);
comment on table gw.readings is 'A partitioned table: embeds like any table.';
comment on table gw.readings_2020 is 'The 2020 partition of readings.';

insert into gw_private.clients values (1, 'Microsoft'), (2, 'Apple');
insert into gw_private.projects values (1, 'Windows 7', 1), (2, 'Windows 10', 1), (3, 'IOS', 2), (4, 'OSX', 2),
  (5, 'Orphan', null);
insert into gw.author_profiles values (1, 'Wrote Earthsea'), (2, 'Wrote Kindred');
insert into gw.family_tree values (1, 'Parental Unit', null), (2, 'Kid One', 1), (3, 'Kid Two', 1),
  (4, 'Grandkid', 2);
insert into gw.readings values (1, '2020-03-01', 1), (2, '2020-04-01', 1), (3, '2020-05-01', 6);

grant select on gw.clients, gw.projects, gw.projects_named, gw.authors_brief, gw.author_profiles, gw.family_tree,
  gw.readings, gw.readings_2020, gw_private.clients, gw_private.projects to anon;
grant select, insert, update, delete on gw.clients, gw.projects, gw.projects_named, gw.authors_brief,
  gw.author_profiles, gw.family_tree, gw.readings, gw.readings_2020, gw_private.clients, gw_private.projects
  to authenticated, service_role;
create function gw.as_bytes(t text) returns bytea language sql immutable as $$ select convert_to(t, 'UTF8') $$;
comment on function gw.as_bytes(text) is 'A bytea result: raw with Accept: application/octet-stream.';
grant execute on function gw.first_author(gw.books), gw.written(gw.authors), gw.as_bytes(text)
  to anon, authenticated, service_role;

-- In-database configuration: a db-pre-config function (run by the authenticator at start and reload).
create function gw.pre_config() returns void language sql as $$
  select set_config('pgrst.db_aggregates_enabled', 'false', true);
  select set_config('pgrst.server_port', '1', true);  -- not a setting the database may change: ignored
$$;
comment on function gw.pre_config() is 'db-pre-config of the in-database configuration test.';
grant usage on schema gw to authenticator;
grant execute on function gw.pre_config() to authenticator;

-- Request bodies other than JSON (text/csv, application/x-www-form-urlencoded) write into this table.
create table gw.body_rows (id integer primary key, label text, note text);
comment on table gw.body_rows is 'Rows the CSV and form-urlencoded request body tests insert.';
grant select, insert, update, delete on gw.body_rows to authenticated, service_role;

-- RPC shapes (issue 17 item 5): OUT / INOUT / TABLE parameters make objects even when there is one.
create function gw.plus_one(num integer, out num_plus_one integer) language sql immutable as $$ select num + 1 $$;
create function gw.bump(inout num integer) language sql immutable as $$ select num + 1 $$;
create function gw.letters() returns table (a text) language sql immutable as $$ values ('A'), ('B') $$;
create function gw.greet(name text, variadic v text[] default '{}') returns text language sql immutable
  as $$ select 'Hello, ' || name $$;
create function gw.with_default(a integer) returns text language sql immutable as $$ select 'one' $$;
create function gw.with_default(a integer, b integer default 1) returns text language sql immutable
  as $$ select 'two' $$;
comment on function gw.plus_one(integer) is 'A single OUT parameter: answered as an object.';
comment on function gw.bump(integer) is 'A single INOUT parameter: answered as an object.';
comment on function gw.letters() is 'A one-column RETURNS TABLE: answered as an array of objects.';
comment on function gw.greet(text, text[]) is 'A repeated non-variadic parameter: the last value wins.';
comment on function gw.with_default(integer) is 'Overloaded with gw.with_default(integer, integer default): 300.';
comment on function gw.with_default(integer, integer) is 'Overloaded with gw.with_default(integer): 300.';
grant execute on function gw.plus_one(integer), gw.bump(integer), gw.letters(), gw.greet(text, text[]),
  gw.with_default(integer), gw.with_default(integer, integer) to anon, authenticated, service_role;

-- Unnamed parameters (issue 17 item 5): PostgREST reaches a function with an unnamed parameter only
-- when that is its only one and a whole body can be it (json, jsonb, text, xml, bytea); its name is "".
create function gw.unnamed_overload(boolean) returns text language sql immutable as $$ select 'bool' $$;
create function gw.unnamed_overload(integer) returns text language sql immutable as $$ select 'int' $$;
create function gw.unnamed_overload(text) returns text language sql immutable as $$ select 'text:' || $1 $$;
create function gw.unnamed_overload_int(integer) returns integer language sql immutable as $$ select $1 $$;
create function gw.unnamed_default() returns text language sql immutable as $$ select 'none' $$;
create function gw.unnamed_default(text default 'x') returns text language sql immutable as $$ select $1 $$;
comment on function gw.unnamed_overload(boolean) is 'An unnamed boolean parameter: not reachable by /rpc.';
comment on function gw.unnamed_overload(integer) is 'An unnamed integer parameter: not reachable by /rpc.';
comment on function gw.unnamed_overload(text) is 'The reachable overload: the whole body is its text.';
comment on function gw.unnamed_overload_int(integer) is 'Only an unnamed integer: PGRST202, a near name hinted.';
comment on function gw.unnamed_default() is 'Overloaded with gw.unnamed_default(text default): 300 without keys.';
comment on function gw.unnamed_default(text) is 'Overloaded with gw.unnamed_default(): 300 without keys.';
grant execute on function gw.unnamed_overload(boolean), gw.unnamed_overload(integer), gw.unnamed_overload(text),
  gw.unnamed_overload_int(integer), gw.unnamed_default(), gw.unnamed_default(text)
  to anon, authenticated, service_role;

-- Aggregates (issue 17 item 3): a column named count stays a column (`select=count` is no aggregate).
create table gw.counted (label text primary key, count integer not null);
comment on table gw.counted is 'A column named count: `select=count` reads it, not the aggregate.';
insert into gw.counted values ('a', 7), ('b', 7);
alter table gw.counted enable row level security;
create policy counted_read on gw.counted for select using (true);
grant select on gw.counted to anon, authenticated, service_role;
