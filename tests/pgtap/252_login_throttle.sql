-- login's refusals and throttles (functions/accounts.sql), in SQL: refused up front when read-only
-- or when the answer could be rolled back; throttled per (e-mail, address) and per address only.
begin;
select plan(13);

select tests.authenticate_as('service_role');
select create_client('Throttled', 'owner@throttle.test', 'correct horse battery', 'en') as a \gset
select tests.clear_authentication();

-- Refused before anything: a GET (read-only) and a singular Accept, alike for every password.
select tests.authenticate_as('anon');
select set_config('request.method', 'GET', true);
select login('owner@throttle.test', 'correct horse battery') as get_right \gset
select is(current_setting('response.status', true), '405', 'a GET login answers 405');
select login('owner@throttle.test', 'wrong password') as get_wrong \gset
select is(:'get_right'::jsonb, :'get_wrong'::jsonb, 'a GET login answers the same for the right and a wrong password');
select is(:'get_right'::jsonb ->> 'code', '25006', 'a GET login is refused as a read-only call (25006)');
select set_config('request.method', 'POST', true);
select set_config('request.headers', '{"accept": "application/vnd.pgrst.object+json"}', true);
select is(login('owner@throttle.test', 'correct horse battery') ->> 'code', 'PT406',
          'a singular Accept is refused before the password check (PT406)');
select set_config('request.headers', '', true);
select tests.clear_authentication();
select is((select count(*)::int from private.login_attempts where email = 'owner@throttle.test'), 0,
          'refused calls record nothing');

-- Ten failures from one address refuse that address only.
insert into private.login_attempts (email, ip_address, attempted_at)
select 'owner@throttle.test', '192.0.2.78', now() - interval '1 minute' from generate_series(1, 10);
select tests.authenticate_as('anon');
select set_config('request.headers', '{"x-forwarded-for": "192.0.2.78"}', true);
select is(login('owner@throttle.test', 'correct horse battery') ->> 'code', 'PT429',
          'the address with ten failures for the e-mail is refused');
select is(current_setting('response.headers', true)::jsonb -> 0 ->> 'Retry-After' ~ '^[0-9]+$', true,
          'the refusal says when to retry (Retry-After)');
select set_config('request.headers', '{"x-forwarded-for": "192.0.2.79"}', true);
select ok(login('owner@throttle.test', 'correct horse battery') ? 'access_token',
          'the owner from another address logs in');
select tests.clear_authentication();
select is((select count(*)::int from private.login_attempts where email = 'owner@throttle.test'), 10,
          'the success clears only its own address''s failures');

-- A blocked address is refused for every e-mail; its failures are counted per address.
insert into private.login_address_throttle (client_address, failures, last_failure_at, blocked_until)
values ('192.0.2.80', 31, now(), now() + interval '1 second');
select tests.authenticate_as('anon');
select set_config('request.headers', '{"x-forwarded-for": "192.0.2.80"}', true);
select matches(login('owner@throttle.test', 'correct horse battery') ->> 'message',
               '^too many failed logins from this address', 'a blocked address is refused, right password or not');
select set_config('request.headers', '{"x-forwarded-for": "192.0.2.81"}', true);
select is(login('nobody@throttle.test', 'wrong password') ->> 'code', '28P01', 'a failure elsewhere is a plain failure');
select tests.clear_authentication();
select is((select failures from private.login_address_throttle where client_address = '192.0.2.81'), 1,
          'and it is counted for its address');

-- Pruning forgets addresses quiet for a day.
update private.login_address_throttle set last_failure_at = now() - interval '25 hours', blocked_until = null
 where client_address = '192.0.2.81';
select private.prune_login_attempts() as pruned \gset
select is((select count(*)::int from private.login_address_throttle where client_address = '192.0.2.81'), 0,
          'prune_login_attempts forgets addresses quiet for 24 hours');

select * from finish();
rollback;
