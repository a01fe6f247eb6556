-- The benchmark's SQL (bench.py), by name.

-- name: new_client
insert into public.clients (business_name, email, password_hash, api_key_hash, api_key_prefix)
values (%(name)s, %(name)s || '@bench.test', extensions.crypt('pw', extensions.gen_salt('bf', 4)),
        encode(extensions.digest(%(name)s, 'sha256'), 'hex'), 'avk_bench')
returning client_id;

-- name: add_leads
-- Leads over the last 20 weeks with realistic mixes of intents, tones, urgencies and languages.
insert into public.lead_memory (client_id, message, intent, tone, urgency, language, confidence_score,
                                current_tag, created_at)
select %(client_id)s, 'bench message ' || i,
       (array['Quote Request', 'Demo Request', 'Support Request', 'Pricing Inquiry', 'Spam', 'B2B Partnership'])[1 + i %% 6],
       (array['Professional', 'Friendly', 'Formal', 'Casual', 'Urgent', 'Frustrated', 'Enthusiastic'])[1 + i %% 7],
       (array['High', 'Medium', 'Low'])[1 + i %% 3], (array['en', 'fr'])[1 + i %% 2], (i %% 100) / 100.0,
       case when i %% 17 = 0 then 'Converted' when i %% 5 = 0 then 'Hot Lead' end,
       now() - (i %% 140) * interval '1 day' - (i %% 1440) * interval '1 minute'
  from generate_series(1, %(n)s) i;

-- name: many_clients
-- %(clients)s clients of %(per_client)s leads each, for the weekly all-clients run.
with c as (
  insert into public.clients (business_name, email, password_hash, api_key_hash, api_key_prefix)
  select 'many' || k, 'many' || k || '@bench.test', '$2a$04$' || repeat('x', 53),
         encode(extensions.digest('many' || k, 'sha256'), 'hex'), 'avk_many'
    from generate_series(1, %(clients)s) k
  returning client_id
)
insert into public.lead_memory (client_id, message, intent, tone, urgency, language, confidence_score, created_at)
select c.client_id, 'm', (array['Quote Request', 'Demo Request', 'Spam'])[1 + i %% 3], 'Professional',
       (array['High', 'Medium', 'Low'])[1 + i %% 3], 'en', 0.7, now() - (i %% 60) * interval '1 day'
  from c, generate_series(1, %(per_client)s) i;

-- name: analyse
vacuum analyze public.lead_memory;

-- name: refresh_one
select public.refresh_growth_brain(%(client_id)s) as result;

-- name: refresh_all
select public.refresh_growth_brain() as result;

-- name: prompt_setup
with v as (
  select public.register_prompt_variant('bench_prompt', 'control text', 'en', 'bench.ctl') as c,
         public.register_prompt_variant('bench_prompt', 'treatment text', 'en', 'bench.trt') as t
)
select 1 from v;

-- name: start_test
insert into public.prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id, status, started_at)
values ('bench', 'bench_prompt', 'bench.ctl', 'bench.trt', 'running', now());

-- name: choose_many
-- %(n)s calls of choose_prompt_variant, one per unit, in one statement (no network round trips).
select count(*) as n from generate_series(1, %(n)s) i,
       lateral public.choose_prompt_variant('bench_prompt', 'en', 'unit-' || i) v
 where v ->> 'variant_id' is not null;
