-- The prompt registry: register_prompt_variant, choose_prompt_variant (sticky split under a running
-- test, else the best active variant), record_prompt_execution (idempotent, running score),
-- evolve_prompt with lineage (a crossover has two parents); only service_role manages prompts.
begin;
select plan(36);

select tests.authenticate_as('service_role');
select register_prompt_variant('greeting', 'Say hello.', 'en') as v1 \gset
select is(:'v1'::jsonb ->> 'variant_id', 'greeting.v1.en', 'the first variant is version 1 with a default variant_id');
select register_prompt_variant('greeting', 'Say hello warmly.', 'en') as v2 \gset
select is(:'v2'::jsonb ->> 'variant_version', '2', 'versions count per prompt and language');
select is((register_prompt_variant('greeting', 'Dis bonjour.', 'fr')) ->> 'variant_id', 'greeting.v1.fr',
          'French variants have their own versions');
select throws_ok($$select register_prompt_variant('greeting', '  ', 'en')$$, '22023', null, 'an empty prompt text is refused');
select throws_ok($$select register_prompt_variant('greeting', 'x', 'de')$$, '22023', null, 'a language other than en/fr is refused');
select throws_ok($$select register_prompt_variant('', 'x', 'en')$$, '22023', null, 'an empty prompt name is refused');
select throws_ok($$select register_prompt_variant('greeting', 'x', 'en', 'greeting.v1.en')$$, '23505', null,
                 'a variant_id is unique');

-- Without a test: the best-scoring active variant.
update prompt_registry set score = 0.7 where variant_id = 'greeting.v1.en';
update prompt_registry set score = 0.6 where variant_id = 'greeting.v2.en';
select is((choose_prompt_variant('greeting', 'en', 'lead-1')) ->> 'variant_id', 'greeting.v1.en',
          'no running test: the best-scoring active variant');
select is((choose_prompt_variant('greeting', 'en', 'lead-1')) ->> 'assignment', 'best', '... marked best');
update prompt_registry set is_active = false where variant_id = 'greeting.v1.en';
select is((choose_prompt_variant('greeting', 'en', 'lead-1')) ->> 'variant_id', 'greeting.v2.en', 'inactive variants are skipped');
update prompt_registry set is_active = true where variant_id = 'greeting.v1.en';
select is((choose_prompt_variant('greeting', 'fr', 'lead-1')) ->> 'variant_id', 'greeting.v1.fr', 'the language is respected');
select is((choose_prompt_variant('nothing', 'en', 'lead-1')) ->> 'assignment', 'none', 'an unknown prompt has no variant');

-- Under a running test: a sticky, deterministic split in the configured proportions.
insert into prompt_ab_tests (id, test_name, prompt_name, control_variant_id, treatment_variant_id,
                             control_traffic_percentage, treatment_traffic_percentage, status, started_at)
values ('aaaaaaaa-5200-4000-8000-000000000001', 'greeting-520', 'greeting', 'greeting.v1.en', 'greeting.v2.en',
        70, 30, 'running', now());
select is((select count(distinct choose_prompt_variant('greeting', 'en', 'lead-' || i) ->> 'variant_id')::int
             from generate_series(1, 20) i, generate_series(1, 3) again), 2, 'both arms are used');
select ok((select bool_and(choose_prompt_variant('greeting', 'en', 'unit-' || i) = choose_prompt_variant('greeting', 'en', 'unit-' || i))
             from generate_series(1, 200) i), 'the same unit always gets the same arm (sticky)');
select ok((select count(*) filter (where choose_prompt_variant('greeting', 'en', 'unit-' || i) ->> 'assignment' = 'control')
             from generate_series(1, 2000) i) between 1340 and 1460,
          '2000 units split about 70/30 (within 3 standard deviations)');
select is((choose_prompt_variant('greeting', 'en', 'unit-1')) ->> 'test_name', 'greeting-520', 'the assignment names its test');
select is(private.ab_bucket('aaaaaaaa-5200-4000-8000-000000000001', 'unit-1'),
          ((('x' || left(md5('aaaaaaaa-5200-4000-8000-000000000001:unit-1'), 8))::bit(32)::bigint % 10000) / 100.0),
          'the bucket is md5-based: the same on every host');
select is((choose_prompt_variant('greeting', 'en', null)) ->> 'assignment', 'best',
          'without a unit key there is no assignment: the best variant');
