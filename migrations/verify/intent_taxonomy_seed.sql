-- Verify avenir:intent_taxonomy_seed on pg
do $$
begin
  if (select count(*) from public.intent_translations) < 20 then
    raise exception 'the intent taxonomy must hold at least 20 intents';
  end if;
end
$$;
