-- Verify avenir:prospect_websites on pg
do $$
begin
  if public.canonical_website('https://www.Blog.Example.co.uk:8443/contact?x=1') is distinct from 'example.co.uk' then
    raise exception 'canonical_website does not fold to the registrable domain';
  end if;
  if public.canonical_website('café.fr') is distinct from 'xn--caf-dma.fr' then
    raise exception 'canonical_website does not encode IDN labels to punycode';
  end if;
end
$$;
