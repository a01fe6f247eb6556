-- The canonical website key of a prospect: the one spelling under which a company is stored
-- (prospect_candidates.website) and looked up (private.prospect_domains). Plain SQL/PL/pgSQL, so
-- it runs on managed hosts without PL/Python and the import canonicalises set-based, in the
-- database, with the same rule that pgTAP tests (tests/pgtap/600_prospect_websites.sql).
--
-- The rule, in order:
--   1. lower case; surrounding spaces, scheme (https://, //), user info (x@), path, query,
--      fragment, port and trailing dots removed;
--   2. Unicode NFKC, then each non-ASCII label to punycode (xn--...);
--   3. every label is a DNS label (letters, digits, inner hyphens, at most 63 characters); IP
--      addresses and single-label hosts are not websites;
--   4. the registrable domain is kept: the longest suffix of private.website_suffixes that ends
--      the host (co.uk, qc.ca, github.io, ...) or else the last label, plus one label before it.
--      So www.x.com, blog.x.com and shop.eu.x.com all give x.com (one company, one key), while
--      a.github.io and b.github.io stay apart (a shared host's subdomains are different owners).

create or replace function private.punycode_digit(d integer)
returns text
language sql
immutable
strict
set search_path = ''
as $$
  -- RFC 3492 digits: 0..25 are a..z, 26..35 are 0..9.
  select case when d < 26 then pg_catalog.chr(97 + d) else pg_catalog.chr(22 + d) end
$$;
comment on function private.punycode_digit(integer) is 'RFC 3492 basic code point of a punycode digit (0-35).';
revoke execute on function private.punycode_digit(integer) from public;

create or replace function private.punycode_adapt(delta integer, num_points integer, first_time boolean)
returns integer
language plpgsql
immutable
strict
set search_path = ''
as $$
declare
  k integer := 0;
begin
  delta := case when first_time then delta / 700 else delta / 2 end;
  delta := delta + delta / num_points;
  while delta > ((36 - 1) * 26) / 2 loop
    delta := delta / (36 - 1);
    k := k + 36;
  end loop;
  return k + (36 * delta) / (delta + 38);
end
$$;
comment on function private.punycode_adapt(integer, integer, boolean) is 'RFC 3492 bias adaptation (base 36, tmin 1, tmax 26, skew 38, damp 700).';
revoke execute on function private.punycode_adapt(integer, integer, boolean) from public;

create or replace function private.punycode_label(label text)
returns text
language plpgsql
immutable
strict
set search_path = ''
as $$
declare
  points integer[] := array(select pg_catalog.ascii(c) from pg_catalog.regexp_split_to_table(label, '') c);
  output text := '';
  n integer := 128;
  delta integer := 0;
  bias integer := 72;
  basic integer;
  handled integer;
  m integer;
  q integer;
  k integer;
  t integer;
  point integer;
begin
  if label !~ '[^\x01-\x7f]' then
    return label;
  end if;
  foreach point in array points loop
    if point < 128 then
      output := output || pg_catalog.chr(point);
    end if;
  end loop;
  basic := pg_catalog.length(output);
  handled := basic;
  if basic > 0 then
    output := output || '-';
  end if;
  while handled < pg_catalog.cardinality(points) loop
    select min(p) into m from unnest(points) p where p >= n;
    delta := delta + (m - n) * (handled + 1);
    n := m;
    foreach point in array points loop
      if point < n then
        delta := delta + 1;
      elsif point = n then
        q := delta;
        k := 36;
        loop
          t := case when k <= bias then 1 when k >= bias + 26 then 26 else k - bias end;
          exit when q < t;
          output := output || private.punycode_digit(t + (q - t) % (36 - t));
          q := (q - t) / (36 - t);
          k := k + 36;
        end loop;
        output := output || private.punycode_digit(q);
        bias := private.punycode_adapt(delta, handled + 1, handled = basic);
        delta := 0;
        handled := handled + 1;
      end if;
    end loop;
    delta := delta + 1;
    n := n + 1;
  end loop;
  return 'xn--' || output;
end
$$;
comment on function private.punycode_label(text) is
  'One DNS label in its ASCII form: unchanged when ASCII, else xn-- plus its RFC 3492 punycode.';
revoke execute on function private.punycode_label(text) from public;

create or replace function public.canonical_website(website text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  host text := pg_catalog.lower(pg_catalog.btrim(website));
  labels text[];
  suffix_labels integer;
begin
  if host is null or host = '' then
    return null;
  end if;
  host := pg_catalog.regexp_replace(host, '^([a-z][a-z0-9+.-]*:)?//', '');       -- scheme
  host := pg_catalog.regexp_replace(host, '^[^/?#]*@', '');                       -- user info, mailto-like
  host := pg_catalog.regexp_replace(host, '[/?#\\].*$', '');                       -- path, query, fragment
  host := pg_catalog.regexp_replace(host, ':[0-9]*$', '');                         -- port
  host := pg_catalog.lower(normalize(host, nfkc));
  host := pg_catalog.translate(host, '。．｡', '...');                               -- ideographic full stops
  host := pg_catalog.regexp_replace(host, '\.+$', '');                             -- trailing dot(s)
  host := pg_catalog.regexp_replace(host, '^www[0-9]*\.', '');
  if host = '' or host ~ '[[:space:]]' then
    return null;
  end if;
  labels := pg_catalog.string_to_array(host, '.');
  if host ~ '[^\x01-\x7f]' then
    labels := array(select private.punycode_label(l) from unnest(labels) with ordinality as u (l, i) order by i);
  end if;
  if pg_catalog.cardinality(labels) < 2
     or exists (select from unnest(labels) l where l !~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')
     or labels[pg_catalog.cardinality(labels)] ~ '^[0-9]+$' then                   -- IPv4, numeric TLD
    return null;
  end if;
  host := pg_catalog.array_to_string(labels, '.');
  select coalesce(max(pg_catalog.cardinality(pg_catalog.string_to_array(s.suffix, '.'))), 1)
    into suffix_labels
    from private.website_suffixes s
   where s.suffix = any (array(select pg_catalog.array_to_string(labels[i:], '.')
                                 from pg_catalog.generate_series(2, pg_catalog.cardinality(labels)) i));
  if exists (select from private.website_suffixes s where s.suffix = host) then
    return null;                                                                   -- a bare suffix (co.uk)
  end if;
  return pg_catalog.array_to_string(labels[pg_catalog.cardinality(labels) - suffix_labels:], '.');
end
$$;
comment on function public.canonical_website(text) is
  'The canonical website key of a URL, host or e-mail domain (registrable domain, lower case, punycode), '
  'or null when it is not a website. The rule: functions/prospect_websites.sql; suffixes: private.website_suffixes.';
revoke execute on function public.canonical_website(text) from public, anon, authenticated;
grant execute on function public.canonical_website(text) to service_role;

create or replace function private.prospect_language(language text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- The spellings exports use for our two languages; anything else is not a target language.
  select case
    when language is null or pg_catalog.btrim(language) = '' then null
    when pg_catalog.lower(pg_catalog.btrim(language)) ~ '^(en|eng|english|anglais)([-_][a-z]{2})?$' then 'en'
    when pg_catalog.lower(pg_catalog.btrim(language)) ~ '^(fr|fra|fre|french|fran[cç]ais)([-_][a-z]{2})?$' then 'fr'
    else 'invalid'
  end
$$;
comment on function private.prospect_language(text) is
  'en or fr from an export''s language spelling (en-US, French, fr_CA, ...); null when empty, ''invalid'' otherwise.';
revoke execute on function private.prospect_language(text) from public;
