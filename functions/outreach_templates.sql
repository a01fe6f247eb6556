-- Outreach templates (issue 15, item 1): `{{variable}}` placeholders, each declared in
-- email_templates.variables, with an optional fallback `{{first_name|there}}`.
--
-- The placeholder grammar is stated once (private.template_placeholder_pattern). A template is
-- checked when written (every placeholder declared, no malformed braces), and render_template
-- names every variable that has neither a value nor a fallback. Values are HTML-escaped in
-- html_content only: the subject is a header and the plain part is text. A fallback is the
-- template author's own text (HTML in html_content) and is used as written.

create or replace function private.template_placeholder_pattern()
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- {{ name }} or {{ name | fallback }}; name: a letter or _, then letters, digits or _.
  select '\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|([^{}]*))?\}\}';
$$;
comment on function private.template_placeholder_pattern() is
  'The one regular expression of a template placeholder: {{name}} or {{name|fallback}} (group 1 the name, '
  'group 2 the fallback when a | is present).';
revoke execute on function private.template_placeholder_pattern() from public;
grant execute on function private.template_placeholder_pattern() to service_role;

create or replace function private.template_declared_variables(variables jsonb)
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- A declaration is a name ("first_name") or an object with a name ({"name": "first_name", ...}).
  select coalesce(array_agg(coalesce(v ->> 'name', v #>> '{}') order by o), '{}')
    from pg_catalog.jsonb_array_elements(variables) with ordinality as d (v, o);
$$;
comment on function private.template_declared_variables(jsonb) is
  'The variable names an email_templates.variables array declares (strings, or objects with a "name").';
revoke execute on function private.template_declared_variables(jsonb) from public;
grant execute on function private.template_declared_variables(jsonb) to service_role;

create or replace function private.html_escape(value text)
returns text
language sql
immutable
parallel safe
strict
set search_path = ''
as $$
  select replace(replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                 '"', '&quot;'), '''', '&#39;');
$$;
comment on function private.html_escape(text) is 'The five HTML-significant characters escaped (& < > " '').';
revoke execute on function private.html_escape(text) from public;
grant execute on function private.html_escape(text) to service_role;

create or replace function private.tg__check_email_template()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  declared text[] := private.template_declared_variables(new.variables);
  pattern text := private.template_placeholder_pattern();
  part record;
  undeclared text[];
begin
  if exists (select from unnest(declared) n where n is null or n !~ '^[A-Za-z_][A-Za-z0-9_]*$') then
    raise exception using errcode = 'invalid_parameter_value',
      message = pg_catalog.format('template %L: variables must be names such as "first_name", got %s',
                                  new.name, new.variables),
      hint = 'Declare variables as ["first_name", "company_name"] (or objects with a "name").';
  end if;
  for part in select p.name, p.body
                from (values ('subject', new.subject), ('html_content', new.html_content),
                             ('plain_content', new.plain_content)) p (name, body)
               where p.body is not null loop
    select array_agg(distinct m[1] order by m[1]) into undeclared
      from regexp_matches(part.body, pattern, 'g') m
     where m[1] <> all (declared);
    if undeclared is not null then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('template %1$L: %2$s uses undeclared variable(s) %3$s',
                                       new.name, part.name, array_to_string(undeclared, ', ')),
        hint = private.ui_text_both('Add them to email_templates.variables, or remove the placeholders.');
    end if;
    if regexp_replace(part.body, pattern, '', 'g') ~ '\{\{|\}\}' then
      raise exception using errcode = 'invalid_parameter_value',
        message = private.ui_text_both('template %1$L: %2$s has a malformed placeholder', new.name, part.name),
        hint = private.ui_text_both('Write placeholders as {{name}} or {{name|fallback}} (letters, digits and _).');
    end if;
  end loop;
  return new;
end
$$;
comment on function private.tg__check_email_template() is
  'Trigger of email_templates: every placeholder of subject, html_content and plain_content is well formed and '
  'declared in variables.';
revoke execute on function private.tg__check_email_template() from public;

drop trigger if exists email_templates_check_placeholders on public.email_templates;
create trigger email_templates_check_placeholders
  before insert or update of subject, html_content, plain_content, variables on public.email_templates
  for each row execute function private.tg__check_email_template();

create or replace function private.fill_template(body text, vars jsonb, escape boolean)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  pattern text := private.template_placeholder_pattern();
  pieces text[];
  m text[];
  i integer := 1;
  value text;
  filled text;
begin
  if body is null then
    return null;
  end if;
  -- The text between placeholders and the placeholders come in the same order.
  pieces := regexp_split_to_array(body, pattern);
  filled := pieces[1];
  for m in select regexp_matches(body, pattern, 'g') loop
    value := nullif(pg_catalog.btrim(vars ->> m[1]), '');
    if value is not null then
      value := case when escape then private.html_escape(value) else value end;
    else
      value := coalesce(pg_catalog.btrim(m[2]), '');  -- render_template has checked a fallback exists
    end if;
    i := i + 1;
    filled := filled || value || pieces[i];
  end loop;
  return filled;
end
$$;
comment on function private.fill_template(text, jsonb, boolean) is
  'A template text with its placeholders replaced by vars (HTML-escaped when escape) or their fallbacks.';
revoke execute on function private.fill_template(text, jsonb, boolean) from public;
grant execute on function private.fill_template(text, jsonb, boolean) to service_role;

create or replace function public.render_template(template_id uuid, vars jsonb default '{}')
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_variable
declare
  t public.email_templates;
  missing text[];
begin
  if vars is null or jsonb_typeof(vars) <> 'object' then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('vars must be a JSON object'),
      hint = private.ui_text_both('Pass {"first_name": "Ada", ...}.');
  end if;
  select * into t from public.email_templates e where e.id = template_id;
  if not found then
    raise exception using errcode = 'PT404',
      message = private.ui_text_both('email template %1$s not found', template_id::text),
      hint = private.ui_text_both('Use the id of a row of email_templates.');
  end if;
  -- Every variable without a value (absent, null or blank) and without a fallback, named at once.
  select array_agg(distinct m[1] order by m[1]) into missing
    from (values (t.subject), (t.html_content), (t.plain_content)) p (body),
         regexp_matches(p.body, private.template_placeholder_pattern(), 'g') m
   where m[2] is null and nullif(pg_catalog.btrim(vars ->> m[1]), '') is null;
  if missing is not null then
    raise exception using errcode = 'invalid_parameter_value',
      message = private.ui_text_both('template %1$L: missing variable(s) %2$s', t.name, array_to_string(missing, ', ')),
      detail = pg_catalog.format('declared: %s', t.variables),
      hint = private.ui_text_both('Pass a value for %1$s in vars, or give the placeholder a fallback: {{%2$s|...}}.',
                                  array_to_string(missing, ', '), missing[1]);
  end if;
  return pg_catalog.jsonb_build_object(
    'template_id', t.id, 'name', t.name, 'language', t.language,
    'subject', private.fill_template(t.subject, vars, false),
    'html', private.fill_template(t.html_content, vars, true),
    'text', private.fill_template(t.plain_content, vars, false));
end
$$;
comment on function public.render_template(uuid, jsonb) is
  'Render an email template with vars: {template_id, name, language, subject, html, text}. Values are '
  'HTML-escaped in html only; {{name|fallback}} uses the fallback when the value is absent or blank; a '
  'variable with neither is named in a 22023 error. service_role (the outreach engine).';
revoke execute on function public.render_template(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.render_template(uuid, jsonb) to service_role;
