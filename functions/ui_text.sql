-- The texts people read in the other language (error messages and hints first): the English
-- template is written once, in the code; its French lives once, in the verified dictionary
-- (context ui_text, seeded by db/seeds/ui_texts.sql), found by translate()'s exact rule (folded,
-- the folded index). Read-only on purpose: an error path takes no row lock and writes nothing
-- (translate() bumps usage_count and writes a metric row), and a lookup that fails for any reason
-- gives the English text, so it can never replace the error it words.

create or replace function private.ui_text(english text, language text, variadic args text[] default '{}')
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  french text;
begin
  if language = 'fr' then
    begin
      select d.translated_text into french
        from public.translation_dictionary d
       where d.source_language = 'en' and d.target_language = 'fr' and d.context = 'ui_text' and d.verified
         and private.fold_text(d.source_text) = private.fold_text(english)
       order by d.confidence desc
       limit 1;
      if french is not null then
        return pg_catalog.format(french, variadic args);
      end if;
    exception when others then
      null;  -- a broken row or a wrong placeholder: the English below
    end;
  end if;
  begin
    return pg_catalog.format(english, variadic args);
  exception when others then
    return english;
  end;
end
$$;
comment on function private.ui_text(text, text, text[]) is
  'A UI or error text in a language: the English template itself, or its verified French (dictionary, context '
  'ui_text), formatted with args (%1$s ...). Never fails: falls back to the English text.';
revoke execute on function private.ui_text(text, text, text[]) from public, anon, authenticated;
grant execute on function private.ui_text(text, text, text[]) to service_role;

create or replace function private.ui_text_both(english text, variadic args text[] default '{}')
returns text
language sql
stable
set search_path = ''
as $$
  -- For a reader whose language is unknown (a service call): 'English / French', or the English alone.
  select case when fr is distinct from en then en || ' / ' || fr else en end
    from (select private.ui_text(english, 'en', variadic args) as en,
                 private.ui_text(english, 'fr', variadic args) as fr) t
$$;
comment on function private.ui_text_both(text, text[]) is
  'A text in both languages, ''English / French'' (private.ui_text), for a reader whose language is unknown.';
revoke execute on function private.ui_text_both(text, text[]) from public, anon, authenticated;
grant execute on function private.ui_text_both(text, text[]) to service_role;
