-- The prompt registry: variants, their selection (sticky A/B assignment or the best score), their
-- executions and running score, and their evolution (lineage as a graph). service_role only.

create or replace function private.ab_bucket(test_id uuid, unit_key text)
returns numeric
language sql
immutable
set search_path = ''
as $$
  -- md5 is the same on every host and version (hashtext is not promised to be): a unit keeps its arm.
  select (('x' || pg_catalog.left(pg_catalog.md5(test_id::text || ':' || unit_key), 8))::bit(32)::bigint % 10000)
         / 100.0
$$;
comment on function private.ab_bucket(uuid, text) is
  'A unit''s bucket in [0, 100) for one A/B test: the first 32 bits of md5(test_id:unit_key), in hundredths.';
revoke execute on function private.ab_bucket(uuid, text) from public;
grant execute on function private.ab_bucket(uuid, text) to service_role;

create or replace function private.execution_quality(error_occurred boolean, accuracy_score numeric,
                                                     output_quality_score numeric, user_rating smallint)
returns numeric
language sql
immutable
set search_path = ''
as $$
  -- The judged quality of one execution, 0-1; null while nobody has judged it.
  select case when error_occurred then 0
              else coalesce(accuracy_score, output_quality_score, (user_rating - 1) / 4.0) end
$$;
comment on function private.execution_quality(boolean, numeric, numeric, smallint) is
  'Quality of one prompt execution: 0 on error, else accuracy_score (the client''s corrections), else '
  'output_quality_score, else the 1-5 user_rating mapped to 0-1; null when not judged yet. '
  'An execution succeeds (A/B tests) when its quality is at least 0.5.';
revoke execute on function private.execution_quality(boolean, numeric, numeric, smallint) from public;
grant execute on function private.execution_quality(boolean, numeric, numeric, smallint) to service_role;

create or replace function private.refresh_prompt_scores(variant_ids uuid[])
returns integer
language sql
set search_path = ''
as $$
  -- score = (sum of judged qualities + 5 x 0.5) / (judged + 5): the mean quality shrunk towards 0.5
  -- by five pseudo-executions, so a variant is not crowned on two lucky runs.
  with s as (
    select p.prompt_registry_id as id,
           (sum(q.quality) + 2.5) / (count(q.quality) + 5) as score
      from public.prompt_performance p
      cross join lateral (select private.execution_quality(p.error_occurred, p.accuracy_score,
                                                           p.output_quality_score, p.user_rating) as quality) q
     where p.prompt_registry_id = any (variant_ids) and q.quality is not null
     group by p.prompt_registry_id
  ), u as (
    update public.prompt_registry r set score = round(s.score, 3)
      from s where r.id = s.id and r.score is distinct from round(s.score, 3)
    returning r.id
  )
  select count(*)::integer from u
$$;
comment on function private.refresh_prompt_scores(uuid[]) is
  'Recompute the running score of the given variants: judged mean quality shrunk to 0.5 by 5 pseudo-executions.';
revoke execute on function private.refresh_prompt_scores(uuid[]) from public;
grant execute on function private.refresh_prompt_scores(uuid[]) to service_role;

create or replace function private.variant_performance(variant uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
           'variant_id', r.variant_id, 'score', r.score, 'usage_count', r.usage_count,
           'executions', count(p.id), 'judged', count(q.quality),
           'mean_quality', round(avg(q.quality), 4),
           'success_rate', round(avg(case when q.quality >= 0.5 then 1.0 when q.quality is not null then 0.0 end), 4),
           'at', now())
    from public.prompt_registry r
    left join public.prompt_performance p on p.prompt_registry_id = r.id
    left join lateral (select private.execution_quality(p.error_occurred, p.accuracy_score,
                                                        p.output_quality_score, p.user_rating) as quality) q on true
   where r.id = variant
   group by r.id
$$;
comment on function private.variant_performance(uuid) is
  'Snapshot of a variant''s performance: score, executions, judged executions, mean quality, success rate.';
revoke execute on function private.variant_performance(uuid) from public;
grant execute on function private.variant_performance(uuid) to service_role;

