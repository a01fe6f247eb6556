"""Tone of an automatic answer to a contact form: robotic, human or personalized (offline rules).

personalized: it answers the message itself (names the sender or the company, or quotes words of
the submission that a template could not know); robotic: template phrases (do not reply,
ticket number, automated message) or nothing but an acknowledgement; human otherwise (a person's
voice: first person, a signature, a question back). The AI provider may classify instead.
"""

from __future__ import annotations

import re

from .lead_analysis import fold

_ROBOTIC = re.compile(
    r"do not reply|no[- ]?reply|ne pas repondre|ne repondez pas|automated|automatic|automatique|"
    r"ticket|reference number|numero de (reference|dossier)|case number|this mailbox is not monitored|"
    r"we have received your (message|request|inquiry)|nous avons (bien )?recu votre (message|demande)|"
    r"out of (the )?office|absent du bureau|within \d+ (business )?(hours|days)|sous \d+ (heures|jours)")
_HUMAN = re.compile(r"\b(i|i'm|i am|i'll|je|j'ai|je vous|moi)\b|\?|cheers|best regards|cordialement|bien a vous")


def classify(body: str, sender_name: str | None = None, company: str | None = None,
             submission: str | None = None) -> str:
    text = fold(body or "")
    if not text.strip():
        return "robotic"
    for name in (sender_name, company):
        if name and fold(name) in text:
            return "personalized"
    if submission:
        words = {w for w in re.findall(r"[a-z0-9]{6,}", fold(submission))}
        if len(words & set(re.findall(r"[a-z0-9]{6,}", text))) >= 3:
            return "personalized"
    if _ROBOTIC.search(text):
        return "robotic"
    return "human" if _HUMAN.search(text) else "robotic"
