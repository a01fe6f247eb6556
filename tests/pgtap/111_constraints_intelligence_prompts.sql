-- The spec's rules on growth_brain, feedback_tracking, performance_metrics and the prompt tables.
begin;
select plan(31);

insert into clients (client_id, business_name, email, password_hash, api_key_hash, api_key_prefix)
values ('aaaaaaaa-0000-4000-8000-000000000001', 'Tenant A', 'a@tenant-a.localhost', '$2a$04$' || repeat('a', 53),
        repeat('a', 64), 'avk_tenantA');
insert into prompt_registry (id, prompt_name, variant_version, variant_id, prompt_text) values
  ('dddddddd-3333-4000-8000-000000000001', 'lead_enrichment', 1, 'le.v1', 'Classify the lead.'),
  ('dddddddd-3333-4000-8000-000000000002', 'lead_enrichment', 2, 'le.v2', 'Classify the lead, briefly.'),
  ('dddddddd-3333-4000-8000-000000000003', 'reply_writer', 1, 'rw.v1', 'Write a reply.');

-- growth_brain
select lives_ok($$insert into growth_brain (client_id) values ('aaaaaaaa-0000-4000-8000-000000000001')$$,
                'growth_brain: the defaults form a valid empty analysis');
select throws_ok($$insert into growth_brain (client_id) values ('aaaaaaaa-0000-4000-8000-000000000001')$$, '23505',
                 'duplicate key value violates unique constraint "growth_brain_client_unique"',
                 'growth_brain: one row per client (growth_brain_client_unique)');
select throws_ok($$update growth_brain set urgency_distribution = '{"high": 1, "medium": 2}'$$, '23514', null,
                 'growth_brain: urgency_distribution has high, medium and low');
select throws_ok($$update growth_brain set predictive_insights = '{"en": {}}'$$, '23514', null,
                 'growth_brain: predictive_insights has en and fr');
select throws_ok($$update growth_brain set top_intents = '[1, 2, 3, 4, 5, 6]'$$, '23514', null,
                 'growth_brain: top_intents holds at most 5 intents');
select throws_ok($$update growth_brain set engagement_score = 101$$, '23514', null, 'growth_brain: engagement_score is 0-100');
select throws_ok($$update growth_brain set language_ratio = '{"en": 100}'$$, '23514', null,
                 'growth_brain: language_ratio has en and fr');

-- feedback_tracking
insert into feedback_tracking (id, action_type) values ('aaaaaaaa-2222-4000-8000-000000000009', 'system_performance');
select is((select expires_at from feedback_tracking where id = 'aaaaaaaa-2222-4000-8000-000000000009'),
          now() + interval '1 year', 'feedback_tracking: expires one year after creation');
select is((select outcome from feedback_tracking where id = 'aaaaaaaa-2222-4000-8000-000000000009'), null,
          'feedback_tracking: a pending prediction has no outcome yet');
select throws_ok($$update feedback_tracking set action_type = 'guess'$$, '23514', null, 'feedback_tracking: action_type is enumerated');
select throws_ok($$update feedback_tracking set outcome = 'great'$$, '23514', null,
                 'feedback_tracking: outcome is positive, negative or neutral');
select throws_ok($$update feedback_tracking set impact_score = 150$$, '23514', null, 'feedback_tracking: impact_score is -100..100');
select throws_ok($$update feedback_tracking set impact_score = -101$$, '23514', null, 'feedback_tracking: impact_score is at least -100');
select throws_ok($$update feedback_tracking set learning_impact = 1.2$$, '23514', null, 'feedback_tracking: learning_impact is 0-1');

-- performance_metrics
select throws_ok($$insert into performance_metrics (event_type, metric_name, metric_value, metric_unit, source_component)
                   values ('api_response', 'response_time', 5, 'seconds', 'lead_api')$$, '23514', null,
                 'performance_metrics: metric_unit is ms, percent, count or score');
