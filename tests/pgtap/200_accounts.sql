-- Client accounts: create_client (service_role), login (anon) with its lockout, rotate_api_key
-- (authenticated), from every persona, with every bad input.
begin;
select plan(59);

-- create_client as service_role: the key is shown once, only its digest and prefix are stored.
select tests.authenticate_as('service_role');
select create_client('Tenant A', ' Owner@Tenant-A.test ', 'correct horse battery', 'en') as a \gset
select create_client('Tenant B', 'owner@tenant-b.test', 'another long passphrase', 'fr', 'Amical',
                     booking_link => 'https://cal.localhost/b', is_test => true, is_internal => true) as b \gset
select tests.clear_authentication();
select (:'a'::jsonb ->> 'client_id') as a_id, (:'a'::jsonb ->> 'api_key') as a_key,
       (:'b'::jsonb ->> 'client_id') as b_id, (:'b'::jsonb ->> 'api_key') as b_key \gset

select ok(:'a_key' ~ '^avk_[0-9A-Za-z]{40}$', 'create_client returns an API key avk_ + 40 base62 characters');
select isnt(:'a_key'::text, :'b_key'::text, 'two clients get different keys');
select is((select array(select jsonb_object_keys(:'a'::jsonb) order by 1)), array['api_key', 'client_id'],
          'create_client returns exactly {client_id, api_key}');
select is((select api_key_hash from clients where client_id = :'a_id'),
          encode(extensions.digest(:'a_key', 'sha256'), 'hex'), 'only the SHA-256 digest of the key is stored');
select is((select api_key_prefix from clients where client_id = :'a_id'), left(:'a_key', 12),
          'the key''s 12-character prefix is stored to recognise it');
select is_empty(format($$select 1 from clients c where to_jsonb(c)::text like '%%%s%%'$$, :'a_key'),
                'the full API key appears in no column of clients');
select ok((select password_hash ~ '^\$2[abxy]\$10\$' from clients where client_id = :'a_id'),
          'the password is stored as a bcrypt hash (cost 10)');
select is((select password_hash = extensions.crypt('correct horse battery', password_hash) from clients
            where client_id = :'a_id'), true, 'the bcrypt hash matches the password');
select is((select email from clients where client_id = :'a_id'), 'owner@tenant-a.test',
          'the e-mail is stored trimmed and lower-case');
select is((select row(language, email_tone, booking_link, is_test, is_internal)::text from clients where client_id = :'b_id'),
          row('fr', 'Friendly', 'https://cal.localhost/b', true, true)::text,
          'the optional settings are stored; a French tone label (Amical) is stored in English');
select is((select row(email_tone, ai_personalized_reply, is_test, is_internal)::text from clients where client_id = :'a_id'),
          row('Professional', false, false, false)::text, 'the defaults: Professional, no AI reply, not test, not internal');

-- Bad input: a clear 22023 (or 23505) and nothing created.
select tests.authenticate_as('service_role');
select throws_ok($$select create_client('X', 'x@x.test', 'short', 'en')$$, '22023',
                 'password must be at least 10 characters, got 5', 'a password under 10 characters is refused');
select throws_ok($$select create_client('X', 'x@x.test', repeat('p', 73), 'en')$$, '22023',
                 'password must be at most 72 bytes, got 73', 'a password over 72 bytes (bcrypt''s limit) is refused');
select throws_ok($$select create_client('X', 'x@x.test', null, 'en')$$, '22023', null, 'a null password is refused');
select throws_ok($$select create_client('X', 'not-an-email', 'long enough pw', 'en')$$, '22023',
                 'email ''not-an-email'' is not a valid e-mail address', 'a malformed e-mail is refused');
select throws_ok($$select create_client('  ', 'x@x.test', 'long enough pw', 'en')$$, '22023', null,
                 'a blank business name is refused');
select throws_ok($$select create_client(repeat('n', 201), 'x@x.test', 'long enough pw', 'en')$$, '22023', null,
                 'a business name over 200 characters is refused');
select throws_ok($$select create_client('X', 'x@x.test', 'long enough pw', 'de')$$, '22023',
                 'language must be en or fr, got ''de''', 'a language other than en/fr is refused');
select throws_ok($$select create_client('X', 'x@x.test', 'long enough pw', 'en', 'Grumpy')$$, '22023',
                 'email_tone ''Grumpy'' is not a known tone', 'an unknown tone is refused');
