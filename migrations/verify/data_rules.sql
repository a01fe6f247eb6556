-- Verify avenir:data_rules on pg
do $$
begin
  if private.is_email_address(e'ann\u200b@example.test') or not private.is_email_address('ann@example.test') then
    raise exception 'private.is_email_address must accept name@domain.tld and reject a zero-width space';
  end if;
  if private.api_key_prefix('avk_0123456789abcdef') <> 'avk_01234567' then
    raise exception 'private.api_key_prefix must keep the first 12 characters';
  end if;
  if not exists (select from pg_constraint where conname = 'lead_memory_tone_check'
                  and pg_get_constraintdef(oid) ~ 'lead_tones\(\)')
     or not exists (select from pg_constraint where conname = 'clients_email_format_check'
                     and pg_get_constraintdef(oid) ~ 'is_email_address\(email\)') then
    raise exception 'clients.email and lead_memory.tone must be checked by the data rules';
  end if;
end
$$;
