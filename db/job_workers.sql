-- private.queue_workers: the workers' sign of life. A worker upserts its row at every heartbeat
-- (public.heartbeat_worker, every AVENIR_WORKER_HEARTBEAT seconds, 2 by default) with the
-- interval it promises; reap_stale_jobs declares a worker dead after 3 missed beats and takes its
-- jobs back at once, instead of waiting for their timeout_seconds (300 s) as it must for a
-- claimer that never registered.
create table private.queue_workers (
  worker_id text primary key,
  heartbeat_seconds double precision not null,
  started_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  constraint queue_workers_worker_id_check check (char_length(worker_id) between 1 and 200),
  constraint queue_workers_heartbeat_seconds_check check (heartbeat_seconds > 0 and heartbeat_seconds <= 3600)
);
-- Finding the silent ones.
create index queue_workers_last_seen_at_idx on private.queue_workers (last_seen_at);

comment on table private.queue_workers is
  'Workers alive now: the heartbeat interval each promised and when it last beat (service_role; see reap_stale_jobs).';
comment on column private.queue_workers.worker_id is 'The name a worker claims with (queue_jobs.locked_by).';
comment on column private.queue_workers.heartbeat_seconds is 'Seconds between its heartbeats: silent for 3 of them, it is dead.';
comment on column private.queue_workers.last_seen_at is 'Its latest heartbeat.';

alter table private.queue_workers enable row level security;
alter table private.queue_workers force row level security;

revoke all on table private.queue_workers from public, anon, authenticated;
grant select, insert, update, delete on table private.queue_workers to service_role;