select is((choose_prompt_variant('greeting', 'fr', 'unit-1')) ->> 'assignment', 'best',
          'a test of English variants does not cover French traffic');

-- record_prompt_execution: once per execution_id; usage and score follow.
select is((record_prompt_execution('greeting.v2.en', 'exec-520-1', output_quality_score => 1)) ->> 'recorded', 'true',
          'an execution is recorded');
select is((record_prompt_execution('greeting.v2.en', 'exec-520-1', output_quality_score => 1)) ->> 'recorded', 'false',
          'the same execution_id again records nothing');
select is((select usage_count from prompt_registry where variant_id = 'greeting.v2.en'), 1, 'usage_count counts executions');
select is((select score from prompt_registry where variant_id = 'greeting.v2.en'), 0.583::numeric,
          'score = (1 + 5 x 0.5) / (1 + 5): the judged mean shrunk towards 0.5');
select record_prompt_execution('greeting.v2.en', 'exec-520-2', error_occurred => true, error_message => 'timeout');
select is((select score from prompt_registry where variant_id = 'greeting.v2.en'), 0.500::numeric,
          'a failed execution counts as quality 0: (1 + 0 + 2.5) / 7');
select throws_ok($$select record_prompt_execution('greeting.v9.en', 'exec-520-3')$$, 'PT404', null, 'an unknown variant is a 404');
select throws_ok($$select record_prompt_execution('greeting.v2.en', 'exec-520-4', user_rating => 9::smallint)$$, '23514', null,
                 'a rating outside 1-5 is refused');

-- evolve_prompt and lineage.
select evolve_prompt((select id from prompt_registry where variant_id = 'greeting.v1.en'), 'mutation', 'shorter',
                     'Hello.', optimization_goals => array['brevity']) as m \gset
select is((select evolution_type || ' ' || (parent_performance ->> 'variant_id') from prompt_evolution
            where child_prompt_id = (:'m'::jsonb ->> 'id')::uuid), 'mutation greeting.v1.en',
          'a mutation records its parent with a performance snapshot');
select evolve_prompt((:'m'::jsonb ->> 'id')::uuid, 'crossover', 'blend', 'Hello, warmly.',
                     second_parent_id => (select id from prompt_registry where variant_id = 'greeting.v2.en')) as x \gset
select is((select count(*)::int from prompt_evolution where child_prompt_id = (:'x'::jsonb ->> 'id')::uuid), 2,
          'a crossover child has two parents');
select is((select array(select n ->> 'variant_id' from jsonb_array_elements(prompt_lineage((:'x'::jsonb ->> 'id')::uuid) -> 'nodes') n)),
          array['greeting.v1.en', 'greeting.v2.en', 'greeting.v3.en', 'greeting.v4.en'],
          'the lineage lists grandparent, parents and the child (recursive query)');
select throws_ok($$select evolve_prompt((select id from prompt_registry where variant_id = 'greeting.v1.en'), 'crossover', 's', 't')$$,
                 '22023', null, 'a crossover without a second parent is refused');

-- improvement_score once the child has 30 judged executions (learning_pass).
select record_prompt_execution('greeting.v3.en', 'exec-520-child-' || i, output_quality_score => 0.8)
  from generate_series(1, 29) i;
select learning_pass();
select is((select improvement_score from prompt_evolution where child_prompt_id = (:'m'::jsonb ->> 'id')::uuid), null,
          'with 29 judged executions the child is not scored yet');
select record_prompt_execution('greeting.v3.en', 'exec-520-child-30', output_quality_score => 0.8);
select learning_pass();
select is((select improvement_score from prompt_evolution where child_prompt_id = (:'m'::jsonb ->> 'id')::uuid), 0.800::numeric,
          'at 30 the improvement over the (unjudged, 0) parent is 0.8 of what it left to gain');

select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000520"}');
select throws_ok($$select choose_prompt_variant('greeting', 'en', 'x')$$, '42501', null,
                 'a client cannot choose prompts (service_role only)');
select throws_ok($$select register_prompt_variant('greeting', 'mine', 'en')$$, '42501', null,
                 'a client cannot register prompts');
select throws_ok($$select * from prompt_registry$$, '42501', null, 'a client cannot read the registry');
select tests.authenticate_as('anon');
select throws_ok($$select evolve_prompt(gen_random_uuid(), 'mutation', 's', 't')$$, '42501', null, 'anon cannot evolve prompts');

select * from finish();
rollback;
