"""The offline provider's replies: bilingual templates, one register per email_tone.

Four registers that read differently in both languages (greeting, length, exclamation, tu/vous
is always vous for a first reply). The renderer adds the booking link and the unsubscribe footer
in the same register, so a provider-written reply (OpenAI) ends the same way.
"""

from __future__ import annotations

from .render import ReplyContent

# {name}: the lead's name, {business}: the client's business name, {intent}: the intent's label.
REGISTERS: dict[str, dict[str, dict[str, str]]] = {
    "Professional": {
        "en": {"subject": "Re: your {intent_lower} - {business}", "greeting": "Hello {name},",
               "opener": "Thank you for contacting {business}. We have received your message.",
               "closing": "Best regards,", "booking": "You can book a time with us here:"},
        "fr": {"subject": "Re : votre {intent_lower} - {business}", "greeting": "Bonjour {name},",
               "opener": "Merci d'avoir contacté {business}. Nous avons bien reçu votre message.",
               "closing": "Cordialement,", "booking": "Vous pouvez réserver un créneau ici :"},
    },
    "Friendly": {
        "en": {"subject": "Thanks for reaching out, {name}!", "greeting": "Hi {name}!",
               "opener": "Thanks so much for getting in touch with us at {business} - it's great to hear from you.",
               "closing": "Talk soon,", "booking": "Fancy a quick chat? Grab a slot that suits you:"},
        "fr": {"subject": "Merci pour votre message, {name} !", "greeting": "Salut {name} !",
               "opener": "Merci beaucoup d'avoir écrit à {business}, ça nous fait plaisir d'avoir de vos nouvelles.",
               "closing": "À très vite,", "booking": "Envie d'en discuter ? Choisissez le moment qui vous arrange :"},
    },
    "Formal": {
        "en": {"subject": "Acknowledgement of your {intent_lower} - {business}", "greeting": "Dear {name},",
               "opener": "We acknowledge receipt of your correspondence addressed to {business} and thank you "
                         "for the interest you have shown.",
               "closing": "Yours sincerely,",
               "booking": "Should you wish to arrange an appointment, you may do so at the following address:"},
        "fr": {"subject": "Accusé de réception de votre {intent_lower} - {business}",
               "greeting": "Madame, Monsieur {name},",
               "opener": "Nous accusons réception de votre courrier adressé à {business} et vous remercions de "
                         "l'intérêt que vous nous portez.",
               "closing": "Nous vous prions d'agréer l'expression de nos salutations distinguées,",
               "booking": "Si vous souhaitez convenir d'un rendez-vous, vous pouvez le faire à l'adresse suivante :"},
    },
    "Energetic": {
        "en": {"subject": "Great news, {name} - we're on it!", "greeting": "Hey {name}!",
               "opener": "Awesome - your message just landed at {business} and we're excited to help!",
               "closing": "Cheers and high fives,", "booking": "Let's make it happen - jump into our calendar now:"},
        "fr": {"subject": "Super nouvelle, {name} : on s'en occupe !", "greeting": "Hello {name} !",
               "opener": "Génial : votre message vient d'arriver chez {business} et on a hâte de vous aider !",
               "closing": "À fond avec vous,", "booking": "Passons à l'action : réservez tout de suite un créneau :"},
    },
}

# The answer to the lead's intent, by intent_translations.category (Other/unknown: General).
ANSWERS: dict[str, dict[str, str]] = {
    "Sales": {"en": "A member of our sales team will send you the details and pricing you asked about.",
              "fr": "Un membre de notre équipe commerciale va vous envoyer les détails et les tarifs demandés."},
    "Partnership": {"en": "We are reviewing your partnership proposal and will come back to you with next steps.",
                    "fr": "Nous étudions votre proposition de partenariat et reviendrons vers vous avec la suite."},
    "Support": {"en": "Our support team is looking into the problem you described and will get back to you "
                      "as soon as possible.",
                "fr": "Notre équipe support examine le problème décrit et vous répondra dans les meilleurs délais."},
    "Billing": {"en": "Our billing team is checking your account and will answer your question shortly.",
                "fr": "Notre service facturation vérifie votre compte et répondra rapidement à votre question."},
    "Scheduling": {"en": "We will confirm a time with you for the appointment you requested.",
                   "fr": "Nous allons convenir avec vous d'un horaire pour le rendez-vous demandé."},
    "Recruitment": {"en": "Our team will read your application carefully and reply to you.",
                    "fr": "Notre équipe va lire votre candidature avec attention et vous répondre."},
    "Communications": {"en": "Our communications team will contact you about your request.",
                       "fr": "Notre équipe communication va vous contacter au sujet de votre demande."},
    "Procurement": {"en": "We have passed your offer on to the right person, who will contact you if it fits "
                          "our needs.",
                    "fr": "Nous avons transmis votre offre à la bonne personne, qui vous contactera si elle "
                          "correspond à nos besoins."},
    "General": {"en": "We will read your request and get back to you shortly.",
                "fr": "Nous allons étudier votre demande et revenir vers vous rapidement."},
}


def register(tone: str, language: str) -> dict[str, str]:
    # Keys: the clients.email_tone vocabulary (a CHECK in db/clients.sql); anything else reads Professional.
    registers = REGISTERS.get(tone) or REGISTERS["Professional"]
    return registers.get(language) or registers["en"]


def template_reply(*, name: str, business: str, intent_label: str, category: str | None, tone: str,
                   language: str) -> ReplyContent:
    words = register(tone, language)
    values = {"name": name, "business": business, "intent": intent_label, "intent_lower": intent_label.lower()}
    answer = ANSWERS.get(category or "General", ANSWERS["General"])[language]
    return ReplyContent(subject=words["subject"].format(**values), greeting=words["greeting"].format(**values),
                        paragraphs=(words["opener"].format(**values), answer),
                        closing=words["closing"], signature=business)
