-- The gateway tests' own schema: any schema must be served, so none of the project's tables are used.
set client_min_messages = warning;
-- Loaded by the superuser into the test database; idempotent.
drop schema if exists gw cascade;
drop schema if exists gw_other cascade;
create schema gw;
create schema gw_other;
comment on schema gw is 'Gateway test fixture: tables, views, functions of every shape, RLS.';
comment on schema gw_other is 'A second exposed schema, selected with Accept-Profile / Content-Profile.';
grant usage on schema gw, gw_other to anon, authenticated, service_role;

create table gw.authors (
  id integer primary key,
  name text not null,
  born date
);
comment on table gw.authors is 'Authors; the parent of books.';

create table gw.books (
  id serial primary key,
  title text not null,
  author_id integer references gw.authors (id),
  year integer,
  tags text[] not null default '{}',
  meta jsonb,
  price numeric(8, 2),
  published boolean,
  summary text,
  search tsvector generated always as (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, ''))) stored
);
create index books_author_id_idx on gw.books (author_id);
comment on table gw.books is 'Books; filters, order and pagination are tested on them.';

create table gw.items (
  id integer primary key,
  label text not null unique,
  qty integer not null check (qty >= 0) default 0
);
comment on table gw.items is 'Rows the write tests insert, update and delete.';

create table gw.loans (
  id integer primary key,
  book_id integer not null references gw.books (id),
  previous_book_id integer references gw.books (id)
);
create index loans_book_id_idx on gw.loans (book_id);
create index loans_previous_book_id_idx on gw.loans (previous_book_id);
comment on table gw.loans is 'Two foreign keys to books: embedding needs a hint.';

create table gw.genres (id integer primary key, name text not null);
comment on table gw.genres is 'Genres; many-to-many with books through book_genres.';
create table gw.book_genres (
  book_id integer references gw.books (id),
  genre_id integer references gw.genres (id),
  primary key (book_id, genre_id)
);
create index book_genres_genre_id_idx on gw.book_genres (genre_id);
comment on table gw.book_genres is 'The junction of books and genres.';

create table gw.log (
  id bigint generated always as identity primary key,
  message text not null
);
comment on table gw.log is 'What volatile functions write.';

-- RLS with two roles: anon sees public notes only; authenticated users see and write their own.
create table gw.notes (
  id bigint generated always as identity primary key,
  owner text not null default (current_setting('request.jwt.claims', true)::json ->> 'sub'),
  body text not null,
  public boolean not null default false
);
alter table gw.notes enable row level security;
create policy notes_select_anon on gw.notes for select to anon using (public);
create policy notes_select_authenticated on gw.notes for select to authenticated
  using (owner = (select current_setting('request.jwt.claims', true)::json ->> 'sub'));
create policy notes_insert_authenticated on gw.notes for insert to authenticated
  with check (owner = (select current_setting('request.jwt.claims', true)::json ->> 'sub'));
create policy notes_update_authenticated on gw.notes for update to authenticated
  using (owner = (select current_setting('request.jwt.claims', true)::json ->> 'sub'));
create policy notes_delete_authenticated on gw.notes for delete to authenticated
  using (owner = (select current_setting('request.jwt.claims', true)::json ->> 'sub'));
comment on table gw.notes is 'Per-user notes behind row-level security.';

create table gw.hidden (id integer primary key);
comment on table gw.hidden is 'A table no API role may read (42501).';

create table gw_other.things (id integer primary key, name text);
comment on table gw_other.things is 'A table of the second exposed schema.';

create view gw.book_titles with (security_invoker = true) as
  select b.id, b.title, a.name as author from gw.books b left join gw.authors a on a.id = b.author_id;
comment on view gw.book_titles is 'A view over books and authors.';

insert into gw.authors values (1, 'Ursula Le Guin', '1929-10-21'), (2, 'Octavia Butler', '1947-06-22'),
  (3, 'Stanisław Lem', '1921-09-12');
