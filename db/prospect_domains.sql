-- The canonical website key of a prospect (functions/prospect_websites.sql) and the domains that
-- lead to one prospect. Internal: no API role reads these tables; service_role (BYPASSRLS) and
-- the migration owner do, through the import and the canonicaliser.

create table private.website_suffixes (
  suffix text primary key,
  kind text not null,
  note text,
  constraint website_suffixes_suffix_check check (suffix ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$'),
  constraint website_suffixes_kind_check check (kind in ('public', 'private'))
);
comment on table private.website_suffixes is
  'Multi-label suffixes under which a company registers its domain (co.uk, qc.ca, com.au; github.io): '
  'the canonical website key keeps the suffix plus one label. Single-label TLDs need no row.';
comment on column private.website_suffixes.kind is
  'public: a registry suffix (the public suffix list''s ICANN section); private: a shared host whose '
  'subdomains are different owners (its private section).';

alter table private.website_suffixes enable row level security;
alter table private.website_suffixes force row level security;
revoke all on table private.website_suffixes from public, anon, authenticated;
grant select on table private.website_suffixes to service_role;

-- A vocabulary, not the whole public suffix list: the suffixes our markets (UK, Canada, France,
-- Belgium, Switzerland, Australia, New Zealand, ...) register under, and the shared hosts that
-- small businesses use for a site. Add a row when an import folds two companies together.
insert into private.website_suffixes (suffix, kind, note) values
  ('co.uk', 'public', 'United Kingdom: companies'), ('org.uk', 'public', 'United Kingdom: organisations'),
  ('ltd.uk', 'public', 'United Kingdom'), ('plc.uk', 'public', 'United Kingdom'),
  ('me.uk', 'public', 'United Kingdom'), ('net.uk', 'public', 'United Kingdom'),
  ('ac.uk', 'public', 'United Kingdom: academic'), ('gov.uk', 'public', 'United Kingdom: government'),
  ('ab.ca', 'public', 'Canada: Alberta'), ('bc.ca', 'public', 'Canada: British Columbia'),
  ('mb.ca', 'public', 'Canada: Manitoba'), ('nb.ca', 'public', 'Canada: New Brunswick'),
  ('nf.ca', 'public', 'Canada: Newfoundland'), ('nl.ca', 'public', 'Canada: Newfoundland and Labrador'),
  ('ns.ca', 'public', 'Canada: Nova Scotia'), ('nt.ca', 'public', 'Canada: Northwest Territories'),
  ('nu.ca', 'public', 'Canada: Nunavut'), ('on.ca', 'public', 'Canada: Ontario'),
  ('pe.ca', 'public', 'Canada: Prince Edward Island'), ('qc.ca', 'public', 'Canada: Quebec'),
  ('sk.ca', 'public', 'Canada: Saskatchewan'), ('yk.ca', 'public', 'Canada: Yukon'),
  ('gc.ca', 'public', 'Canada: federal government'),
  ('asso.fr', 'public', 'France: associations'), ('com.fr', 'public', 'France'),
  ('gouv.fr', 'public', 'France: government'), ('nom.fr', 'public', 'France: individuals'),
  ('tm.fr', 'public', 'France: trademarks'),
  ('com.au', 'public', 'Australia'), ('net.au', 'public', 'Australia'), ('org.au', 'public', 'Australia'),
  ('co.nz', 'public', 'New Zealand'), ('org.nz', 'public', 'New Zealand'),
  ('co.za', 'public', 'South Africa'), ('co.jp', 'public', 'Japan'), ('co.in', 'public', 'India'),
  ('com.br', 'public', 'Brazil'), ('com.mx', 'public', 'Mexico'), ('com.sg', 'public', 'Singapore'),
  ('co.il', 'public', 'Israel'), ('com.tr', 'public', 'Turkey'), ('com.cn', 'public', 'China'),
  ('com.hk', 'public', 'Hong Kong'), ('co.kr', 'public', 'South Korea'), ('com.ar', 'public', 'Argentina'),
  ('github.io', 'private', 'GitHub Pages'), ('gitlab.io', 'private', 'GitLab Pages'),
  ('wixsite.com', 'private', 'Wix'), ('myshopify.com', 'private', 'Shopify'),
  ('squarespace.com', 'private', 'Squarespace'), ('wordpress.com', 'private', 'WordPress.com'),
  ('blogspot.com', 'private', 'Blogger'), ('webflow.io', 'private', 'Webflow'),
  ('netlify.app', 'private', 'Netlify'), ('vercel.app', 'private', 'Vercel'),
  ('herokuapp.com', 'private', 'Heroku'), ('godaddysites.com', 'private', 'GoDaddy'),
  ('weebly.com', 'private', 'Weebly'), ('jimdosite.com', 'private', 'Jimdo')
on conflict (suffix) do nothing;

create table private.prospect_domains (
  domain text primary key,
  prospect_id uuid not null references public.prospect_candidates (id) on delete cascade,
  source text,
  created_at timestamptz not null default now(),
  constraint prospect_domains_domain_check check (domain = lower(domain) and domain ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$')
);
create index prospect_domains_prospect_id_idx on private.prospect_domains (prospect_id);

comment on table private.prospect_domains is
  'Every canonical website key known for a prospect (its website and its alias domains): a later import '
  'with any of them updates the same prospect.';
comment on column private.prospect_domains.domain is 'A canonical website key (public.canonical_website).';
comment on column private.prospect_domains.source is 'Import source that first linked the domain (pdl, apollo, google_places, csv).';

alter table private.prospect_domains enable row level security;
alter table private.prospect_domains force row level security;
revoke all on table private.prospect_domains from public, anon, authenticated;
grant select, insert, update, delete on table private.prospect_domains to service_role;
