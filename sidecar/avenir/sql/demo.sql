-- name: find_demo_client
-- The demo client, by its login e-mail.
select client_id, api_key_hash from public.clients where email = %(email)s;

-- name: create_demo_client
-- Created through the real RPC as service_role, so the demo account is made like any other.
select public.create_client(%(business_name)s, %(email)s, %(password)s, 'en',
                            booking_link => 'http://127.0.0.1/book', is_test => true) as created;

-- name: reset_demo_credentials
-- The key file or the password file was lost: give the demo client a fresh key and the stored password.
update public.clients
   set api_key_hash = private.api_key_digest(%(api_key)s), api_key_prefix = left(%(api_key)s, 12),
       password_hash = extensions.crypt(%(password)s, extensions.gen_salt('bf', 10))
 where client_id = %(client_id)s;

-- name: new_api_key
select private.new_api_key() as api_key;

-- name: key_matches
select private.api_key_digest(%(api_key)s) = %(api_key_hash)s as matches;
