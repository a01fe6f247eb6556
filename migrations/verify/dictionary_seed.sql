-- Verify avenir:dictionary_seed on pg
do $$
begin
  if (select count(*) from public.translation_dictionary where verified and context not in ('tone', 'urgency', 'tag', 'email_tone')) < 50 then
    raise exception 'the starter glossary must hold at least 50 verified terms';
  end if;
  if (select count(*) from public.translation_dictionary where context = 'urgency') < 3 then
    raise exception 'the urgency vocabulary (High, Medium, Low) is missing';
  end if;
end
$$;
