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

-- Custom media types (issue 17 item 4): domains named after a media type; aggregates over a table's
-- rows (or anyelement) and functions returning such a domain are its handlers.
create domain gw."text/tab-separated-values" as text;
create domain gw."pg/outfunc" as text;
create domain gw."text/html" as text;
create domain gw."image/png" as bytea;
create domain gw."application/json" as json;
create domain gw."*/*" as bytea;
comment on domain gw."text/tab-separated-values" is 'A media type: gw.media_rows answer it through gw.tsv_agg.';
comment on domain gw."pg/outfunc" is 'A media type any relation answers (gw.outfunc_agg over anyelement).';
comment on domain gw."text/html" is 'A media type gw.welcome_html answers.';
comment on domain gw."image/png" is 'A media type gw.pixel answers (bytes).';
comment on domain gw."application/json" is 'Overrides the JSON rendering of gw.json_override only.';
comment on domain gw."*/*" is 'Any media type: gw.any_bytes and gw.digits answer every Accept.';

create table gw.media_rows (id integer primary key, name text not null);
insert into gw.media_rows values (1, 'one'), (2, 'two');
comment on table gw.media_rows is 'Rows with their own text/tab-separated-values handler.';
create function gw.tsv_step(state text, next gw.media_rows) returns gw."text/tab-separated-values"
  language sql immutable as $$ select (state || next.id || E'\t' || next.name || E'\n')::gw."text/tab-separated-values" $$;
create function gw.tsv_final(data gw."text/tab-separated-values") returns gw."text/tab-separated-values"
  language sql immutable as $$ select (E'id\tname\n' || data)::gw."text/tab-separated-values" $$;
create aggregate gw.tsv_agg (gw.media_rows) (
  initcond = '', stype = gw."text/tab-separated-values", sfunc = gw.tsv_step, finalfunc = gw.tsv_final);
comment on function gw.tsv_step(text, gw.media_rows) is 'Transition of gw.tsv_agg: one line per row.';
comment on function gw.tsv_final(gw."text/tab-separated-values") is 'Final of gw.tsv_agg: the header line first.';
comment on aggregate gw.tsv_agg(gw.media_rows) is 'The text/tab-separated-values handler of gw.media_rows.';
create function gw.media_rows_all() returns setof gw.media_rows language sql stable
  as $$ select * from gw.media_rows $$;
comment on function gw.media_rows_all() is 'A table''s rows: answers with that table''s handlers.';

create function gw.outfunc_step(state text, next anyelement) returns gw."pg/outfunc"
  language sql immutable as $$ select (state || next::text || E'\n')::gw."pg/outfunc" $$;
create aggregate gw.outfunc_agg (anyelement) (initcond = '', stype = gw."pg/outfunc", sfunc = gw.outfunc_step);
comment on function gw.outfunc_step(text, anyelement) is 'Transition of gw.outfunc_agg: each row''s record text.';
comment on aggregate gw.outfunc_agg(anyelement) is 'The pg/outfunc handler of every relation.';

create table gw.json_override (id integer primary key);
insert into gw.json_override values (1);
comment on table gw.json_override is 'A table whose application/json answer a handler overrides.';
create function gw.json_override_step(state gw."application/json", next gw.json_override)
  returns gw."application/json" language sql immutable as $$ select state $$;
create aggregate gw.json_override_agg (gw.json_override) (
  initcond = '{"overridden": true}', stype = gw."application/json", sfunc = gw.json_override_step);
comment on function gw.json_override_step(gw."application/json", gw.json_override) is 'Keeps the initial state.';
comment on aggregate gw.json_override_agg(gw.json_override) is 'The application/json handler of gw.json_override.';

create function gw.welcome_html() returns gw."text/html" language sql immutable
  as $$ select '<h1>Welcome</h1>'::gw."text/html" $$;
create function gw.pixel() returns gw."image/png" language sql immutable
  as $$ select '\x89504e470d0a1a0aff00'::bytea::gw."image/png" $$;
create function gw.any_bytes() returns gw."*/*" language plpgsql stable as $$
begin
  if current_setting('request.headers', true)::json->>'accept' = 'app/chosen' then
    perform set_config('response.headers', '[{"Content-Type": "app/chosen"}]', true);
  end if;
  return 'any'::bytea::gw."*/*";
end $$;
comment on function gw.welcome_html() is 'Answers text/html only (its return type is the media type).';
comment on function gw.pixel() is 'Answers image/png bytes.';
comment on function gw.any_bytes() is 'Answers any media type; sets its own Content-Type for app/chosen.';

create table gw.digits (val integer primary key);
insert into gw.digits select generate_series(1, 3);
comment on table gw.digits is 'Digits whose */* handler answers any media type.';
create function gw.digits_step(state gw."*/*", next gw.digits) returns gw."*/*"
  language sql immutable as $$ select (state || next.val::text::bytea)::gw."*/*" $$;
create aggregate gw.digits_agg (gw.digits) (initcond = '', stype = gw."*/*", sfunc = gw.digits_step);
comment on function gw.digits_step(gw."*/*", gw.digits) is 'Transition of gw.digits_agg: the digits.';
comment on aggregate gw.digits_agg(gw.digits) is 'The */* handler of gw.digits.';

grant select on gw.media_rows, gw.json_override, gw.digits to anon, authenticated, service_role;
grant insert, delete on gw.media_rows to anon, authenticated, service_role;
grant execute on function gw.media_rows_all(), gw.welcome_html(), gw.pixel(), gw.any_bytes(),
  gw.tsv_agg(gw.media_rows), gw.tsv_step(text, gw.media_rows), gw.tsv_final(gw."text/tab-separated-values"),
  gw.outfunc_agg(anyelement), gw.outfunc_step(text, anyelement),
  gw.json_override_agg(gw.json_override), gw.json_override_step(gw."application/json", gw.json_override),
  gw.digits_agg(gw.digits), gw.digits_step(gw."*/*", gw.digits)
  to anon, authenticated, service_role;