select throws_ok($$insert into performance_metrics (event_type, metric_name, metric_value, metric_unit, source_component)
                   values ('coffee_break', 'response_time', 5, 'ms', 'lead_api')$$, '23514', null,
                 'performance_metrics: event_type is enumerated');
select throws_ok($$insert into performance_metrics (event_type, metric_name, metric_value, metric_unit, source_component, success_rate)
                   values ('api_response', 'success_rate', 5, 'percent', 'lead_api', 1.5)$$, '23514', null,
                 'performance_metrics: success_rate is 0-1');

-- prompt_registry / prompt_performance
select throws_ok($$insert into prompt_registry (prompt_name, variant_version, variant_id, prompt_text)
                   values ('lead_enrichment', 1, 'le.v1.bis', 'x')$$, '23505', null,
                 'prompt_registry: one variant per (prompt_name, variant_version, language)');
select throws_ok($$insert into prompt_registry (prompt_name, variant_version, variant_id, prompt_text, score)
                   values ('lead_enrichment', 3, 'le.v3', 'x', 1.5)$$, '23514', null, 'prompt_registry: score is 0-1');
select throws_ok($$insert into prompt_performance (prompt_registry_id, execution_id, user_rating)
                   values ('dddddddd-3333-4000-8000-000000000001', 'e1', 6)$$, '23514', null, 'prompt_performance: user_rating is 1-5');
select throws_ok($$insert into prompt_performance (prompt_registry_id, execution_id, environment)
                   values ('dddddddd-3333-4000-8000-000000000001', 'e2', 'laptop')$$, '23514', null,
                 'prompt_performance: environment is production, staging or test');
select throws_ok($$insert into prompt_performance (prompt_registry_id, execution_id, output_quality_score)
                   values ('dddddddd-3333-4000-8000-000000000001', 'e3', 1.001)$$, '23514', null,
                 'prompt_performance: output_quality_score is 0-1');

-- prompt_ab_tests
select lives_ok($$insert into prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id)
                  values ('t1', 'lead_enrichment', 'le.v1', 'le.v2')$$, 'prompt_ab_tests: a 50/50 test between two variants');
select is((select array[min_sample_size, max_duration_days]::numeric[] || significance_level from prompt_ab_tests where test_name = 't1'),
          array[100, 7, 0.05]::numeric[], 'prompt_ab_tests: defaults min_sample_size 100, max_duration_days 7, significance 0.05');
select throws_ok($$update prompt_ab_tests set control_traffic_percentage = 60$$, '23514', null,
                 'prompt_ab_tests: the traffic split sums to 100');
select lives_ok($$update prompt_ab_tests set control_traffic_percentage = 60, treatment_traffic_percentage = 40$$,
                'prompt_ab_tests: a 60/40 split is accepted');
select throws_ok($$insert into prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id)
                   values ('t2', 'lead_enrichment', 'le.v1', 'rw.v1')$$, '23503', null,
                 'prompt_ab_tests: both variants belong to the tested prompt');
select throws_ok($$update prompt_ab_tests set winner_variant_id = 'rw.v1'$$, '23514', null,
                 'prompt_ab_tests: the winner is the control or the treatment');
select throws_ok($$update prompt_ab_tests set status = 'paused'$$, '23514', null,
                 'prompt_ab_tests: status is draft, running, completed or cancelled');

-- prompt_evolution
select throws_ok($$insert into prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type)
                   values ('dddddddd-3333-4000-8000-000000000001', 'dddddddd-3333-4000-8000-000000000002', 'magic')$$,
                 '23514', null, 'prompt_evolution: evolution_type is mutation, crossover, optimization or manual_edit');
select throws_ok($$insert into prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type)
                   values ('dddddddd-3333-4000-8000-000000000001', 'dddddddd-3333-4000-8000-000000000001', 'mutation')$$,
                 '23514', null, 'prompt_evolution: a prompt is not its own parent');

select * from finish();
rollback;