select throws_ok($$select create_client('X', 'x@x.test', 'long enough pw', 'en', 'Professional', 'ftp://x')$$, '22023',
                 null, 'a booking link that is not http(s) is refused');
select throws_ok($$select create_client('Again', 'OWNER@tenant-a.test', 'long enough pw', 'en')$$, '23505',
                 'a client with the e-mail ''owner@tenant-a.test'' already exists', 'a second account with the same e-mail is refused');
select tests.clear_authentication();
select is((select count(*)::int from clients where email in ('x@x.test', 'owner@tenant-a.test') or business_name = 'Again'), 1,
          'no bad call created a client');

-- Who may create clients: service_role only.
select tests.authenticate_as('anon');
select throws_ok($$select create_client('X', 'x@x.test', 'long enough pw', 'en')$$, '42501', null,
                 'anon cannot create clients');
select tests.authenticate_as('authenticated', format('{"client_id": "%s"}', :'a_id')::jsonb);
select throws_ok($$select create_client('X', 'x@x.test', 'long enough pw', 'en')$$, '42501', null,
                 'an authenticated client cannot create clients');

-- login as anon: a signed token on success.
select tests.authenticate_as('anon');
select login('OWNER@tenant-a.test ', 'correct horse battery') as tok \gset
select is(:'tok'::jsonb ->> 'token_type', 'bearer', 'login returns token_type bearer');
select is((:'tok'::jsonb ->> 'expires_in')::int, 3600, 'login returns expires_in (one hour)');
select split_part(:'tok'::jsonb ->> 'access_token', '.', 2) as payload \gset
select convert_from(decode(rpad(translate(:'payload', '-_', '+/'),
                                 (length(:'payload') + 3) / 4 * 4, '='), 'base64'), 'utf8')::jsonb as claims \gset
select is(:'claims'::jsonb ->> 'role', 'authenticated', 'the token''s role is authenticated');
select is(:'claims'::jsonb ->> 'client_id', :'a_id', 'the token carries the client_id');
select is(:'claims'::jsonb ->> 'sub', :'a_id', 'sub is the client_id');
select is((:'claims'::jsonb ->> 'exp')::bigint - (:'claims'::jsonb ->> 'iat')::bigint, 3600::bigint, 'exp = iat + 3600');
select tests.clear_authentication();
select is(split_part(:'tok'::jsonb ->> 'access_token', '.', 3),
          rtrim(translate(encode(extensions.hmac(
            split_part(:'tok'::jsonb ->> 'access_token', '.', 1) || '.' || :'payload',
            (select value from private.secrets where name = 'jwt_secret'), 'sha256'), 'base64'), E'+/\n', '-_'), '='),
          'the token is signed HS256 with the API''s secret');

-- The secret and the failure counter are out of the API roles' reach.
select tests.authenticate_as('anon');
select throws_ok('select value from private.secrets', '42501', null, 'anon cannot read the JWT secret');
select tests.authenticate_as('authenticated', format('{"client_id": "%s"}', :'a_id')::jsonb);
select throws_ok('select value from private.secrets', '42501', null, 'authenticated cannot read the JWT secret');
select throws_ok('select * from private.login_attempts', '42501', null, 'authenticated cannot read login attempts');

-- Wrong password and unknown e-mail: the same error, and each failure is counted.
select tests.authenticate_as('anon');
select login('owner@tenant-a.test', 'wrong password') as wrong \gset
select current_setting('response.status', true) as wrong_status \gset
select login('nobody@tenant-a.test', 'wrong password') as unknown \gset
select is(:'wrong'::jsonb - 'details', jsonb_build_object('code', '28P01', 'message', 'invalid e-mail or password',
          'hint', 'Check the e-mail and password; after 10 failures in 15 minutes, login is refused for a while.'),
          'a wrong password returns the 28P01 error object');
