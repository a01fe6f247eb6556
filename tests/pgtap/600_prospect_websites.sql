-- The canonical website key: one table of inputs and the key each must give (null: not a website).
begin;
select plan(8);

create temporary table cases (input text, expected text) on commit drop;
insert into cases values
  -- scheme, www, path, query, fragment, port, case, trailing dot, spaces, user info
  ('https://www.Example.com/', 'example.com'),
  ('http://example.com', 'example.com'),
  ('EXAMPLE.COM.', 'example.com'),
  ('  www.example.com:8080/contact?ref=pdl#form ', 'example.com'),
  ('//example.com/about', 'example.com'),
  ('contact@example.com', 'example.com'),
  ('www2.example.com', 'example.com'),
  -- subdomains fold into the registrable domain
  ('blog.example.com', 'example.com'),
  ('https://shop.eu.example.com/fr/', 'example.com'),
  -- multi-label suffixes keep one label before the suffix
  ('www.acme.co.uk', 'acme.co.uk'),
  ('https://blog.acme.co.uk/news', 'acme.co.uk'),
  ('plomberie-tremblay.qc.ca', 'plomberie-tremblay.qc.ca'),
  ('www.ville.montreal.qc.ca', 'montreal.qc.ca'),
  ('shop.acme.com.au', 'acme.com.au'),
  ('acme.ca', 'acme.ca'),
  ('www.acme.fr', 'acme.fr'),
  -- shared hosts: each subdomain is its own site
  ('https://dentiste-lyon.github.io/', 'dentiste-lyon.github.io'),
  ('www.bobsbakery.myshopify.com', 'bobsbakery.myshopify.com'),
  -- internationalised names become punycode
  ('https://café.fr', 'xn--caf-dma.fr'),
  ('www.Bücher.de', 'xn--bcher-kva.de'),
  ('münchen.de/impressum', 'xn--mnchen-3ya.de'),
  ('boulangerie.québec', 'boulangerie.xn--qubec-csa'),
  ('ÉCOLE.fr', 'xn--cole-9oa.fr'),
  -- not websites
  ('', null),
  ('   ', null),
  (null, null),
  ('localhost', null),
  ('192.168.1.10', null),
  ('co.uk', null),
  ('qc.ca', null),
  ('exa mple.com', null),
  ('-bad-.com', null),
  ('under_score.com', null),
  (repeat('a', 64) || '.com', null),                  -- a DNS label has at most 63 characters
  (repeat('a', 63) || '.com', repeat('a', 63) || '.com'),
  ('http://', null);

select is_empty($$
  select input, expected, public.canonical_website(input) as got from cases
   where public.canonical_website(input) is distinct from expected
$$, 'every input of the table gives its canonical key');

-- The import's set-based form gives the same keys, one row per distinct non-null input.
select is_empty($$
  select c.input, c.expected, k.website_key from cases c
    left join private.canonical_websites((select array_agg(input) from cases)) k on k.website = c.input
   where c.input is not null and k.website_key is distinct from c.expected
$$, 'canonical_websites(array) gives every input of the table its canonical key');

select is((select count(*)::integer from private.canonical_websites(array['a.com', 'a.com', null, 'B.com'])), 2,
          'canonical_websites returns each distinct non-null input once');

select is(public.canonical_website(public.canonical_website('https://www.Blog.Acme.co.uk/x')),
          public.canonical_website('https://www.Blog.Acme.co.uk/x'),
          'a canonical key is its own canonical key (idempotent)');

select ok(public.canonical_website(k) ~ '^[a-z0-9.-]+$', 'keys are lower-case ASCII: ' || k)
  from (values ('ÉCOLE.fr'), ('www.Bücher.de')) v (k);

select is((select count(*)::integer from private.website_suffixes where suffix in ('co.uk', 'qc.ca', 'github.io')), 3,
          'the suffix vocabulary holds the multi-label suffixes the rule relies on');

select throws_ok($$ set local role anon; select public.canonical_website('x.com') $$, '42501', null,
                 'anon cannot call canonical_website');

select * from finish();
rollback;
