-- The failover pair's runtime queries, loaded by name (NamedQueries("avenir.failover")).
-- Blocks with {table}, {key}, {role}, ... take identifiers composed by psycopg.sql; every value
-- is a named placeholder. Publications and subscriptions are per deployment (they hold a
-- connection string), so they are made here, not by a migration.

-- name: replicated_tables
-- The spec's tables (every ordinary table of public) and the named private records, each with its
-- single-column primary key.
select n.nspname as schema_name, c.relname as table_name, a.attname as key_column, ty.typname as key_type
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_index i on i.indrelid = c.oid and i.indisprimary and i.indnatts = 1
  left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
  left join pg_catalog.pg_type ty on ty.oid = a.atttypid
 where (n.nspname = 'public' or (n.nspname = 'private' and c.relname = any(%(private)s::text[])))
   and c.relkind = 'r' and not c.relispartition
 order by n.nspname desc, c.relname;

-- name: copy_secrets_read
-- What a deployment must share for the API keys and the gateway's login to work on both sides.
select (select value from private.secrets where name = 'jwt_secret') as jwt_secret,
       (select rolpassword from pg_catalog.pg_authid where rolname = 'authenticator') as authenticator_verifier;

-- name: copy_secrets_write_jwt
insert into private.secrets (name, value) values ('jwt_secret', %(jwt_secret)s)
on conflict (name) do update set value = excluded.value, updated_at = now();

-- name: set_password
alter role {role} with password {password};

-- name: fence_api_role
-- Before promotion the failover refuses writes from the API's login role, so a libpq multi-host
-- URL with target_session_attrs=read-write skips it (the apply worker runs as the superuser).
alter role authenticator in database {dbname} set default_transaction_read_only = on;

-- name: unfence_api_role
alter role authenticator in database {dbname} reset default_transaction_read_only;

-- name: api_role_fenced
select coalesce(bool_or(s.setconfig @> array['default_transaction_read_only=on']), false) as fenced
  from pg_catalog.pg_db_role_setting s
  join pg_catalog.pg_roles r on r.oid = s.setrole
  join pg_catalog.pg_database d on d.oid = s.setdatabase
 where r.rolname = 'authenticator' and d.datname = pg_catalog.current_database();

-- name: set_cron_jobs_active
-- pg_cron jobs are not replicated: they run on the primary only, and resume on promotion.
select j.jobname, cron.alter_job(j.jobid, active := %(active)s) is null as altered
  from cron.job j
 where j.jobname like 'avenir-%%' and j.active is distinct from %(active)s;

-- name: active_cron_jobs
select coalesce(array_agg(jobname order by jobname), '{{}}') as jobs
  from cron.job where jobname like 'avenir-%%' and active;

-- name: truncate_tables
-- The failover's own rows (the seeds its migrations inserted) make way for the initial copy.
-- cascade: private tables keyed to these that are not replicated themselves
-- and hold nothing yet on a freshly deployed failover.
truncate {tables} cascade;

-- name: replicator_exists
select exists (select from pg_catalog.pg_roles where rolname = %(role)s) as present;

-- name: create_replicator
-- The subscription's login on the primary: replication, and it must read every row (RLS is forced).
create role {role} with login replication bypassrls password {password};

-- name: alter_replicator
alter role {role} with login replication bypassrls password {password};

-- name: grant_replicator
grant usage on schema public, private to {role};

-- name: grant_replicator_tables
grant select on {tables} to {role};

-- name: publication_exists
select exists (select from pg_catalog.pg_publication where pubname = %(name)s) as present;

-- name: create_publication
create publication {name} for table {tables};

-- name: set_publication_tables
alter publication {name} set table {tables};

-- name: drop_publication
drop publication if exists {name};

-- name: subscription_exists
select exists (select from pg_catalog.pg_subscription where subname = %(name)s) as present;

-- name: create_subscription
-- copy_data: the initial copy of every table, then streaming. Apply runs with
-- session_replication_role = replica, so ordinary (ENABLE ORIGIN) triggers do not fire twice.
create subscription {name} connection {conninfo} publication {publication} with (copy_data = true);

