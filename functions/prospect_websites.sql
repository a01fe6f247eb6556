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

create or replace function private.canonical_websites(websites text[])
returns table (website text, website_key text)
language sql
stable
set search_path = ''
as $$
  -- Set-based, one statement for a whole array: the import canonicalises all of a file's
  -- websites and alias domains in one call (a PL/pgSQL call per domain cost 100-200 us). Each
  -- step is a lateral of the row before (no join back on the website: the planner cannot know
  -- the array's length and would pick a nested loop); "offset 0" keeps a step from being folded
  -- into the next one, which would evaluate the regular expressions again for every use.
  select w.website,
         case when not s.bare then pg_catalog.array_to_string(
                v.labels[pg_catalog.cardinality(v.labels) - s.suffix_labels:], '.') end as website_key
    from (select distinct u.w as website from unnest(websites) u (w) where u.w is not null) w
   cross join lateral (select pg_catalog.regexp_replace(                                   -- www
            pg_catalog.regexp_replace(                                                     -- trailing dot(s)
              pg_catalog.translate(pg_catalog.lower(normalize(                             -- NFKC, ideographic stops
                pg_catalog.regexp_replace(                                                 -- port
                  pg_catalog.regexp_replace(                                               -- path, query, fragment
                    pg_catalog.regexp_replace(                                             -- user info, mailto-like
                      pg_catalog.regexp_replace(                                           -- scheme
                        pg_catalog.lower(pg_catalog.btrim(w.website)), '^([a-z][a-z0-9+.-]*:)?//', ''),
                      '^[^/?#]*@', ''),
                    '[/?#\\].*$', ''),
                  ':[0-9]*$', ''), nfkc)), '。．｡', '...'),
              '\.+$', ''),
            '^www[0-9]*\.', '') as host offset 0) h
   cross join lateral (select case when h.host !~ '[^\x01-\x7f]' then h.host
                                   else (select pg_catalog.string_agg(private.punycode_label(l.label), '.' order by l.i)
                                           from unnest(pg_catalog.string_to_array(h.host, '.'))
                                                with ordinality l (label, i)) end as host offset 0) a
   -- Two or more DNS labels (letters, digits, inner hyphens, 1-63 characters); not an IPv4
   -- address or a numeric TLD. Else labels is null and so is the key. (The label length is
   -- checked apart: a bounded repetition {0,61} makes the expression ten times slower.)
   cross join lateral (select case when a.host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'
                                        and a.host !~ '\.[0-9]+$'
                                        and (select max(pg_catalog.length(l)) <= 63
                                               from unnest(pg_catalog.string_to_array(a.host, '.')) l)
                                   then pg_catalog.string_to_array(a.host, '.') end as labels offset 0) v
   -- The longest vocabulary suffix ending the host (else its last label); a bare suffix is no website.
   cross join lateral (
     select coalesce(max(pg_catalog.cardinality(pg_catalog.string_to_array(x.suffix, '.'))), 1) as suffix_labels,
            coalesce(bool_or(x.suffix = a.host), false) as bare
       from private.website_suffixes x
      where x.suffix = any (array(select pg_catalog.array_to_string(v.labels[i:], '.')
                                    from pg_catalog.generate_series(1, pg_catalog.cardinality(v.labels) - 1) i))
   ) s
$$;
comment on function private.canonical_websites(text[]) is
  'The canonical website key of each distinct non-null URL, host or e-mail domain of the array '
  '(null when it is not a website): public.canonical_website for a whole import at once.';
revoke execute on function private.canonical_websites(text[]) from public;
grant execute on function private.canonical_websites(text[]) to service_role;

create or replace function public.canonical_website(website text)
returns text
language sql
stable
set search_path = ''
as $$
  select c.website_key from private.canonical_websites(array[website]) c
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
