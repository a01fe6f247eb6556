-- What the replication check reads in the database: the schema fingerprint and the
-- performance_metrics vocabulary of its periodic record.
begin;
select plan(6);

select set_eq($$ select jsonb_object_keys(private.schema_fingerprint()) $$,
              $$ values ('columns'), ('constraints'), ('functions'), ('indexes'), ('policies'), ('security'), ('triggers') $$,
              'the fingerprint has one hash per part of the catalogue');

create temporary table fingerprint_before as select private.schema_fingerprint() as parts;
create index lead_memory_fingerprint_probe_idx on public.lead_memory (name);
select is((select array_agg(k order by k) from jsonb_each_text(private.schema_fingerprint()) as now_(k, v)
            where v is distinct from (select parts ->> k from fingerprint_before)),
          array['indexes'], 'an added index changes the indexes part only');
drop index public.lead_memory_fingerprint_probe_idx;
select is(private.schema_fingerprint(), (select parts from fingerprint_before), 'and dropping it restores the fingerprint');

select lives_ok($$ insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit,
                     source_component) values ('replication_check', 'error_rate', 0, 'count', 'replication_monitor') $$,
                'performance_metrics records a replication check');
select throws_ok($$ insert into public.performance_metrics (event_type, metric_name, metric_value, metric_unit,
                      source_component) values ('replication', 'error_rate', 0, 'count', 'replication_monitor') $$,
                 '23514', null, 'other event types are still refused');

select throws_ok($$ select private.schema_fingerprint() $$, '42501', null,
                 'the API roles cannot read the fingerprint') from tests.authenticate_as('authenticated');

select * from finish();
rollback;
