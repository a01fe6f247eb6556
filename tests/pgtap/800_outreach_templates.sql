-- Outreach templates (issue 15, item 1): declared {{variables}}, fallbacks, the missing variable
-- named in the error, HTML-escaping in html_content only, placeholders checked when written.
begin;
select plan(18);

insert into email_templates (id, name, subject, html_content, plain_content, variables) values
  ('eeeeeeee-6666-4000-8000-000000000801', 'first_touch_800',
   'Idea for {{company_name}}',
   '<p>Hi {{ first_name | there }},</p><p>{{company_name}} could answer leads in minutes.</p>',
   'Hi {{first_name|there}},
{{company_name}} could answer leads in minutes.',
   '["first_name", {"name": "company_name", "description": "the prospect''s business"}]');

select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "Ada", "company_name": "Acme"}') ->> 'subject',
          'Idea for Acme', 'the subject is rendered');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "Ada", "company_name": "Acme"}') ->> 'html',
          '<p>Hi Ada,</p><p>Acme could answer leads in minutes.</p>', 'the HTML body is rendered (spaces inside braces allowed)');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "Ada", "company_name": "Acme"}') ->> 'text',
          E'Hi Ada,\nAcme could answer leads in minutes.', 'the plain body is rendered');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"company_name": "Acme"}') ->> 'text',
          E'Hi there,\nAcme could answer leads in minutes.', 'an absent variable takes its fallback');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "  ", "company_name": "Acme"}') ->> 'html',
          '<p>Hi there,</p><p>Acme could answer leads in minutes.</p>', 'a blank value takes the fallback too');

-- Escaping: in html_content only.
select is(render_template('eeeeeeee-6666-4000-8000-000000000801',
                          '{"first_name": "<b>Bo</b>", "company_name": "Tom & Jerry''s \"Bar\""}') ->> 'html',
          '<p>Hi &lt;b&gt;Bo&lt;/b&gt;,</p><p>Tom &amp; Jerry&#39;s &quot;Bar&quot; could answer leads in minutes.</p>',
          'values are HTML-escaped in the HTML body');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801',
                          '{"first_name": "<b>Bo</b>", "company_name": "Tom & Jerry"}') ->> 'subject',
          'Idea for Tom & Jerry', 'the subject is not HTML-escaped');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801',
                          '{"first_name": "<b>Bo</b>", "company_name": "Tom & Jerry"}') ->> 'text',
          E'Hi <b>Bo</b>,\nTom & Jerry could answer leads in minutes.', 'the plain body is not HTML-escaped');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "{{company_name}}", "company_name": "X"}') ->> 'text',
          E'Hi {{company_name}},\nX could answer leads in minutes.', 'a value is not rendered again (no injection)');

-- A missing variable is named.
select throws_ok($$select render_template('eeeeeeee-6666-4000-8000-000000000801', '{"first_name": "Ada"}')$$,
                 '22023', 'template ''first_touch_800'': missing variable(s) company_name / modèle ''first_touch_800'' : variable(s) manquante(s) company_name',
                 'a variable without value or fallback is named in the error');
select throws_ok($$select render_template('eeeeeeee-6666-4000-8000-000000000801', '{"company_name": null}')$$,
                 '22023', 'template ''first_touch_800'': missing variable(s) company_name / modèle ''first_touch_800'' : variable(s) manquante(s) company_name',
                 'a JSON null is missing');
select throws_ok($$select render_template('eeeeeeee-6666-4000-8000-000000000801', '[]')$$, '22023', null,
                 'vars must be an object');
select throws_ok($$select render_template('eeeeeeee-6666-4000-8000-0000000008ff', '{}')$$, 'PT404', null,
                 'an unknown template is a 404');

-- Checked when written.
select throws_ok($$insert into email_templates (name, subject, plain_content, variables)
                   values ('undeclared_800', 'Hi {{first_name}}', 'x', '[]')$$,
                 '22023', 'template ''undeclared_800'': subject uses undeclared variable(s) first_name / modèle ''undeclared_800'' : subject utilise des variables non déclarées first_name',
                 'a placeholder must be declared');
select throws_ok($$insert into email_templates (name, subject, plain_content, variables)
                   values ('malformed_800', 'Hi', 'Hello {{first-name}}', '["first_name"]')$$,
                 '22023', null, 'a malformed placeholder is refused');
select throws_ok($$update email_templates set variables = '["first_name"]'
                    where id = 'eeeeeeee-6666-4000-8000-000000000801'$$,
                 '22023', null, 'dropping a used variable is refused');

select tests.authenticate_as('service_role');
select is(render_template('eeeeeeee-6666-4000-8000-000000000801', '{"company_name": "A&B"}') ->> 'html',
          '<p>Hi there,</p><p>A&amp;B could answer leads in minutes.</p>', 'the outreach engine (service_role) renders');
select tests.authenticate_as('authenticated', '{"client_id": "aaaaaaaa-0000-4000-8000-000000000801"}');
select throws_ok($$select render_template('eeeeeeee-6666-4000-8000-000000000801', '{}')$$, '42501', null,
                 'a client cannot call render_template');

select * from finish();
rollback;
