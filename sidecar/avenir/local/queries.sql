-- The local orchestration's queries (avenir.local), loaded by name with
-- avenir_gateway.sql_files.NamedQueries. `{name}` marks an identifier or literal composed with
-- psycopg.sql (statements that take no parameters); `%(name)s` is a parameter.

-- name: database_exists
select exists (select from pg_catalog.pg_database where datname = %(dbname)s) as found;

-- name: create_database
create database {dbname};

-- name: set_authenticator_password
alter role authenticator with password {password};

-- name: store_jwt_secret
-- The signing secret for `login`, readable only by the owner of private.secrets.
insert into private.secrets (name, value) values ('jwt_secret', %(value)s)
on conflict (name) do update set value = excluded.value, updated_at = now();

-- name: cron_jobs
select jobname, schedule, active, last_status, last_start from private.cron_status order by jobname;

-- name: find_demo_client
-- The demo client, by its login e-mail.
select client_id, api_key_hash from public.clients where email = %(email)s;

-- name: act_as_service_role
-- The demo client is created through the real RPC, as the API's service_role would call it.
set local role service_role;

-- name: create_demo_client
select public.create_client(%(business_name)s, %(email)s, %(password)s, 'en',
                            booking_link => 'http://127.0.0.1/book', is_test => true) as created;

-- name: reset_demo_credentials
-- The key file or the password file was lost: give the demo client a fresh key and the stored password.
update public.clients
   set api_key_hash = private.api_key_digest(%(api_key)s), api_key_prefix = private.api_key_prefix(%(api_key)s),
       password_hash = extensions.crypt(%(password)s, extensions.gen_salt('bf', 10))
 where client_id = %(client_id)s;

-- name: new_api_key
select private.new_api_key() as api_key;

-- name: key_matches
select private.api_key_digest(%(api_key)s) = %(api_key_hash)s as matches;

-- name: demo_form_key
-- The demo client's public form key (made once) and the demo site's origin among its allowed sites.
update public.clients
   set form_key = coalesce(form_key, private.new_form_key()),
       form_origins = case when %(origin)s = any(form_origins) then form_origins
                           else form_origins || %(origin)s::text end
 where email = %(email)s
returning form_key;

-- name: prospect_index_cache
-- The prospect HNSW indexes (the table's and those of single values, `avenir prospects index`) against
-- shared_buffers, and whether pg_prewarm is installed.
select (select coalesce(sum(pg_catalog.pg_relation_size(i.indexrelid)), 0)::bigint
          from pg_catalog.pg_index i
          join pg_catalog.pg_class c on c.oid = i.indexrelid
          join pg_catalog.pg_am a on a.oid = c.relam
         where i.indrelid = 'public.prospect_candidates'::regclass and a.amname = 'hnsw') as index_bytes,
       pg_catalog.pg_size_bytes(pg_catalog.current_setting('shared_buffers')) as buffer_bytes,
       exists (select from pg_catalog.pg_extension where extname = 'pg_prewarm') as can_prewarm;

-- name: prewarm_prospect_index
-- Reads the whole of each prospect HNSW index into shared_buffers (pages already there are skipped).
select sum(extensions.pg_prewarm(i.indexrelid::regclass)) as blocks
  from pg_catalog.pg_index i
  join pg_catalog.pg_class c on c.oid = i.indexrelid
  join pg_catalog.pg_am a on a.oid = c.relam
 where i.indrelid = 'public.prospect_candidates'::regclass and a.amname = 'hnsw';