insert into gw.books (title, author_id, year, tags, meta, price, published, summary) values
  ('A Wizard of Earthsea', 1, 1968, '{fantasy,magic}', '{"pages": 183, "series": {"name": "Earthsea", "n": 1}}', 9.99, true, 'A young wizard and his shadow'),
  ('The Left Hand of Darkness', 1, 1969, '{scifi}', '{"pages": 304}', 12.50, true, 'An envoy on a winter planet'),
  ('The Dispossessed', 1, 1974, '{scifi,politics}', '{"pages": 387}', null, true, 'Two worlds, one physicist'),
  ('Kindred', 2, 1979, '{scifi,history}', '{"pages": 264}', 11.00, true, 'Time travel to a plantation'),
  ('Parable of the Sower', 2, 1993, '{scifi}', null, 10.00, false, 'A walled community burns'),
  ('Solaris', 3, 1961, '{scifi}', '{"pages": 204}', 8.75, null, 'An ocean that thinks'),
  ('Untitled, "draft" (1)', null, null, '{}', null, null, null, null);
insert into gw.notes (owner, body, public) values ('alice', 'alice private', false), ('alice', 'alice public', true),
  ('bob', 'bob private', false);
insert into gw_other.things values (1, 'other thing');
insert into gw.loans values (1, 1, 2);
insert into gw.genres values (1, 'fantasy'), (2, 'science fiction'), (3, 'classic');
insert into gw.book_genres values (1, 1), (1, 3), (2, 2), (6, 2), (6, 3);

grant select on all tables in schema gw, gw_other to anon;
grant select, insert, update, delete on all tables in schema gw, gw_other to authenticated, service_role;
revoke all on gw.hidden from anon, authenticated, service_role;
grant usage on all sequences in schema gw to authenticated, service_role;

-- Column privileges: authenticated may change an account's plan and read only id and plan, never
-- the secret (a write must return only what the role can read).
create table gw.accounts (
  id integer primary key,
  plan text not null,
  secret text not null
);
comment on table gw.accounts is 'Column grants: the secret column is neither readable nor writable by API roles.';
insert into gw.accounts values (1, 'free', 'hunter2'), (2, 'free', 'swordfish');
revoke all on gw.accounts from anon, authenticated, service_role;
grant select (id, plan), update (plan) on gw.accounts to authenticated;

-- A role of the fixture with its own setting (ALTER ROLE ... SET), applied to each of its requests.
do $$
begin
  create role gw_hurried nologin;
exception when duplicate_object then null;
end $$;
grant gw_hurried to authenticator;
grant usage on schema gw to gw_hurried;
alter role gw_hurried set statement_timeout = '250ms';
comment on role gw_hurried is 'Gateway fixture: a role whose statement_timeout (ALTER ROLE SET) the gateway must apply.';

-- Functions of every return shape and volatility.
create function gw.add(a integer, b integer) returns integer language sql immutable as $$ select a + b $$;
create function gw.add_default(a integer, b integer default 10) returns integer language sql immutable
  as $$ select a + b $$;
create function gw.numbers(n integer) returns setof integer language sql immutable
  as $$ select generate_series(1, n) $$;
create function gw.books_by(author integer) returns setof gw.books language sql stable
  as $$ select * from gw.books where author_id = author order by id $$;
create function gw.first_book() returns gw.books language sql stable
  as $$ select * from gw.books order by id limit 1 $$;
create function gw.stats(a integer, out doubled integer, out squared integer) language sql immutable
  as $$ select a * 2, a * a $$;
create function gw.pairs(n integer) returns table (x integer, label text) language sql immutable
  as $$ select i, 'n' || i from generate_series(1, n) i $$;
create function gw.remember(message text) returns void language sql volatile
  as $$ insert into gw.log (message) values (message) $$;