-- `returns setof record` without OUT parameters: no column list to call it in FROM with.
create function gw.setof_records(lo integer) returns setof record language sql stable
  as $$ select id, name from gw.authors where id >= lo order by id $$;
create function gw.one_record(wanted integer) returns record language sql stable
  as $$ select id, name from gw.authors where id = wanted $$;
comment on function gw.setof_records(integer) is 'Rows of an anonymous record type: an array of objects.';
comment on function gw.one_record(integer) is 'One row of an anonymous record type: an object.';
grant execute on function gw.setof_records(integer), gw.one_record(integer) to anon, authenticated, service_role;

-- Domain representations (issue 17 item 6): a colour stored as an integer, read and written as
-- "#rrggbb" through casts between the domain and json / text (PostgreSQL ignores casts to and from
-- a domain; the gateway calls their functions).
create domain gw.color as integer check (value between 0 and 16777215);
comment on domain gw.color is 'A colour: an integer in the database, "#rrggbb" over the API.';
create function gw.color_to_json(gw.color) returns json language sql immutable
  as $$ select to_json('#' || lpad(to_hex($1), 6, '0')) $$;
create function gw.color_from_text(text) returns gw.color language sql immutable
  as $$ select ('x' || lpad(ltrim($1, '#'), 8, '0'))::bit(32)::integer::gw.color $$;
