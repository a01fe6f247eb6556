-- The dashboard benchmark's statements (bench/web/bench.py), by name.

-- name: new_client
select public.create_client(%(name)s, %(email)s, %(password)s, 'en') as made;

-- name: add_leads
-- Leads as the enrichment leaves them, one every 5 minutes back from now.
insert into public.lead_memory (client_id, name, email, message, intent, tone, urgency, confidence_score,
                                language, created_at)
select %(client_id)s, 'Lead ' || i, 'lead' || i || '@bench.test', 'message ' || i,
       (array['Pricing Inquiry', 'Demo Request', 'Support Request'])[1 + i %% 3],
       (array['Professional', 'Friendly'])[1 + i %% 2], (array['High', 'Medium', 'Low'])[1 + i %% 3], 0.8,
       (array['en', 'fr'])[1 + i %% 2], now() - make_interval(mins => 5 * i)
  from generate_series(1, %(n)s) i;

-- name: analyse
analyze public.lead_memory;