create function gw.remember_and_count(message text) returns bigint language sql volatile
  as $$ insert into gw.log (message) values (message); select count(*) from gw.log $$;
create function gw.write_in_stable(message text) returns void language plpgsql stable
  as $$ begin perform gw.remember(message); end $$;
create function gw.echo(jsonb) returns jsonb language sql immutable as $$ select $1 $$;
create function gw.holds_escape(json) returns boolean language sql immutable
  as $$ select strpos($1::text, '\u0000') > 0 $$;
create function gw.overloaded(a integer) returns text language sql immutable as $$ select 'int ' || a $$;
create function gw.overloaded(b text) returns text language sql immutable as $$ select 'text ' || b $$;
create function gw.ambiguous(x integer) returns text language sql immutable as $$ select 'int' $$;
create function gw.ambiguous(x text) returns text language sql immutable as $$ select 'text' $$;
create function gw.whoami() returns json language sql stable as $$
  select json_build_object(
    'role', current_user,
    'claims', current_setting('request.jwt.claims', true)::json,
    'method', current_setting('request.method', true),
    'path', current_setting('request.path', true),
    'headers', current_setting('request.headers', true)::json,
    'cookies', current_setting('request.cookies', true)::json,
    'search_path', current_setting('search_path'),
    'greeting', current_setting('app.settings.greeting', true),
    'read_only', current_setting('transaction_read_only'))
$$;
create function gw.teapot() returns text language plpgsql stable as $$
begin
  perform set_config('response.status', '418', true);
  perform set_config('response.headers', '[{"X-Brewed": "yes"}, {"Cache-Control": "no-store"}]', true);
  return 'short and stout';
end $$;
create function gw.bad_status() returns text language plpgsql stable as $$
begin
  perform set_config('response.status', 'tea', true);
  return 'x';
end $$;
create function gw.raise_payment() returns void language plpgsql as $$
begin
  raise sqlstate 'PT402' using message = 'Payment Required', detail = 'Quota exceeded', hint = 'Upgrade your plan';
end $$;
create function gw.raise_custom() returns void language plpgsql as $$
begin
  raise sqlstate 'PGRST' using
    message = '{"code":"123","message":"Custom message","details":"Custom details","hint":"Custom hint"}',
    detail = '{"status":409,"headers":{"X-Custom":"yes"}}';
end $$;
create function gw.raise_plain() returns void language plpgsql as $$
begin
  raise exception 'plain failure' using hint = 'do something else';
end $$;
create function gw.setting(name text) returns text language sql stable
  as $$ select current_setting(name) $$;
create function gw.shout(text) returns text language sql immutable as $$ select upper($1) $$;
create function gw.byte_length(bytea) returns integer language sql immutable as $$ select length($1) $$;
create function gw.count_args(variadic v text[]) returns integer language sql immutable
  as $$ select cardinality(v) $$;
create function gw.initials(gw.authors) returns text language sql immutable
  as $$ select string_agg(left(w, 1), '') from regexp_split_to_table($1.name, ' ') w $$;
create function gw.secret_fn() returns integer language sql stable as $$ select 42 $$;
create function gw.slow(seconds double precision) returns integer language sql volatile
  as $$ select 1 from pg_sleep(seconds) $$;

-- db-pre-request: blocks a request that carries `x-block: yes`.
create function gw.pre_request() returns void language plpgsql stable as $$
begin
  if current_setting('request.headers', true)::json ->> 'x-block' = 'yes' then
    raise sqlstate 'PT403' using message = 'Blocked by pre-request', hint = 'Remove x-block';
  end if;
end $$;

do $$
declare f record;
begin
  for f in select p.oid::regprocedure as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = 'gw' and p.proname <> 'secret_fn' loop
    execute format('grant execute on function %s to anon, authenticated, service_role, gw_hurried', f.sig);
  end loop;
end $$;
revoke execute on function gw.secret_fn() from public;