create or replace function public.register_prompt_variant(
  prompt_name text,
  prompt_text text,
  language text default 'en',
  variant_id text default null,
  is_active boolean default true
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  name text := pg_catalog.btrim(prompt_name);
  version integer;
  created public.prompt_registry;
begin
  if coalesce(name, '') = '' or pg_catalog.char_length(name) > 100 then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'prompt_name must be 1 to 100 characters', hint = 'Name the prompt, e.g. lead_analysis.';
  end if;
  if coalesce(pg_catalog.btrim(prompt_text), '') = '' then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'prompt_text must not be empty', hint = 'Pass the prompt''s content.';
  end if;
  if language is null or language not in ('en', 'fr') then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('language %L is not en or fr', language), hint = 'Use en or fr.';
  end if;
  -- One version sequence per prompt and language; concurrent registrations queue here.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('prompt_registry'), pg_catalog.hashtext(name || ':' || language));
  select coalesce(max(r.variant_version), 0) + 1 into version
    from public.prompt_registry r where r.prompt_name = name and r.language = language;
  insert into public.prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active)
  values (name, version, coalesce(nullif(pg_catalog.btrim(variant_id), ''), pg_catalog.format('%s.v%s.%s', name, version, language)),
          prompt_text, language, is_active)
  returning * into created;
  return pg_catalog.jsonb_build_object('id', created.id, 'prompt_name', created.prompt_name,
                                       'variant_id', created.variant_id, 'variant_version', created.variant_version,
                                       'language', created.language, 'is_active', created.is_active);
end
$$;
comment on function public.register_prompt_variant(text, text, text, text, boolean) is
  'Register a prompt variant (service_role): next variant_version for (prompt_name, language), variant_id '
  'defaulting to <name>.v<version>.<language>. Returns {id, variant_id, variant_version, ...}.';
revoke execute on function public.register_prompt_variant(text, text, text, text, boolean) from public, anon, authenticated;
grant execute on function public.register_prompt_variant(text, text, text, text, boolean) to service_role;

create or replace function public.choose_prompt_variant(prompt_name text, language text, unit_key text)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_variable
declare
  test_id uuid;
  test_name text;
  control_share numeric;
  control_id uuid;
  treatment_id uuid;
  chosen uuid;
  arm text := 'best';
  picked jsonb;
begin
  -- A running test covers the prompt in this language when both its arms are of that language.
  if unit_key is not null then
    select t.id, t.test_name, t.control_traffic_percentage, c.id, tr.id
      into test_id, test_name, control_share, control_id, treatment_id
      from public.prompt_ab_tests t
      join public.prompt_registry c on c.prompt_name = t.prompt_name and c.variant_id = t.control_variant_id
      join public.prompt_registry tr on tr.prompt_name = t.prompt_name and tr.variant_id = t.treatment_variant_id
     where t.prompt_name = prompt_name and t.status = 'running' and c.language = language and tr.language = language;
  end if;
  if test_id is not null then
    if private.ab_bucket(test_id, unit_key) < control_share then
      chosen := control_id;
      arm := 'control';
    else
      chosen := treatment_id;
      arm := 'treatment';
    end if;
  else
    select r.id into chosen from public.prompt_registry r
     where r.prompt_name = prompt_name and r.language = language and r.is_active
     order by r.score desc, r.variant_version desc
     limit 1;
  end if;
  if chosen is null then
    return pg_catalog.jsonb_build_object('prompt_name', prompt_name, 'language', language, 'variant_id', null,
                                         'assignment', 'none');
  end if;
  select pg_catalog.jsonb_build_object('prompt_registry_id', r.id, 'prompt_name', r.prompt_name,
                                       'variant_id', r.variant_id, 'variant_version', r.variant_version,
                                       'language', r.language, 'prompt_text', r.prompt_text, 'score', r.score,
                                       'assignment', arm, 'test_id', test_id, 'test_name', test_name)
    into picked
    from public.prompt_registry r where r.id = chosen;
  return picked;
end
$$;
comment on function public.choose_prompt_variant(text, text, text) is
  'The variant to use for one unit (a lead or a client): under a running A/B test of the prompt in that language, '
  'control or treatment by md5 bucket of unit_key in the configured split (sticky: same unit, same arm); otherwise '
  'the best-scoring active variant; {variant_id: null, assignment: none} when there is none. Read-only: usage_count '
  'counts executions (record_prompt_execution, record_lead_enrichment).';
revoke execute on function public.choose_prompt_variant(text, text, text) from public, anon, authenticated;
grant execute on function public.choose_prompt_variant(text, text, text) to service_role;