-- name: set_subscription_commit
-- Synchronous mode wants 'on': the apply worker then reports each transaction flushed at once,
-- instead of after the WAL writer's next round (the primary's commits would wait for it).
-- Asynchronous mode keeps PostgreSQL's 'off': the apply flushes in batches and keeps up better.
alter subscription {name} set (synchronous_commit = {value});

-- name: disable_subscription
alter subscription {name} disable;

-- name: detach_subscription_slot
-- The primary may be gone: forget its slot so that dropping the subscription does not connect to it.
alter subscription {name} set (slot_name = none);

-- name: drop_subscription
drop subscription if exists {name};

-- name: drop_slot
select pg_catalog.pg_drop_replication_slot(slot_name) as dropped
  from pg_catalog.pg_replication_slots where slot_name = %(name)s and not active;

-- name: set_synchronous_standby
alter system set synchronous_standby_names = {names};

-- name: reset_synchronous_standby
alter system reset synchronous_standby_names;

-- name: reload_conf
select pg_catalog.pg_reload_conf() as reloaded;

-- name: synchronous_standby_names
select pg_catalog.current_setting('synchronous_standby_names') as names;

-- name: tables_not_ready
select c.relname as table_name, r.srsubstate as state
  from pg_catalog.pg_subscription s
  join pg_catalog.pg_subscription_rel r on r.srsubid = s.oid
  join pg_catalog.pg_class c on c.oid = r.srrelid
 where s.subname = %(name)s and r.srsubstate <> 'r'
 order by c.relname;

-- name: subscription_status
-- The failover's side: is it enabled, what it received and applied, its errors.
select s.subname, s.subenabled as enabled, st.pid is not null as worker_running,
       st.received_lsn::text as received_lsn, st.latest_end_lsn::text as latest_end_lsn,
       st.last_msg_receipt_time, extract(epoch from now() - st.last_msg_receipt_time)::float8 as seconds_since_message,
       o.remote_lsn::text as applied_lsn,
       coalesce(ss.apply_error_count, 0) as apply_error_count, coalesce(ss.sync_error_count, 0) as sync_error_count
  from pg_catalog.pg_subscription s
  left join pg_catalog.pg_stat_subscription st on st.subid = s.oid and st.relid is null
  left join pg_catalog.pg_stat_subscription_stats ss on ss.subid = s.oid
  left join pg_catalog.pg_replication_origin_status o on o.external_id = 'pg_' || s.oid
 where s.subname = %(name)s;

-- name: subscription_tables
select c.relname as table_name,
       case r.srsubstate when 'i' then 'initialize' when 'd' then 'copying' when 'f' then 'copied'
                         when 's' then 'synchronized' when 'r' then 'ready' else r.srsubstate::text end as state
  from pg_catalog.pg_subscription s
  join pg_catalog.pg_subscription_rel r on r.srsubid = s.oid
  join pg_catalog.pg_class c on c.oid = r.srrelid
 where s.subname = %(name)s
 order by c.relname;

-- name: publisher_status
-- The primary's side: the slot (what it still holds back) and the walsender (sync state, lags).
select sl.slot_name, sl.active, sl.confirmed_flush_lsn::text as confirmed_flush_lsn,
       pg_catalog.pg_current_wal_lsn()::text as current_lsn,
       pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), sl.confirmed_flush_lsn)::bigint as lag_bytes,
       pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), sl.restart_lsn)::bigint as wal_retained_bytes,
       sr.state as walsender_state, sr.sync_state,
       extract(epoch from sr.write_lag)::float8 as write_lag_seconds,
       extract(epoch from sr.flush_lag)::float8 as flush_lag_seconds,
       extract(epoch from sr.replay_lag)::float8 as replay_lag_seconds,
       sr.replay_lsn::text as replay_lsn
  from (select pg_catalog.current_setting('server_version_num')) v
  left join pg_catalog.pg_replication_slots sl on sl.slot_name = %(name)s
  left join pg_catalog.pg_stat_replication sr on sr.pid = sl.active_pid;