create function gw.json_to_color(json) returns gw.color language sql immutable
  as $$ select gw.color_from_text($1 #>> '{}') $$;
comment on function gw.color_to_json(gw.color) is 'Reads a colour as "#rrggbb".';
comment on function gw.color_from_text(text) is 'A colour from its "#rrggbb" text (filter values).';
comment on function gw.json_to_color(json) is 'A colour from its "#rrggbb" JSON string (bodies).';
create cast (gw.color as json) with function gw.color_to_json(gw.color) as implicit;
create cast (json as gw.color) with function gw.json_to_color(json) as implicit;
create cast (text as gw.color) with function gw.color_from_text(text) as implicit;
create table gw.paints (id integer primary key, name text not null, hue gw.color);
insert into gw.paints values (1, 'red', 16711680), (2, 'teal', 32896);
comment on table gw.paints is 'Paints whose hue column has a domain representation.';
grant select, insert, update, delete on gw.paints to anon, authenticated, service_role;
create function gw.paints_all() returns setof gw.paints language sql stable as $$ select * from gw.paints $$;
comment on function gw.paints_all() is 'The paints: a function''s rows keep the table''s representations.';
grant execute on function gw.paints_all() to anon, authenticated, service_role;
grant execute on function gw.color_to_json(gw.color), gw.color_from_text(text), gw.json_to_color(json)
  to anon, authenticated, service_role;

-- A domain over a table's row type: a function returning it returns that table's rows.
create domain gw.author_row as gw.authors;
comment on domain gw.author_row is 'A domain over the authors row type.';
create function gw.authors_as_domain(wanted integer) returns setof gw.author_row language sql stable
  as $$ select a::gw.author_row from gw.authors a where a.id = wanted $$;
create function gw.author_as_domain(wanted integer) returns gw.author_row language sql stable
  as $$ select a::gw.author_row from gw.authors a where a.id = wanted $$;
comment on function gw.authors_as_domain(integer) is 'Rows of a domain over authors: embeds books.';
comment on function gw.author_as_domain(integer) is 'One row of a domain over authors: an object.';
grant execute on function gw.authors_as_domain(integer), gw.author_as_domain(integer)
  to anon, authenticated, service_role;

-- A circular reference (PGRST201 lists the relationships in the order their keys were created, as
-- PostgREST does): units_lead_id_fkey is created first, crews_unit_id_fkey after it (though it sorts first).
create table gw.crews (id integer primary key, name text not null, unit_id integer);
create table gw.units (id integer primary key, name text not null, lead_id integer references gw.crews (id));
alter table gw.crews add constraint crews_unit_id_fkey foreign key (unit_id) references gw.units (id);
create index crews_unit_id_idx on gw.crews (unit_id);
create index units_lead_id_idx on gw.units (lead_id);
comment on table gw.crews is 'Crews of a unit; a unit is led by a crew (a circular reference).';
comment on table gw.units is 'Units led by a crew; crews belong to a unit (a circular reference).';
alter table gw.crews enable row level security;
alter table gw.units enable row level security;
create policy crews_read on gw.crews for select to anon using (true);
create policy units_read on gw.units for select to anon using (true);
grant select on gw.crews, gw.units to anon;

-- An overloaded computed field (one per row type): usable in the filters and the returned rows of writes.
create function gw.shelf_label(gw.authors) returns text language sql immutable
  as $$ select 'author ' || $1.id $$;
create function gw.shelf_label(gw.books) returns text language sql immutable
  as $$ select 'book ' || $1.id $$;
comment on function gw.shelf_label(gw.authors) is 'A computed field of authors, overloaded for books.';
comment on function gw.shelf_label(gw.books) is 'A computed field of books, overloaded for authors.';
grant execute on function gw.shelf_label(gw.authors), gw.shelf_label(gw.books) to anon, authenticated, service_role;

-- A computed relationship named as a foreign-key target overrides it; a to-one one (rows 1) that
-- still returns several rows gives its first.
create table gw.shelves (id integer primary key, name text not null);
create table gw.shelf_items (id integer primary key, shelf_id integer not null references gw.shelves (id), name text not null);
create index shelf_items_shelf_id_idx on gw.shelf_items (shelf_id);
comment on table gw.shelves is 'Shelves; shelf_items(shelves) overrides their foreign key from shelf_items.';
comment on table gw.shelf_items is 'Items on a shelf.';
alter table gw.shelves enable row level security;
alter table gw.shelf_items enable row level security;
create policy shelves_read on gw.shelves for select to anon using (true);
create policy shelf_items_read on gw.shelf_items for select to anon using (true);
grant select on gw.shelves, gw.shelf_items to anon;
insert into gw.shelves values (1, 'top'), (2, 'bottom');
insert into gw.shelf_items values (1, 1, 'plain a'), (2, 1, 'plain b'), (101, 1, 'featured a'), (3, 2, 'plain c');
create function gw.shelf_items(gw.shelves) returns setof gw.shelf_items language sql stable
  as $$ select * from gw.shelf_items where shelf_id = $1.id and id > 100 $$;
create function gw.first_item(gw.shelves) returns setof gw.shelf_items language sql stable rows 1
  as $$ select * from gw.shelf_items where shelf_id = $1.id order by id $$;
comment on function gw.shelf_items(gw.shelves) is 'The featured items of a shelf: overrides the foreign key.';
comment on function gw.first_item(gw.shelves) is 'A to-one computed relationship that returns every item (first taken).';
grant execute on function gw.shelf_items(gw.shelves), gw.first_item(gw.shelves) to anon, authenticated, service_role;

-- gwq: a column named as the embed it reaches (`owner(*)` by its column): a filter with another
-- operator than is.null filters the column.
create table gw.gwq_owners (id integer primary key, name text not null);
create table gw.gwq_pets (id integer primary key, name text not null, owner integer references gw.gwq_owners (id));
create index gwq_pets_owner_idx on gw.gwq_pets (owner);
comment on table gw.gwq_owners is 'Owners of pets; embedded from gwq_pets by the column owner.';
comment on table gw.gwq_pets is 'Pets; their column owner is also the name of the embed owner(*).';
alter table gw.gwq_owners enable row level security;
alter table gw.gwq_pets enable row level security;
create policy gwq_owners_read on gw.gwq_owners for select to anon using (true);
create policy gwq_pets_read on gw.gwq_pets for select to anon using (true);
grant select on gw.gwq_owners, gw.gwq_pets to anon;
insert into gw.gwq_owners values (1, 'Ada'), (2, 'Grace'), (3, 'Hedy');
insert into gw.gwq_pets values (1, 'Rex', 1), (2, 'Tom', 2), (3, 'Fifi', 1), (4, 'Stray', null);
-- gwq: a view showing one foreign-key column under two names stands for two relationships.
create view gw.gwq_pets_twice as select id, owner as owner_a, owner as owner_b from gw.gwq_pets;
comment on view gw.gwq_pets_twice is 'Pets with their owner column shown twice (owner_a, owner_b).';
grant select on gw.gwq_pets_twice to anon;
-- gwq: a table with a non-ASCII name (its Content-Location carries the name's UTF-8 bytes).
create table gw."gwq_émoi" (id integer primary key);
comment on table gw."gwq_émoi" is 'A table whose name is not ASCII.';
alter table gw."gwq_émoi" enable row level security;
create policy gwq_emoi_read on gw."gwq_émoi" for select to anon using (true);
grant select on gw."gwq_émoi" to anon;
insert into gw."gwq_émoi" values (1);
-- gwdel: DELETE, upserts, Prefer handling (issue 17 items 7 and 8).
-- A unique constraint checked at the end of the transaction: a write that breaks it is refused
-- whether its transaction commits or rolls back (Prefer: tx=rollback).
create table gw.gwdel_codes (
  code integer,
  constraint gwdel_codes_code_key unique (code) deferrable initially deferred
);
comment on table gw.gwdel_codes is 'Codes under a deferred unique constraint.';
-- No primary key and no unique column: an upsert has nothing to conflict on.
create table gw.gwdel_loose (a text, b text);
comment on table gw.gwdel_loose is 'Rows without a key: resolution= does not apply to them.';
-- A moment in time, read back in the Prefer: timezone of the request.
create table gw.gwdel_moments (id integer primary key, at timestamptz not null);
comment on table gw.gwdel_moments is 'Instants, rendered in the time zone a request prefers.';
grant select, insert, update, delete on gw.gwdel_codes, gw.gwdel_loose, gw.gwdel_moments to authenticated, service_role;
grant select on gw.gwdel_moments to anon;
insert into gw.gwdel_moments values (1, '2024-03-01 12:30:00+00');


-- gwrpc: RPC calls as PostgREST v13 makes them (issue 17 item 5): Prefer params=single-object,
-- json and jsonb unnamed overloads, char/bit arguments, RAISE rules, a header set twice.
create function gw.gwrpc_doc(doc json) returns json language sql immutable as $$ select doc $$;
create function gw.gwrpc_pick(a text, b text) returns text language sql immutable as $$ select a || b $$;
create function gw.gwrpc_either(json) returns text language sql immutable as $$ select 'json' $$;
create function gw.gwrpc_either(jsonb) returns text language sql immutable as $$ select 'jsonb' $$;
create function gw.gwrpc_codes(code char(3), bits bit(4)) returns table (code text, bits text)
  language sql immutable as $$ select $1::text, $2::text $$;
create function gw.gwrpc_raise_odd() returns void language plpgsql immutable as $$
begin
  raise sqlstate 'PTABC' using message = 'not a status';
end $$;
create function gw.gwrpc_raise_bad(part text) returns void language plpgsql immutable as $$
begin
  if part = 'message' then
    raise sqlstate 'PGRST' using message = 'not json', detail = '{"status": 409, "headers": {}}';
  elsif part = 'detail' then
    raise sqlstate 'PGRST' using message = '{"code": "G1", "message": "m"}', detail = 'not json';
  elsif part = 'status' then
    raise sqlstate 'PGRST' using message = '{"code": "G1", "message": "m"}', detail = '{"headers": {}}';
  else
    raise sqlstate 'PGRST' using message = '{"code": "G1", "message": "m"}';
  end if;
end $$;
create function gw.gwrpc_two_cookies() returns void language sql stable as $$
  select set_config('response.headers', '[{"Set-Cookie": "a=1; Path=/"}, {"Set-Cookie": "b=2; Path=/"}]', true)
$$;
comment on function gw.gwrpc_doc(json) is 'One named json parameter: Prefer params=single-object passes it the whole body.';
comment on function gw.gwrpc_pick(text, text) is 'Two parameters: an extra argument is hinted with this overload.';
comment on function gw.gwrpc_either(json) is 'Overloaded with gw.gwrpc_either(jsonb): a JSON body is 300.';
comment on function gw.gwrpc_either(jsonb) is 'Overloaded with gw.gwrpc_either(json): a JSON body is 300.';
comment on function gw.gwrpc_codes(character, bit) is 'char(3) and bit(4) parameters: arguments are not cut to one character.';
comment on function gw.gwrpc_raise_odd() is 'RAISE SQLSTATE PT followed by no number: 500.';
comment on function gw.gwrpc_raise_bad(text) is 'RAISE SQLSTATE PGRST with a MESSAGE or DETAIL PostgREST refuses (PGRST121).';
comment on function gw.gwrpc_two_cookies() is 'Sets the Set-Cookie header twice through response.headers.';
grant execute on function gw.gwrpc_doc(json), gw.gwrpc_pick(text, text), gw.gwrpc_either(json),
  gw.gwrpc_either(jsonb), gw.gwrpc_codes(character, bit), gw.gwrpc_raise_odd(), gw.gwrpc_raise_bad(text),
  gw.gwrpc_two_cookies() to anon, authenticated, service_role;

-- gwjs: parents stored out of key order (3, 1, 2) with more children than parents, never analyzed:
-- PostgreSQL would answer an EXISTS test by hashing the children's distinct keys, which reorders
-- the parents; an `!inner` or `embed=not.is.null` read without `order` keeps their scan order.
create table gw.gwjs_boxes (id integer primary key, label text not null);
create table gw.gwjs_marbles (id integer primary key, box_id integer not null references gw.gwjs_boxes (id),
                              colour text not null);
create index gwjs_marbles_box_idx on gw.gwjs_marbles (box_id);
comment on table gw.gwjs_boxes is 'Boxes, stored out of key order (3, 1, 2).';
comment on table gw.gwjs_marbles is 'Marbles in boxes: ten per box (box 3 has no red one).';
alter table gw.gwjs_boxes enable row level security;
alter table gw.gwjs_marbles enable row level security;
create policy gwjs_boxes_read on gw.gwjs_boxes for select to anon using (true);
create policy gwjs_marbles_read on gw.gwjs_marbles for select to anon using (true);
grant select on gw.gwjs_boxes, gw.gwjs_marbles to anon;
insert into gw.gwjs_boxes values (3, 'third'), (1, 'first'), (2, 'second');
insert into gw.gwjs_marbles
  select g, 1 + g % 3, case when g % 3 = 2 then 'blue' when g % 2 = 0 then 'red' else 'green' end
  from generate_series(1, 30) g;


-- gwauth: the variant configurations (issue 17 items 8-10). A function that answers GET / under
-- db-root-spec; a table whose types carry modifiers and json arrays (the OpenAPI type mapping).
create function gw.api_root() returns json language sql stable
  as $$ select json_build_object('swagger', '2.0', 'info', json_build_object('title', 'Hand-written root')) $$;
comment on function gw.api_root() is 'What GET / answers when db-root-spec names it (in place of the OpenAPI document).';
grant execute on function gw.api_root() to anon, authenticated, service_role;
create table gw.country_codes (
  code character(2) primary key,
  name character varying(80) not null,
  aliases json[],
  region character(2) references gw.country_codes (code),
  rank integer not null default 7,
  since date default '1999-12-31',
  entry serial
);
comment on table gw.country_codes is 'Country codes: typed columns for the OpenAPI document
Columns with modifiers, a json array and a self-reference.';
comment on column gw.country_codes.code is 'Two letters';
grant select on gw.country_codes to anon;
grant select, insert, update, delete on gw.country_codes to authenticated, service_role;
create function gw.stamp() returns timestamptz language sql volatile as $$ select clock_timestamp() $$;
comment on function gw.stamp() is 'A volatile function without arguments: OPTIONS allows POST only.';
grant execute on function gw.stamp() to anon, authenticated, service_role;
-- gwauth: views whose planner estimates are set by their functions' ROWS (count=estimated under
-- db-max-rows: the estimate is taken only above the cap, and only when larger than the capped count).
create function gw.books_guessed_many() returns setof gw.books language plpgsql stable rows 500
  as $$ begin return query select * from gw.books; end $$;  -- plpgsql: never inlined, so ROWS is the estimate
create function gw.books_guessed_one() returns setof gw.books language plpgsql stable rows 1
  as $$ begin return query select * from gw.books; end $$;
create view gw.books_guessed_many as select * from gw.books_guessed_many();
create view gw.books_guessed_one as select * from gw.books_guessed_one();
comment on view gw.books_guessed_many is 'The books, estimated by the planner at 500 rows.';
comment on view gw.books_guessed_one is 'The books, estimated by the planner at 1 row.';
grant execute on function gw.books_guessed_many(), gw.books_guessed_one() to anon, authenticated, service_role;
grant select on gw.books_guessed_many, gw.books_guessed_one to anon, authenticated, service_role;

-- gwrest: db-max-rows on embedded reads and count=estimated (issue 17).
-- Shelves holding three books each; functions whose ROWS hint misleads the planner both ways, and
-- views over them, so that the estimate is smaller, then larger, than the (capped) exact count.
create table gw.gwrest_shelves (id integer primary key, label text not null);
comment on table gw.gwrest_shelves is 'Shelves, each holding several books.';
create table gw.gwrest_books (id integer primary key, shelf integer references gw.gwrest_shelves (id), title text not null);
comment on table gw.gwrest_books is 'Books on a shelf.';
create function gw.gwrest_books_guess_low() returns setof gw.gwrest_books language sql
  as $$ select * from gw.gwrest_books $$ rows 1;
comment on function gw.gwrest_books_guess_low() is 'All books, announced to the planner as one row.';
create function gw.gwrest_books_guess_high() returns setof gw.gwrest_books language sql
  as $$ select * from gw.gwrest_books $$ rows 4321;
comment on function gw.gwrest_books_guess_high() is 'All books, announced to the planner as 4321 rows.';
create view gw.gwrest_books_low as select * from gw.gwrest_books_guess_low();
comment on view gw.gwrest_books_low is 'The books through a function the planner underestimates.';
create view gw.gwrest_books_high as select * from gw.gwrest_books_guess_high();
comment on view gw.gwrest_books_high is 'The books through a function the planner overestimates.';
grant select on gw.gwrest_shelves, gw.gwrest_books, gw.gwrest_books_low, gw.gwrest_books_high to anon;
grant insert, update, delete on gw.gwrest_books to anon;
grant execute on function gw.gwrest_books_guess_low(), gw.gwrest_books_guess_high() to anon;
insert into gw.gwrest_shelves values (1, 'top'), (2, 'middle'), (3, 'bottom');
insert into gw.gwrest_books values (1, 1, 'Emma'), (2, 1, 'Persuasion'), (3, 1, 'Sanditon'),
  (4, 2, 'Candide'), (5, 2, 'Zadig'), (6, 2, 'Micromegas'), (7, 3, 'Ivanhoe');
-- gwrest: a partitioned table; its partition is reached through it only (no endpoint of its own).
create table gw.gwrest_readings (id integer not null, shelf integer references gw.gwrest_shelves (id),
  taken date not null) partition by range (taken);
comment on table gw.gwrest_readings is 'Readings of a shelf, partitioned by year.';
create table gw.gwrest_readings_2024 partition of gw.gwrest_readings for values from ('2024-01-01') to ('2025-01-01');
comment on table gw.gwrest_readings_2024 is 'The readings of 2024 (a partition).';
grant select on gw.gwrest_readings, gw.gwrest_readings_2024 to anon;
insert into gw.gwrest_readings values (1, 1, '2024-05-01'), (2, 3, '2024-06-01');


-- gwmut: inserts and updates (test_insert_update_v13.py). A view over a left join shows the keys of
-- both tables, so its key is both; an insert through it may leave the second key null (Location
-- then filters it with is.null).
create table gw.gwmut_sites (id integer primary key, name text not null);
create table gw.gwmut_visits (id integer primary key, site_id integer references gw.gwmut_sites (id), note text);
create index gwmut_visits_site_id_idx on gw.gwmut_visits (site_id);
comment on table gw.gwmut_sites is 'Sites a visit may be attached to.';
comment on table gw.gwmut_visits is 'Visits, with or without a site.';
create view gw.gwmut_visit_sites as
  select v.id, s.id as site_ref, v.note from gw.gwmut_visits v left join gw.gwmut_sites s on s.id = v.site_id;
comment on view gw.gwmut_visit_sites is 'Visits beside their site: the keys of both tables (id, site_ref).';
create function gw.gwmut_visit_sites_insert() returns trigger language plpgsql as $$
begin
  insert into gw.gwmut_visits (id, site_id, note) values (new.id, new.site_ref, new.note);
  return new;
end $$;
comment on function gw.gwmut_visit_sites_insert() is 'Inserts a visit written through gwmut_visit_sites.';
create trigger gwmut_visit_sites_insert instead of insert on gw.gwmut_visit_sites
  for each row execute function gw.gwmut_visit_sites_insert();
grant select, insert, update, delete on gw.gwmut_sites, gw.gwmut_visits, gw.gwmut_visit_sites
  to authenticated, service_role;
grant select on gw.gwmut_sites, gw.gwmut_visits, gw.gwmut_visit_sites to anon;
insert into gw.gwmut_sites values (1, 'north'), (2, 'south');
-- gwmut: a column of a domain with a DEFAULT takes the domain's under missing=default, unless the
-- column has its own.
create domain gw.gwmut_rank as integer default 7;
comment on domain gw.gwmut_rank is 'A rank, 7 unless told otherwise.';
create table gw.gwmut_ranks (id integer primary key, label text, rank gw.gwmut_rank,
                             tier gw.gwmut_rank default 3, born date);
comment on table gw.gwmut_ranks is 'Rows with domain defaults (rank: the domain''s, tier: its own).';
grant select, insert, update, delete on gw.gwmut_ranks to authenticated, service_role;
insert into gw.gwmut_ranks values (1, 'first', 1, 1, '2020-01-01');
-- gwmut: values written exactly as sent (numbers with all their digits, json text as it is).
create table gw.gwmut_ledger (id bigint primary key, amount numeric, doc json);
comment on table gw.gwmut_ledger is 'Exact numbers and json documents, written as the client sent them.';
grant select, insert, update, delete on gw.gwmut_ledger to authenticated, service_role;
-- gwmut: a table whose name is not ASCII (Location carries the name's UTF-8 bytes).
create table gw."gwmut_été" (code text primary key, label text);
comment on table gw."gwmut_été" is 'A table with a non-ASCII name, for Location.';
grant select, insert, update, delete on gw."gwmut_été" to authenticated, service_role;


-- gwfx: an xml media-type domain (the gateway sends xml's output text, as PostgREST does).
create domain gw."text/xml" as xml;
comment on domain gw."text/xml" is 'The text/xml media type: a function returning it answers Accept: text/xml.';
create function gw.gwfx_greeting_xml() returns gw."text/xml" language sql immutable
  as $$ select E'\n<greeting>bonjour</greeting>'::gw."text/xml" $$;
comment on function gw.gwfx_greeting_xml() is 'An XML greeting whose text starts with a newline (xml output drops it).';
grant execute on function gw.gwfx_greeting_xml() to anon, authenticated;


-- gwhoist: functions with their own SET clauses. Those db-hoisted-tx-settings names
-- (statement_timeout, plan_filter.statement_cost_limit, default_transaction_isolation by default)
-- are applied to the request's transaction before the call; the others stay on the function.
create function gw.gwhoist_nap(seconds double precision) returns text language sql stable
  set statement_timeout = '200ms'
  as $$ select pg_sleep(seconds); select 'awake'::text $$;
comment on function gw.gwhoist_nap(double precision) is
  'Sleeps, bounded to 200 ms by its own statement_timeout once that setting is hoisted to the transaction.';
create function gw.gwhoist_isolation() returns text language sql stable
  set default_transaction_isolation = 'serializable'
  as $$ select current_setting('transaction_isolation') $$;
comment on function gw.gwhoist_isolation() is 'The isolation level of the transaction it is called in (asks for serializable).';
create table gw.gwhoist_marks (id serial primary key, note text not null);
comment on table gw.gwhoist_marks is 'Notes written by gwhoist_mark, in a repeatable read transaction.';
grant select on gw.gwhoist_marks to anon, authenticated;
grant insert on gw.gwhoist_marks to anon, authenticated;
grant usage on sequence gw.gwhoist_marks_id_seq to anon, authenticated;
create function gw.gwhoist_mark(note text) returns text language sql volatile
  set default_transaction_isolation = 'repeatable read'
  as $$ insert into gw.gwhoist_marks (note) values (note); select current_setting('transaction_isolation') $$;
comment on function gw.gwhoist_mark(text) is 'Writes a note and answers the isolation level of its transaction (asks for repeatable read).';
create function gw.gwhoist_settings() returns text language sql stable
  set statement_timeout = '7s' set work_mem = '3MB'
  as $$ select 'called'::text $$;
comment on function gw.gwhoist_settings() is
  'Sets a hoisted (statement_timeout) and a function-only (work_mem) setting; gwhoist_pre_request shows which reached the transaction.';
create function gw.gwhoist_pre_request() returns void language sql stable as $$
  select set_config('response.headers',
    json_build_array(json_build_object('X-Statement-Timeout', current_setting('statement_timeout')),
                     json_build_object('X-Work-Mem', current_setting('work_mem')))::text, true)
$$;
comment on function gw.gwhoist_pre_request() is
  'A db-pre-request function: answers the transaction''s statement_timeout and work_mem as headers (run before the call).';
create function gw.gwhoist_pre_config() returns void language sql stable as $$
  select set_config('pgrst.db_hoisted_tx_settings', 'work_mem', true)
$$;
comment on function gw.gwhoist_pre_config() is 'A db-pre-config function: only work_mem is hoisted.';
grant execute on function gw.gwhoist_nap(double precision), gw.gwhoist_isolation(), gw.gwhoist_mark(text),
  gw.gwhoist_settings(), gw.gwhoist_pre_request() to anon, authenticated;
grant execute on function gw.gwhoist_pre_config() to authenticator;
-- gwhoist: a role whose own default_transaction_isolation (ALTER ROLE SET) is its requests' isolation
-- level, unless the function called asks for another.
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'gw_hoist_rr') then
    create role gw_hoist_rr nologin;
  end if;
end $$;
grant gw_hoist_rr to authenticator;
grant usage on schema gw to gw_hoist_rr;
alter role gw_hoist_rr set default_transaction_isolation = 'repeatable read';
comment on role gw_hoist_rr is 'Gateway fixture: a role whose requests run in repeatable read transactions.';
create function gw.gwhoist_plain_isolation() returns text language sql stable
  as $$ select current_setting('transaction_isolation') $$;
comment on function gw.gwhoist_plain_isolation() is 'The isolation level of the transaction it is called in (asks for none).';
create function gw.gwhoist_committed() returns text language sql stable
  set default_transaction_isolation = 'read committed'
  as $$ select current_setting('transaction_isolation') $$;
comment on function gw.gwhoist_committed() is 'The isolation level of the transaction it is called in (asks for read committed).';
create function gw.gwhoist_level(gw.gwhoist_marks) returns text language sql stable
  as $$ select current_setting('transaction_isolation') $$;
comment on function gw.gwhoist_level(gw.gwhoist_marks) is 'A computed field: the isolation level of the reading transaction.';
grant select on gw.gwhoist_marks to gw_hoist_rr;
grant execute on function gw.gwhoist_plain_isolation(), gw.gwhoist_committed(), gw.gwhoist_level(gw.gwhoist_marks),
  gw.gwhoist_isolation(), gw.pre_request() to anon, authenticated, gw_hoist_rr;
insert into gw.gwhoist_marks (note) values ('seed');

-- section gwq2: error mappings as PostgREST v13 makes them (issue 17 item 8). pg-safeupdate refuses
-- an UPDATE or DELETE without WHERE with cardinality_violation (21000); PostgREST answers that 400 and
-- any other 21000 500. The library is not installed here: a statement trigger refuses in its words.
create table gw.gwq2_guarded (id int primary key, note text);
comment on table gw.gwq2_guarded is 'Every UPDATE is refused as pg-safeupdate refuses one without WHERE.';
create function gw.tg_gwq2_guarded__update() returns trigger language plpgsql as $$
begin
  raise sqlstate '21000' using message = 'UPDATE requires a WHERE clause';
end $$;
comment on function gw.tg_gwq2_guarded__update() is 'Refuses the update with pg-safeupdate''s code and wording.';
create trigger gwq2_guarded_refuse before update on gw.gwq2_guarded
  for each statement execute function gw.tg_gwq2_guarded__update();
insert into gw.gwq2_guarded values (1, 'kept');
grant select, update on gw.gwq2_guarded to anon, authenticated;
create function gw.gwq2_two_rows() returns int language sql stable
  as $$ select (select n from generate_series(1, 2) n) $$;
comment on function gw.gwq2_two_rows() is 'A scalar subquery that returns two rows: 21000 not from a guard.';
grant execute on function gw.gwq2_two_rows() to anon, authenticated;
-- section gwmut: how a request's transaction ends under each db-tx-end (PostgREST's RollbackSpec):
-- rows written under commit, rollback and the overridable ends, a code unique only at the end of the
-- transaction, and a call that counts what was kept.
create table gw.gwtx_marks (
  id integer primary key,
  code integer,
  constraint gwtx_marks_code_key unique (code) deferrable initially deferred
);
comment on table gw.gwtx_marks is 'Marks written under each db-tx-end; code is unique, checked when the transaction ends.';
grant select, insert, update, delete on gw.gwtx_marks to authenticated, service_role;
create function gw.gwtx_kept() returns bigint language sql stable as $$ select count(*) from gw.gwtx_marks $$;
comment on function gw.gwtx_kept() is 'How many marks the transactions before this one kept.';
grant execute on function gw.gwtx_kept() to authenticated, service_role;
-- gwmut: tables whose names need quoting, with a surrogate key of each kind: an upsert with
-- missing=default draws the key of a new row from the right sequence.
create table gw."GwmutIdentity" (id integer generated by default as identity primary key, name text, extra text);
create table gw."GwmutSerial" (id serial primary key, name text, extra text);
comment on table gw."GwmutIdentity" is 'A mixed-case table with an identity key (missing=default upserts).';
comment on table gw."GwmutSerial" is 'A mixed-case table with a serial key (missing=default upserts).';
insert into gw."GwmutIdentity" (id, name, extra) overriding system value values (1, 'first', 'kept extra');
insert into gw."GwmutSerial" (id, name, extra) values (1, 'first', 'kept extra');
select setval(pg_get_serial_sequence('gw."GwmutIdentity"', 'id'), 1), setval(pg_get_serial_sequence('gw."GwmutSerial"', 'id'), 1);
grant select, insert, update, delete on gw."GwmutIdentity", gw."GwmutSerial" to authenticated, service_role;
grant usage on all sequences in schema gw to authenticated, service_role;

-- section gwaudit: what issue 17's items need beyond the sections above (test_issue17_coverage_v13.py).
-- A computed relationship returning one row of another table (no setof): a to-one embed.
create function gw.gwaudit_writer(gw.books) returns gw.authors language sql stable
  as $$ select * from gw.authors where id = $1.author_id $$;
comment on function gw.gwaudit_writer(gw.books) is 'A computed to-one relationship that returns one authors row (not setof).';
grant execute on function gw.gwaudit_writer(gw.books) to anon, authenticated, service_role;
-- A many-to-many relationship whose three relations are all views over an unexposed schema.
create table gw_private.stickers (id integer primary key, label text not null);
create table gw_private.project_stickers (
  project_id integer references gw_private.projects (id),
  sticker_id integer references gw_private.stickers (id),
  primary key (project_id, sticker_id)
);
create index project_stickers_sticker_id_idx on gw_private.project_stickers (sticker_id);
comment on table gw_private.stickers is 'Stickers, exposed only through gw.gwaudit_stickers.';
comment on table gw_private.project_stickers is 'The junction of projects and stickers, exposed through a view.';
create view gw.gwaudit_stickers as select id, label from gw_private.stickers;
create view gw.gwaudit_project_stickers as select project_id, sticker_id from gw_private.project_stickers;
comment on view gw.gwaudit_stickers is 'A view over gw_private.stickers.';
comment on view gw.gwaudit_project_stickers is 'A view over the junction: projects and stickers are many-to-many through it.';
insert into gw_private.stickers values (1, 'legacy'), (2, 'mobile');
insert into gw_private.project_stickers values (1, 1), (2, 1), (3, 2), (4, 1), (4, 2);
grant select on gw.gwaudit_stickers, gw.gwaudit_project_stickers, gw_private.stickers,
  gw_private.project_stickers to anon, authenticated, service_role;
-- A represented column (gw.color) read through an embed.
create table gw.gwaudit_swatches (id integer primary key, paint_id integer references gw.paints (id));
create index gwaudit_swatches_paint_id_idx on gw.gwaudit_swatches (paint_id);
comment on table gw.gwaudit_swatches is 'Swatches of a paint: its hue embedded keeps its representation.';
insert into gw.gwaudit_swatches values (1, 2);
grant select on gw.gwaudit_swatches to anon, authenticated, service_role;
-- A single unnamed xml parameter: the whole text/xml body is its value.
create function gw.gwaudit_xml_root(xml) returns text language sql immutable
  as $$ select (xpath('name(/*)', $1))[1]::text $$;
comment on function gw.gwaudit_xml_root(xml) is 'The name of the root element of the XML document it is given.';
grant execute on function gw.gwaudit_xml_root(xml) to anon, authenticated, service_role;
-- In-database configuration: a db-pre-config function whose db_max_rows the role's setting overrides.
create function gw.gwaudit_pre_config() returns void language sql as $$
  select set_config('pgrst.db_max_rows', '2', true);
  select set_config('pgrst.db_plan_enabled', 'true', true);
  select set_config('pgrst.db_tx_end', 'rollback', true);
$$;
comment on function gw.gwaudit_pre_config() is 'db-pre-config of the in-database configuration precedence test.';
grant execute on function gw.gwaudit_pre_config() to authenticator;
-- One-to-one by a UNIQUE foreign-key column (not the primary key).
create table gw.gwaudit_passports (id integer primary key, author_id integer unique references gw.authors (id),
                                   code text not null);
comment on table gw.gwaudit_passports is 'At most one passport per author (a unique foreign key): an object both ways.';
insert into gw.gwaudit_passports values (10, 2, 'OB-1947');
grant select on gw.gwaudit_passports to anon, authenticated, service_role;
-- section gwvar: an answer that depends on the request's language names it in its own Vary header
-- (set through response.headers, it replaces the gateway's default Vary).
create function gw.gwvar_greeting() returns text language plpgsql stable as $$
begin
  perform set_config('response.headers', '[{"Vary": "Accept-Language"}]', true);
  return coalesce(current_setting('request.headers', true)::json->>'accept-language', 'en');
end $$;
comment on function gw.gwvar_greeting() is 'A greeting that varies by Accept-Language, said in its Vary header.';
grant execute on function gw.gwvar_greeting() to anon, authenticated;
-- section gwrpc: a jsonb media-type domain (PostgREST reads a handler's value in binary: jsonb's
-- answers start with its format version, 1), and SQL functions called with the arguments of a query
-- string or form (cast in the call itself, so PostgreSQL can inline them).
create domain gw."application/vnd.gwrpc+json" as jsonb;
comment on domain gw."application/vnd.gwrpc+json" is 'A jsonb media type gw.gwrpc_doc answers.';
create function gw.gwrpc_doc() returns gw."application/vnd.gwrpc+json" language sql immutable
  as $$ select '{"kind": "doc"}'::jsonb::gw."application/vnd.gwrpc+json" $$;
comment on function gw.gwrpc_doc() is 'Answers application/vnd.gwrpc+json (a jsonb value).';
create function gw.gwrpc_books_between(lo integer, hi integer) returns setof gw.books language sql stable
  as $$ select * from gw.books where id between lo and hi $$;
comment on function gw.gwrpc_books_between(integer, integer) is 'The books whose id lies in [lo, hi] (inlinable).';
create function gw.gwrpc_joined(variadic parts text[]) returns text language sql immutable
  as $$ select array_to_string(parts, '+') $$;
comment on function gw.gwrpc_joined(text[]) is 'Its variadic arguments joined with +.';
grant execute on function gw.gwrpc_doc(), gw.gwrpc_books_between(integer, integer), gw.gwrpc_joined(text[])
  to anon, authenticated, service_role;
create function gw.gwrpc_prepared() returns bigint language sql stable
  as $$ select count(*) from pg_catalog.pg_prepared_statements $$;
comment on function gw.gwrpc_prepared() is 'How many statements the calling connection has prepared.';
grant execute on function gw.gwrpc_prepared() to anon, authenticated, service_role;

-- section gwrel: embeds as PostgREST v13 joins them. A view of team sizes (an aggregate) embeds its team:
-- sizes tie, and the tied rows come out in the order of PostgREST's lateral join (PostgreSQL hashes the
-- view's rows and reads the teams). Teams belong to leagues (an inner to-one embed nested in another
-- keeps the players' scan order). Badges reach players only through a junction outside the exposed
-- schemas: no relationship, and PGRST200's hint suggests nothing (PostgREST keeps that key).
create table gw.gwrel_leagues (id integer primary key, name text not null);
create table gw.gwrel_teams (id integer primary key, name text not null,
                             league_id integer references gw.gwrel_leagues (id));
create table gw.gwrel_players (id integer primary key, name text not null,
                               team_id integer references gw.gwrel_teams (id));
create view gw.gwrel_team_sizes with (security_invoker = true) as
  select team_id, count(*) as size from gw.gwrel_players group by team_id;
create table gw.gwrel_badges (id integer primary key, label text not null);
drop schema if exists gwrel_private cascade;
create schema gwrel_private;
comment on schema gwrel_private is 'Gateway fixture: a schema the gateway does not expose.';
create table gwrel_private.awards (
  badge_id integer references gw.gwrel_badges (id),
  player_id integer references gw.gwrel_players (id),
  primary key (badge_id, player_id));
comment on table gw.gwrel_leagues is 'Leagues of teams.';
comment on table gw.gwrel_teams is 'Teams, each in a league.';
comment on table gw.gwrel_players is 'Players, in a team or none.';
comment on view gw.gwrel_team_sizes is 'How many players each team (or none) has.';
comment on table gw.gwrel_badges is 'Badges, awarded to players through a junction that is not exposed.';
comment on table gwrel_private.awards is 'Which player holds which badge (not exposed).';
alter table gw.gwrel_leagues enable row level security;
alter table gw.gwrel_teams enable row level security;
alter table gw.gwrel_players enable row level security;
alter table gw.gwrel_badges enable row level security;
create policy gwrel_leagues_read on gw.gwrel_leagues for select to anon using (true);
create policy gwrel_teams_read on gw.gwrel_teams for select to anon using (true);
create policy gwrel_players_read on gw.gwrel_players for select to anon using (true);
create policy gwrel_badges_read on gw.gwrel_badges for select to anon using (true);
grant select on gw.gwrel_leagues, gw.gwrel_teams, gw.gwrel_players, gw.gwrel_team_sizes, gw.gwrel_badges to anon;
insert into gw.gwrel_leagues values (1, 'North'), (2, 'South');
insert into gw.gwrel_teams values (1, 'Ants', 1), (2, 'Bees', 2);
insert into gw.gwrel_players values (1, 'Ada', 2), (2, 'Bo', 2), (3, 'Cy', 1), (4, 'Di', 1), (5, 'Ed', null);
insert into gw.gwrel_badges values (1, 'Captain');
insert into gwrel_private.awards values (1, 3);