select is(:'unknown'::jsonb, :'wrong'::jsonb, 'an unknown e-mail returns exactly the same error');
select is(:'wrong_status'::text, '403', 'a failed login sets response.status 403');
select ok(:'wrong'::jsonb ? 'details', 'the error object has the four PostgREST keys');
select is(login(null, null) ->> 'code', '28P01', 'a login with null e-mail and password fails alike');
select set_config('request.headers', '{"x-forwarded-for": "192.0.2.10, 10.0.0.1"}', true);
select is(login('ip@tenant-a.test', 'wrong password') ->> 'code', '28P01', 'a failed login behind a proxy');
select set_config('request.headers', '{"x-forwarded-for": "not-an-ip"}', true);
select is(login('forged@tenant-a.test', 'wrong password') ->> 'code', '28P01', 'a forged address header does not break login');
select set_config('request.headers', '', true);
select tests.clear_authentication();
select is((select count(*)::int from private.login_attempts where email = 'owner@tenant-a.test'), 1,
          'the failed login of a known e-mail is recorded');
select is((select array_agg(host(ip_address) order by email) from private.login_attempts
            where email in ('ip@tenant-a.test', 'forged@tenant-a.test')), array[null, '192.0.2.10'],
          'failures record the caller''s address when it is one');
select is((select count(*)::int from private.login_attempts where email = 'nobody@tenant-a.test'), 1,
          'the failed login of an unknown e-mail is recorded too');

-- Lockout: 10 failures within 15 minutes refuse even the right password.
insert into private.login_attempts (email, attempted_at)
select 'owner@tenant-a.test', now() - interval '1 minute' from generate_series(1, 8);
select tests.authenticate_as('anon');
select is(login('owner@tenant-a.test', 'wrong again') ->> 'code', '28P01', 'the 10th failure is still a plain failure');
select is(login('owner@tenant-a.test', 'correct horse battery') ->> 'code', 'PT429',
          'after 10 failures in 15 minutes even the right password is refused (PT429)');
select is(current_setting('response.status', true), '429', 'the lockout sets response.status 429');
select matches(login('owner@tenant-a.test', 'correct horse battery') ->> 'message',
               '^too many failed logins for this e-mail: try again after ', 'the lockout says when to retry');
select tests.clear_authentication();
select is((select count(*)::int from private.login_attempts where email = 'owner@tenant-a.test'), 10,
          'refused attempts during the lockout do not extend it');
update private.login_attempts set attempted_at = now() - interval '16 minutes' where email = 'owner@tenant-a.test';
select tests.authenticate_as('anon');
select ok(login('owner@tenant-a.test', 'correct horse battery') ? 'access_token', 'failures older than 15 minutes no longer lock');
select tests.clear_authentication();
select is((select count(*)::int from private.login_attempts where email = 'owner@tenant-a.test'), 0,
          'a successful login clears the e-mail''s failures');

-- Pruning sweeps failures older than the window, of any e-mail.
insert into private.login_attempts (email, attempted_at)
values ('sprayed@tenant-a.test', now() - interval '20 minutes'), ('recent@tenant-a.test', now() - interval '1 minute');
select cmp_ok(private.prune_login_attempts(), '>=', 1, 'prune_login_attempts deletes old failures');
select is((select array_agg(email) from private.login_attempts where email in ('sprayed@tenant-a.test', 'recent@tenant-a.test')),
          array['recent@tenant-a.test'], 'failures inside the window are kept');

-- rotate_api_key: authenticated only; the old key stops working at once.
select tests.authenticate_as('authenticated', format('{"client_id": "%s"}', :'a_id')::jsonb);
select rotate_api_key() as rotated \gset
select (:'rotated'::jsonb ->> 'api_key') as new_key \gset
select ok(:'new_key' ~ '^avk_[0-9A-Za-z]{40}$' and :'new_key' <> :'a_key', 'rotate_api_key returns a new key');
select tests.authenticate_as('anon');
select is(submit_lead(:'a_key', 'Ann', 'ann@x.test', 'hello') ->> 'code', 'PT401', 'the old key is refused at once');
select ok(submit_lead(:'new_key', 'Ann', 'ann@x.test', 'hello') ? 'lead_id', 'the new key works');
select throws_ok('select rotate_api_key()', '42501', null, 'anon cannot rotate keys');
select tests.authenticate_as('authenticated', '{}');
select throws_ok('select rotate_api_key()', '42501',
                 'this call needs a client''s session: the JWT has no valid client_id claim',
                 'a session without client_id cannot rotate a key');
select tests.clear_authentication();
select is((select api_key_hash from clients where client_id = :'b_id'), encode(extensions.digest(:'b_key', 'sha256'), 'hex'),
          'rotating A''s key leaves B''s key untouched');

select * from finish();
rollback;
