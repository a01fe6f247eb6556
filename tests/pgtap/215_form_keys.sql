-- The public form key: rotate_form_key and set_form_origins (own client only, bilingual errors), and
-- submit_lead with it: refused from a site not in form_origins (PT403, trace logged, nothing stored),
-- accepted from a listed one, and bounded per address (20 per 10 minutes, then PT429 with Retry-After).
begin;
select plan(18);

select tests.authenticate_as('service_role');
select create_client('Form A', 'owner@form-a.test', 'correct horse battery', 'en') as a \gset
select create_client('Form B', 'owner@form-b.test', 'another long passphrase', 'fr') as b \gset
select tests.clear_authentication();
select (:'a'::jsonb ->> 'client_id') as a_id, (:'b'::jsonb ->> 'client_id') as b_id \gset

select tests.authenticate_as('anon');
select throws_ok($$select rotate_form_key()$$, '42501', null, 'anon cannot execute rotate_form_key');
select tests.authenticate_as('authenticated', jsonb_build_object('client_id', :'a_id'));
select rotate_form_key() ->> 'form_key' as a_form \gset
select matches(:'a_form'::text, '^avf_[A-Za-z0-9]{32}$', 'rotate_form_key returns avf_ + 32 base62 characters');
select is((select form_key from clients), :'a_form'::text, 'the client reads its own form key');
select is(set_form_origins(array[' HTTP://127.0.0.1:8080/ ', 'https://www.form-a.test', '']),
          '{"form_origins": ["http://127.0.0.1:8080", "https://www.form-a.test"]}'::jsonb,
          'set_form_origins lower-cases, trims the slash and drops blanks');
select throws_ok($$select set_form_origins(array['https://www.form-a.test/contact'])$$, '22023',
                 'invalid site origin: https://www.form-a.test/contact', 'an origin with a path is refused');
select tests.authenticate_as('authenticated', jsonb_build_object('client_id', :'b_id'));
select rotate_form_key() ->> 'form_key' as b_form \gset
select throws_ok($$select set_form_origins(array['javascript:alert(1)'])$$, '22023',
                 'origine de site invalide : javascript:alert(1)', 'a French client gets the error in French');
select is((select count(*) from clients)::int, 1, 'a client sees only its own row, form key included');
select tests.clear_authentication();

create function tests.form_counts(client uuid) returns text language sql security definer as $$
  select format('leads=%s logs=%s', (select count(*) from public.lead_memory where client_id = client),
                (select count(*) from public.integration_logs where client_id = client))
$$;
grant execute on function tests.form_counts(uuid) to public;

-- From a site that is not listed: refused, the trace logged, no lead.
select tests.authenticate_as('anon');
select set_config('request.headers', '{"origin": "http://evil.test", "x-forwarded-for": "198.51.100.4"}', true);
select submit_lead(:'a_form', 'Eve', 'eve@evil.test', 'spam') as refused \gset
select is(:'refused'::jsonb ->> 'code', 'PT403', 'a form key from an unlisted origin is refused with PT403');
select is(current_setting('response.status'), '403', 'with HTTP 403');
select is(tests.form_counts(:'a_id'), 'leads=0 logs=1', 'nothing is stored but the trace');
select set_config('request.headers', '{"x-forwarded-for": "198.51.100.4"}', true);
select is(submit_lead(:'a_form', 'Eve', 'eve@evil.test', 'spam') ->> 'code', 'PT403',
          'a form key without any Origin header is refused too');
select set_config('request.headers', '{"origin": "http://127.0.0.1:8080", "x-forwarded-for": "198.51.100.4"}', true);
select is(submit_lead(:'b_form', 'Eve', 'eve@evil.test', 'spam') ->> 'message',
          'ce site ne peut pas envoyer de demandes avec cette clé de formulaire',
          'another client''s form key is refused at this origin, in that client''s language');

select is(submit_lead(:'a_form', 'Ann', 'ann@', 'Quote', 'fr') - 'hint',
          '{"code": "22023", "message": "l''adresse e-mail n''est pas valide", "details": "email"}'::jsonb,
          'a validation error names its field in details, in the visitor''s language');

-- From a listed site: accepted, 20 per address in 10 minutes, then 429 with Retry-After.
select is(submit_lead(:'a_form', 'Ann', 'ann@form.test', 'Quote for 3 seats') ->> 'status', 'received',
          'a form key from a listed origin submits a lead');
select is((select count(*)::int from generate_series(2, 20) i
            where submit_lead(:'a_form', 'Ann', format('ann%s@form.test', i), 'Quote') ->> 'status' = 'received'),
          19, 'the address sends 20 leads in its window');
select is(submit_lead(:'a_form', 'Ann', 'ann21@form.test', 'Quote', 'fr') ->> 'code', 'PT429',
          'the 21st within 10 minutes is refused with PT429');
select matches(current_setting('response.headers'), '^\[\{"Retry-After": "[0-9]+"\}\]$', 'with a Retry-After header');
select set_config('request.headers', '{"origin": "http://127.0.0.1:8080", "x-forwarded-for": "198.51.100.5"}', true);
select is(submit_lead(:'a_form', 'Bob', 'bob@form.test', 'Quote') ->> 'status', 'received',
          'another address has its own budget');
select tests.clear_authentication();

select * from finish();
rollback;
