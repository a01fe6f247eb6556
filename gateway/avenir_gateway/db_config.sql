-- In-database configuration (§1.16, `db-config = true`): what the authenticator role's settings and the
-- db-pre-config function say, read on start and on `NOTIFY pgrst, 'reload config'`.

-- name: role_config
-- `alter role authenticator [in database d] set pgrst.db_schemas = '...'`: the database-specific value wins.
select substr(kv.setting, 1, strpos(kv.setting, '=') - 1) as key,
       substr(kv.setting, strpos(kv.setting, '=') + 1) as value
  from pg_db_role_setting s
  cross join lateral unnest(s.setconfig) as kv(setting)
 where s.setrole = (select oid from pg_roles where rolname = current_user)
   and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
   and kv.setting like 'pgrst.%%'
 order by s.setdatabase;

-- name: session_config
-- The pgrst.* values the db-pre-config function just set with set_config (in this transaction); such
-- placeholder settings are not listed in pg_settings, so each known key is asked for.
select k.name as key, current_setting(k.name, true) as value from unnest(%(names)s::text[]) as k(name);
