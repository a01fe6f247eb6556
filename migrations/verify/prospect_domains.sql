-- Verify avenir:prospect_domains on pg
do $$
begin
  if to_regclass('private.website_suffixes') is null or to_regclass('private.prospect_domains') is null then
    raise exception 'private.website_suffixes or private.prospect_domains is missing';
  end if;
  if not exists (select from private.website_suffixes where suffix = 'co.uk') then
    raise exception 'private.website_suffixes lacks its seed (co.uk)';
  end if;
  if exists (select from pg_class where oid in ('private.website_suffixes'::regclass, 'private.prospect_domains'::regclass)
              and not (relrowsecurity and relforcerowsecurity)) then
    raise exception 'the prospect domain tables must enable and force row level security';
  end if;
end
$$;