create or replace function public.record_prompt_execution(
  variant_id text,
  execution_id text,
  client_id uuid default null,
  input_data jsonb default '{}',
  output_data jsonb default '{}',
  output_quality_score numeric default null,
  accuracy_score numeric default null,
  response_time_ms integer default null,
  token_count integer default null,
  cost_usd numeric default null,
  error_occurred boolean default false,
  error_message text default null,
  user_rating smallint default null,
  environment text default 'production'
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  variant public.prompt_registry;
  recorded_id uuid;
begin
  select * into variant from public.prompt_registry r where r.variant_id = variant_id;
  if not found then
    raise exception using errcode = 'PT404', message = pg_catalog.format('prompt variant %L not found', variant_id),
      hint = 'Register it first with register_prompt_variant.';
  end if;
  if coalesce(pg_catalog.btrim(execution_id), '') = '' then
    raise exception using errcode = 'invalid_parameter_value', message = 'execution_id is required',
      hint = 'Pass a key unique to the execution: a second call with it records nothing.';
  end if;
  -- Ranges and vocabularies are the table's CHECKs (23514 -> 400).
  insert into public.prompt_performance as p (
    prompt_registry_id, execution_id, client_id, input_data, output_data, output_quality_score, accuracy_score,
    response_time_ms, token_count, cost_usd, error_occurred, error_message, user_rating, environment)
  values (variant.id, execution_id, client_id, coalesce(input_data, '{}'), coalesce(output_data, '{}'),
          output_quality_score, accuracy_score, response_time_ms, token_count, cost_usd,
          coalesce(error_occurred, false), error_message, user_rating, coalesce(environment, 'production'))
  on conflict on constraint prompt_performance_execution_id_key do nothing
  returning p.id into recorded_id;
  if recorded_id is null then
    return pg_catalog.jsonb_build_object('recorded', false, 'reason', 'already recorded', 'execution_id', execution_id);
  end if;
  update public.prompt_registry r set usage_count = r.usage_count + 1 where r.id = variant.id;
  perform private.refresh_prompt_scores(array[variant.id]);
  return pg_catalog.jsonb_build_object('recorded', true, 'prompt_performance_id', recorded_id,
                                       'variant_id', variant.variant_id,
                                       'score', (select r.score from public.prompt_registry r where r.id = variant.id));
end
$$;
comment on function public.record_prompt_execution(text, text, uuid, jsonb, jsonb, numeric, numeric, integer, integer,
                                                   numeric, boolean, text, smallint, text) is
  'Record one execution of a prompt variant in prompt_performance (service_role; once per execution_id), count '
  'the use and update the variant''s running score. Returns {recorded, prompt_performance_id, variant_id, score}.';
revoke execute on function public.record_prompt_execution(text, text, uuid, jsonb, jsonb, numeric, numeric, integer,
                                                          integer, numeric, boolean, text, smallint, text)
  from public, anon, authenticated;
grant execute on function public.record_prompt_execution(text, text, uuid, jsonb, jsonb, numeric, numeric, integer,
                                                         integer, numeric, boolean, text, smallint, text)
  to service_role;

create or replace function public.evolve_prompt(
  parent_id uuid,
  evolution_type text,
  strategy text,
  new_text text,
  second_parent_id uuid default null,
  optimization_goals text[] default '{}',
  feedback_data jsonb default '{}',
  algorithm text default null,
  activate boolean default false
) returns jsonb
language plpgsql
set search_path = ''
as $$
#variable_conflict use_variable
declare
  parent public.prompt_registry;
  other public.prompt_registry;
  child jsonb;
  parents uuid[];
begin
  if evolution_type is null or evolution_type not in ('mutation', 'crossover', 'optimization', 'manual_edit') then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('evolution_type %L is not mutation, crossover, optimization or manual_edit', evolution_type),
      hint = 'Use mutation, crossover, optimization or manual_edit.';
  end if;
  select * into parent from public.prompt_registry r where r.id = parent_id;
  if not found then
    raise exception using errcode = 'PT404', message = pg_catalog.format('parent prompt %s not found', parent_id),
      hint = 'Pass a prompt_registry.id.';
  end if;
  if (evolution_type = 'crossover') <> (second_parent_id is not null) then
    raise exception using errcode = 'invalid_parameter_value',
      message = 'a crossover needs a second_parent_id, and only a crossover takes one',
      hint = 'Pass second_parent_id with evolution_type crossover, none otherwise.';
  end if;
  if second_parent_id is not null then
    select * into other from public.prompt_registry r where r.id = second_parent_id;
    if not found or other.id = parent.id or other.prompt_name <> parent.prompt_name then
      raise exception using errcode = 'invalid_parameter_value',
        message = pg_catalog.format('second parent %s is not another variant of prompt %L', second_parent_id, parent.prompt_name),
        hint = 'Cross two distinct variants of the same prompt.';
    end if;
  end if;

  child := public.register_prompt_variant(parent.prompt_name, new_text, parent.language, null, coalesce(activate, false));
  parents := array_remove(array[parent.id, other.id], null);
  insert into public.prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type, evolution_strategy,
                                       parent_performance, child_performance, feedback_data, optimization_goals,
                                       evolution_algorithm)
  select p, (child ->> 'id')::uuid, evolution_type, strategy, private.variant_performance(p),
         private.variant_performance((child ->> 'id')::uuid), coalesce(feedback_data, '{}'),
         coalesce(optimization_goals, '{}'), algorithm
    from unnest(parents) p;
  return child || pg_catalog.jsonb_build_object('parents', pg_catalog.to_jsonb(parents), 'evolution_type', evolution_type);
