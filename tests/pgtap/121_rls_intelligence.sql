-- Tenant isolation of growth_brain and the optionally tenant-scoped tables (feedback_tracking,
-- performance_metrics, prompt_performance, integration_logs), seen from the other tenant, anon
-- and service_role.
begin;
select tests.start_from_empty_tables();
select plan(38);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost', extensions.crypt('pw-a', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_a_key', 'sha256'), 'hex'), 'avk_tenantA'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'Tenant B', 'b@tenant-b.localhost', extensions.crypt('pw-b', extensions.gen_salt('bf', 4)),
   encode(extensions.digest('avk_tenant_b_key', 'sha256'), 'hex'), 'avk_tenantB');
insert into lead_memory (id, client_id, name)
values
  ('aaaaaaaa-1111-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'Lead A'),
  ('bbbbbbbb-1111-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'Lead B');
insert into growth_brain (client_id, total_leads)
values ('aaaaaaaa-0000-4000-8000-000000000001', 1), ('bbbbbbbb-0000-4000-8000-000000000002', 1);
insert into feedback_tracking (id, client_id, lead_id, action_type)
values
  ('aaaaaaaa-2222-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'lead_conversion'),
  ('bbbbbbbb-2222-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'lead_conversion'),
  ('cccccccc-2222-4000-8000-000000000003', null, null, 'system_performance');
insert into performance_metrics (client_id, event_type, metric_name, metric_value, metric_unit, source_component)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'api_response', 'response_time', 12, 'ms', 'lead_api'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'api_response', 'response_time', 15, 'ms', 'lead_api'),
  (null, 'ai_analysis', 'accuracy', 0.9, 'score', 'intelligence_engine');
insert into prompt_registry (id, prompt_name, variant_version, variant_id, prompt_text)
values ('dddddddd-3333-4000-8000-000000000001', 'lead_enrichment', 1, 'lead_enrichment.v1.en', 'Classify the lead.');
insert into prompt_performance (prompt_registry_id, execution_id, client_id)
values
  ('dddddddd-3333-4000-8000-000000000001', 'exec-a', 'aaaaaaaa-0000-4000-8000-000000000001'),
  ('dddddddd-3333-4000-8000-000000000001', 'exec-b', 'bbbbbbbb-0000-4000-8000-000000000002'),
  ('dddddddd-3333-4000-8000-000000000001', 'exec-none', null);
insert into integration_logs (client_id, api_key, endpoint, method, response_status)
values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'avk_tenantA', '/rpc/submit_lead', 'POST', 200),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'avk_tenantB', '/rpc/submit_lead', 'POST', 200),
  (null, 'avk_unknown', '/rpc/submit_lead', 'POST', 401);

-- Tenant-safe keys on the optional tenant.
select throws_ok($$insert into feedback_tracking (client_id, lead_id, action_type)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-1111-4000-8000-000000000002', 'user_action')$$,
                 '23503', null, 'feedback of tenant A cannot point at a lead of tenant B');
select throws_ok($$insert into feedback_tracking (lead_id, action_type)
                   values ('bbbbbbbb-1111-4000-8000-000000000002', 'user_action')$$,
                 '23514', null, 'feedback naming a lead must name its client');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000001"}');

select results_eq('select client_id from growth_brain', $$values ('aaaaaaaa-0000-4000-8000-000000000001'::uuid)$$,
                  'growth_brain: A reads only its own insights');
select throws_ok($$insert into growth_brain (client_id) values ('bbbbbbbb-0000-4000-8000-000000000002')$$, '42501', null,
                 'growth_brain: A cannot insert');
select throws_ok($$update growth_brain set total_leads = 0 where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'growth_brain: A cannot update B''s insights');
select throws_ok($$delete from growth_brain where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$, '42501', null,
                 'growth_brain: A cannot delete B''s insights');

select results_eq('select id from feedback_tracking', $$values ('aaaaaaaa-2222-4000-8000-000000000001'::uuid)$$,
                  'feedback_tracking: A reads only its own feedback, not B''s nor the global rows');
select throws_ok($$insert into feedback_tracking (client_id, lead_id, action_type, outcome)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-1111-4000-8000-000000000002', 'user_action', 'negative')$$,
                 '42501', null, 'feedback_tracking: A cannot record feedback as B');
select throws_ok($$insert into feedback_tracking (action_type) values ('user_action')$$,
                 '42501', null, 'feedback_tracking: A cannot record client-less feedback');
select lives_ok($$insert into feedback_tracking (client_id, lead_id, action_type, outcome)
                  values ('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-1111-4000-8000-000000000001', 'user_action', 'positive')$$,
                'feedback_tracking: A records feedback on its own lead');
select throws_ok($$insert into feedback_tracking (client_id, lead_id, action_type, learning_applied)
                   values ('aaaaaaaa-0000-4000-8000-000000000001', null, 'user_action', true)$$,
                 '42501', null, 'feedback_tracking: A cannot set the learning columns');
select throws_ok($$update feedback_tracking set outcome = 'negative' where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$,
                 '42501', null, 'feedback_tracking: A cannot update B''s feedback');
select throws_ok($$delete from feedback_tracking where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'$$, '42501', null,
                 'feedback_tracking: A cannot delete B''s feedback');

select is((select count(*)::int from performance_metrics), 1, 'performance_metrics: A reads only its own metric');
select throws_ok($$insert into performance_metrics (client_id, event_type, metric_name, metric_value, metric_unit, source_component)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', 'api_response', 'response_time', 1, 'ms', 'lead_api')$$,
                 '42501', null, 'performance_metrics: A cannot insert');
select throws_ok($$update performance_metrics set metric_value = 0$$, '42501', null, 'performance_metrics: A cannot update');
select throws_ok($$delete from performance_metrics$$, '42501', null, 'performance_metrics: A cannot delete');

select results_eq('select execution_id from prompt_performance', $$values ('exec-a')$$,
                  'prompt_performance: A reads only the executions that served it');
select throws_ok($$insert into prompt_performance (prompt_registry_id, execution_id, client_id)
                   values ('dddddddd-3333-4000-8000-000000000001', 'exec-forged', 'bbbbbbbb-0000-4000-8000-000000000002')$$,
                 '42501', null, 'prompt_performance: A cannot insert');
select throws_ok($$update prompt_performance set user_rating = 1$$, '42501', null, 'prompt_performance: A cannot update');
select throws_ok($$delete from prompt_performance$$, '42501', null, 'prompt_performance: A cannot delete');
select throws_ok('select 1 from prompt_registry', '42501', null, 'prompt_registry: A cannot read Avenir''s prompts');

select results_eq('select api_key from integration_logs', $$values ('avk_tenantA')$$,
                  'integration_logs: A reads only its own calls, not B''s nor the rejected ones');
select throws_ok($$insert into integration_logs (client_id, endpoint, method)
                   values ('bbbbbbbb-0000-4000-8000-000000000002', '/x', 'GET')$$, '42501', null,
                 'integration_logs: A cannot insert');
select throws_ok($$update integration_logs set response_status = 500$$, '42501', null, 'integration_logs: A cannot update');
select throws_ok($$delete from integration_logs$$, '42501', null, 'integration_logs: A cannot delete');

select tests.authenticate_as('anon');
select throws_ok('select 1 from growth_brain', '42501', null, 'growth_brain: anon reads nothing');
select throws_ok('select 1 from feedback_tracking', '42501', null, 'feedback_tracking: anon reads nothing');
select throws_ok('select 1 from performance_metrics', '42501', null, 'performance_metrics: anon reads nothing');
select throws_ok('select 1 from prompt_performance', '42501', null, 'prompt_performance: anon reads nothing');
select throws_ok('select 1 from integration_logs', '42501', null, 'integration_logs: anon reads nothing');
select throws_ok($$insert into feedback_tracking (action_type) values ('user_action')$$, '42501', null,
                 'feedback_tracking: anon cannot insert');

select tests.authenticate_as('service_role');
select is((select count(*)::int from growth_brain), 2, 'growth_brain: service_role reads every client');
select is((select count(*)::int from feedback_tracking), 4, 'feedback_tracking: service_role reads every row');
select is((select count(*)::int from performance_metrics), 3, 'performance_metrics: service_role reads every row');
select is((select count(*)::int from prompt_performance), 3, 'prompt_performance: service_role reads every row');
select is((select count(*)::int from integration_logs), 3, 'integration_logs: service_role reads every row');

select tests.clear_authentication();
select is((select count(*)::int from feedback_tracking where client_id = 'bbbbbbbb-0000-4000-8000-000000000002'
             and outcome is null), 1, 'B''s feedback is unchanged after A''s attempts');

select * from finish();
rollback;
