"""The reply renderer and the bilingual templates: four registers, escaping, unsubscribe headers."""

import itertools

import pytest
from mail_stubs import parse

from avenir.worker.mail.render import ReplyContent, render_reply
from avenir.worker.mail.templates import REGISTERS, register, template_reply

TONES = ("Professional", "Friendly", "Formal", "Energetic")
LEAD = "5f0e0f8e-1111-4222-8333-444455556666"


def reply(tone="Professional", language="en", name="Dana", business="Acme", booking=None, unsubscribe=None,
          category="Sales", intent="Quote Request"):
    content = template_reply(name=name, business=business, intent_label=intent, category=category, tone=tone,
                             language=language)
    return render_reply(content, lead_id=LEAD, to_name=name, to_address="dana@lead.localhost", from_name=business,
                        from_address="replies@acme.localhost", language=language,
                        booking_label=register(tone, language)["booking"], booking_link=booking,
                        unsubscribe_url=unsubscribe)


def text(message):
    return message.get_body(("plain",)).get_content()


def html(message):
    return message.get_body(("html",)).get_content()


def test_the_templates_cover_the_four_email_tones_in_both_languages():
    assert set(REGISTERS) == set(TONES)
    assert all(set(REGISTERS[t]) == {"en", "fr"} for t in TONES)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_four_registers_read_differently(language):
    bodies = {tone: text(reply(tone, language)) for tone in TONES}
    greetings = {tone: body.splitlines()[0] for tone, body in bodies.items()}
    subjects = {tone: str(reply(tone, language)["Subject"]) for tone in TONES}
    assert len(set(greetings.values())) == 4 and len(set(subjects.values())) == 4
    for a, b in itertools.combinations(TONES, 2):
        assert bodies[a] != bodies[b]
    assert all("Dana" in g for g in greetings.values())
    assert "!" in greetings["Energetic"] and "!" not in greetings["Formal"]


def test_a_french_reply_is_in_french_and_answers_the_intent():
    m = reply("Formal", "fr", category="Support", intent="Problème technique")
    body = text(m)
    assert m["Content-Language"] == "fr" and "problème technique" in str(m["Subject"])
    assert "Notre équipe support" in body and "salutations distinguées" in body
    assert 'lang="fr"' in html(m)


def test_every_value_is_escaped_in_the_html_part():
    m = reply(name='<script>alert("x")</script>', business="Bob & <Co>", booking="https://cal.localhost/b?a=1&b=<2>")
    page = html(m)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Bob &amp; &lt;Co&gt;" in page
    assert 'href="https://cal.localhost/b?a=1&amp;b=&lt;2&gt;"' in page
    assert "<script>" in text(m)  # plain text stays as written


def test_the_booking_link_appears_in_both_parts_when_set():
    m = reply("Friendly", booking="https://cal.localhost/acme")
    assert "https://cal.localhost/acme" in text(m) and 'href="https://cal.localhost/acme"' in html(m)
    assert "cal.localhost" not in text(reply("Friendly"))


def test_list_unsubscribe_is_one_click_with_a_url_and_mailto_without():
    with_url = reply(unsubscribe="https://api.acme.localhost/unsubscribe")
    assert with_url["List-Unsubscribe"].startswith(f"<https://api.acme.localhost/unsubscribe?lead={LEAD}>, <mailto:")
    assert with_url["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = reply()
    assert plain["List-Unsubscribe"].startswith("<mailto:replies@acme.localhost?subject=unsubscribe")
    assert plain["List-Unsubscribe-Post"] is None


def test_the_message_id_is_derived_from_the_lead_and_the_message_is_well_formed():
    a, b = reply(), reply("Energetic", "fr")
    assert a["Message-ID"] == b["Message-ID"] == f"<reply.{LEAD}@acme.localhost>"
    again = parse(a.as_bytes())
    assert again.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in again.iter_parts()] == ["text/plain", "text/html"]


def test_a_provider_answer_is_checked_before_rendering():
    ok = ReplyContent.from_json({"subject": "S", "greeting": "Hi", "paragraphs": ["P"], "closing": "C",
                                 "signature": "Acme"})
    assert ok.paragraphs == ("P",)
    for bad in (None, [], {"subject": "S"}, {"subject": "S", "greeting": "", "paragraphs": ["P"], "closing": "C",
                                            "signature": "A"}, {"subject": "S", "greeting": "G", "paragraphs": [],
                                                                "closing": "C", "signature": "A"}):
        with pytest.raises(ValueError):
            ReplyContent.from_json(bad)