end
$$;
comment on function public.evolve_prompt(uuid, text, text, text, uuid, text[], jsonb, text, boolean) is
  'Create a child variant of a prompt (service_role) and its prompt_evolution row(s) with parent and child '
  'performance snapshots; a crossover has two parents (one row each). improvement_score is filled by learning_pass '
  'once the child has 30 judged executions. The child is inactive unless activate. Returns the child {id, variant_id, ...}.';
revoke execute on function public.evolve_prompt(uuid, text, text, text, uuid, text[], jsonb, text, boolean)
  from public, anon, authenticated;
grant execute on function public.evolve_prompt(uuid, text, text, text, uuid, text[], jsonb, text, boolean) to service_role;

create or replace function public.prompt_lineage(prompt_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  with recursive up as (
    select e.parent_prompt_id as id, 1 as depth, array[e.child_prompt_id, e.parent_prompt_id] as path
      from public.prompt_evolution e where e.child_prompt_id = prompt_id
    union all
    select e.parent_prompt_id, up.depth + 1, up.path || e.parent_prompt_id
      from up join public.prompt_evolution e on e.child_prompt_id = up.id
     where not e.parent_prompt_id = any (up.path) and up.depth < 100
  ), down as (
    select e.child_prompt_id as id, 1 as depth, array[e.parent_prompt_id, e.child_prompt_id] as path
      from public.prompt_evolution e where e.parent_prompt_id = prompt_id
    union all
    select e.child_prompt_id, down.depth + 1, down.path || e.child_prompt_id
      from down join public.prompt_evolution e on e.parent_prompt_id = down.id
     where not e.child_prompt_id = any (down.path) and down.depth < 100
  ), nodes as (
    select prompt_id as id, 0 as depth union select id, -min(depth) from up group by id
    union select id, min(depth) from down group by id
  )
  select pg_catalog.jsonb_build_object(
    'prompt_id', prompt_id,
    'nodes', (select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                'id', r.id, 'variant_id', r.variant_id, 'depth', n.depth, 'score', r.score)
                order by n.depth, r.variant_version), '[]')
                from nodes n join public.prompt_registry r on r.id = n.id),
    'edges', (select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                'parent', e.parent_prompt_id, 'child', e.child_prompt_id, 'evolution_type', e.evolution_type,
                'improvement_score', e.improvement_score) order by e.evolved_at, e.parent_prompt_id), '[]')
                from public.prompt_evolution e
               where e.child_prompt_id in (select id from nodes) and e.parent_prompt_id in (select id from nodes)))
$$;
comment on function public.prompt_lineage(uuid) is
  'The evolution graph around a variant (service_role): ancestors (negative depth) and descendants (positive), '
  'by a recursive query over prompt_evolution; a crossover child has two parent edges. Returns {prompt_id, nodes, edges}.';
revoke execute on function public.prompt_lineage(uuid) from public, anon, authenticated;
grant execute on function public.prompt_lineage(uuid) to service_role;