-- name: current_lsn
select pg_catalog.pg_current_wal_lsn()::text as lsn;

-- name: replayed_past
-- Has the failover confirmed everything up to this primary position? (an idle walsender pings,
-- so the confirmation catches up even when nothing replicated was written)
select coalesce(bool_or(sr.replay_lsn >= %(lsn)s::pg_lsn), false) as caught_up
  from pg_catalog.pg_replication_slots sl
  join pg_catalog.pg_stat_replication sr on sr.pid = sl.active_pid
 where sl.slot_name = %(name)s;

-- name: key_range
select min({key})::text as lo, max({key})::text as hi, count(*) as n from {table};

-- name: segment_hashes
-- One pass over a key range: per bucket (width_bucket over the given lower bounds), the row count
-- and an order-independent sum of 60-bit row hashes. Nothing but the sums is held in memory.
select width_bucket({key}, %(bounds)s::{key_type}[]) as bucket, count(*) as n,
       sum(('x' || left(md5(t::text), 15))::bit(60)::bigint)::text as hash
  from {table} as t
 where (%(lo)s::{key_type} is null or {key} >= %(lo)s::{key_type})
   and (%(hi)s::{key_type} is null or {key} < %(hi)s::{key_type})
 group by 1;

-- name: row_hashes
-- A leaf range, small by construction: each row's key and hash.
select {key}::text as key, md5(t::text) as hash
  from {table} as t
 where (%(lo)s::{key_type} is null or {key} >= %(lo)s::{key_type})
   and (%(hi)s::{key_type} is null or {key} < %(hi)s::{key_type})
 order by {key};

-- name: rows_by_key
select {key}::text as key, md5(t::text) as hash from {table} as t where {key} = any(%(keys)s::{key_type}[]);

-- name: sequences
-- Sequences are not replicated: their last values, and the table and column each one feeds.
select pg_catalog.format('%%I.%%I', s.schemaname, s.sequencename) as sequence, s.last_value, s.increment_by,
       tn.nspname as owner_schema, t.relname as owner_table, a.attname as owner_column
  from pg_catalog.pg_sequences s
  join pg_catalog.pg_namespace n on n.nspname = s.schemaname
  join pg_catalog.pg_class c on c.relname = s.sequencename and c.relnamespace = n.oid
  left join pg_catalog.pg_depend d on d.objid = c.oid and d.classid = 'pg_catalog.pg_class'::regclass
                                  and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')
  left join pg_catalog.pg_class t on t.oid = d.refobjid
  left join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
  left join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
 where s.schemaname in ('public', 'private')
 order by 1;

-- name: column_max
select max({column})::bigint as max_value from {table};

-- name: set_sequence
select pg_catalog.setval(%(sequence)s::regclass, %(value)s, true) as value;

-- name: schema_fingerprint
select private.schema_fingerprint() as parts;

-- name: record_check
insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit, response_time_ms,
                                        success_rate, error_count, source_component, metadata,
                                        error_message_en, error_message_fr)
values ('replication_check', 'error_rate', %(findings)s, 'count', %(duration_ms)s,
        %(success_rate)s, %(findings)s, 'replication_monitor', %(metadata)s,
        %(message_en)s, %(message_fr)s)
returning id;

-- name: end_api_sessions
-- A planned switchover: the gateway's and the worker's sessions on the old primary end, and they
-- reconnect through their multi-host URL to whichever node is writable.
select count(pg_catalog.pg_terminate_backend(pid)) as ended
  from pg_catalog.pg_stat_activity
 where usename = 'authenticator' and datname = pg_catalog.current_database() and pid <> pg_catalog.pg_backend_pid();

-- name: try_check_lock
-- One periodic check at a time per primary, however many workers run it (session lock: it ends
-- with the connection).
select pg_catalog.pg_try_advisory_lock(pg_catalog.hashtext('avenir-replication-check')) as locked;
