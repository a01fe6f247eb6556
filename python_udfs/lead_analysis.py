"""The offline lead classifier: language, intent, tone, urgency, confidence and a bilingual summary.

Pure stdlib and deterministic (same message, same answer), so PL/Python can import it and the
sidecar's offline provider wraps it. The cues live in lead_lexicons.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lead_lexicons as lx

SUMMARY_EXCERPT_CHARS = 140


def fold(text: str) -> str:
    """Lower-case and strip accents: the form every cue is written in."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _compiled():
    intents = {intent: [(re.compile(p), w) for p, w in cues] for intent, cues in lx.INTENT_CUES.items()}
    high = [re.compile(p) for p in lx.URGENCY_HIGH]
    low = [re.compile(p) for p in lx.URGENCY_LOW]
    tones = [(tone, [re.compile(p) for p in pats]) for tone, pats in lx.TONE_CUES]
    return intents, high, low, re.compile(lx.URGENCY_NEGATED), tones


def warm_up() -> None:
    """Compile every pattern (about 40 ms once per process)."""
    _compiled()


def detect_language(text: str, hint: str | None = None) -> str:
    """'en' or 'fr' from function words and French letters; the hint breaks ties."""
    words = re.findall(r"[a-z']+", fold(text))
    scores = {lang: 0.0 for lang in lx.STOPWORDS}
    for word in words:
        for part in word.split("'"):
            for lang, stop in lx.STOPWORDS.items():
                if part in stop:
                    scores[lang] += 1
        if re.match(r"^(l|d|j|qu|n|m|c|s)'", word):  # French elision: l'offre, d'un, j'ai
            scores["fr"] += 1
    scores["fr"] += 0.5 * sum(text.lower().count(c) for c in lx.FRENCH_LETTERS)
    if scores["fr"] == scores["en"]:
        return hint if hint in ("en", "fr") else "en"
    return "fr" if scores["fr"] > scores["en"] else "en"


def score_intents(folded: str, allowed: frozenset[str] | None = None) -> list[tuple[str, float]]:
    """Every intent with a cue in the text, best first."""
    intents, *_ = _compiled()
    scores = []
    for intent, cues in intents.items():
        if allowed is not None and intent not in allowed:
            continue
        score = sum(w for pattern, w in cues if pattern.search(folded))
        if score > 0:
            scores.append((intent, score))
    scores.sort(key=lambda item: (-item[1], item[0]))
    return scores


def classify_intent(folded: str, allowed: frozenset[str] | None = None) -> tuple[str, float]:
    """(intent, confidence in 0..1)."""
    scores = score_intents(folded, allowed)
    words = len(folded.split())
    if not scores:
        fallback = lx.NOISE_INTENT if words < 4 else lx.FALLBACK_INTENT
        if allowed is not None and fallback not in allowed:
            fallback = sorted(allowed)[0]
        return fallback, 0.30
    (best, top), second = scores[0], scores[1][1] if len(scores) > 1 else 0.0
    evidence = min(1.0, top / 4)          # two or three strong cues make a sure call
    margin = (top - second) / top         # a close second intent lowers the confidence
    return best, round(min(0.95, 0.35 + 0.35 * evidence + 0.25 * margin), 2)


def classify_urgency(folded: str, intent: str, frustrated: bool, matched: bool = True) -> str:
    _, high, low, negated, _ = _compiled()
    lows = sum(1 for p in low if p.search(folded))
    unnegated = negated.sub(" ", folded)
    highs = sum(1 for p in high if p.search(unnegated))
    # No intent cue at all (a fallback intent) says nothing about urgency: no prior then.
    prior = lx.URGENCY_PRIOR.get(intent, 0) if matched else 0
    score = highs - lows + prior + (0.5 if frustrated else 0)
    if score >= 1:
        return "High"
    if score <= -1:
        return "Low"
    return "Medium"


def classify_tone(text: str, folded: str) -> str:
    *_, tones = _compiled()
    stripped = folded.strip()
    for tone, patterns in tones:
        if tone == "Casual" and text.strip() != text.strip().lower():
            # Casual by shape only when written all in lower case; by words always.
            patterns = patterns[:1]
        if tone == "Urgent" and re.search(lx.URGENCY_NEGATED, stripped):
            continue
        if any(p.search(stripped) for p in patterns):
            return tone
    return lx.DEFAULT_TONE


def excerpt(message: str, limit: int = SUMMARY_EXCERPT_CHARS) -> str:
    """The first sentence (or the start) of the message, on one line."""
    flat = " ".join(message.split())
    first = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def summarise(name: str | None, message: str, intent: str, urgency: str, tone: str,
              intent_fr: str | None = None) -> tuple[str, str]:
    who_en = name.strip() if name and name.strip() else "an unnamed contact"
    who_fr = name.strip() if name and name.strip() else "un contact sans nom"
    quote = excerpt(message)
    en = f"{intent} from {who_en} ({urgency} urgency, {tone.lower()} tone): “{quote}”"
    fr = (f"{intent_fr or intent} de {who_fr} (urgence {lx.URGENCY_FR[urgency].lower()}, "
          f"ton {lx.TONE_FR[tone].lower()}) : « {quote} »")
    return en, fr


def analyse(message: str, name: str | None = None, language_hint: str | None = None,
            intents: dict[str, str] | None = None) -> dict:
    """Analyse one form message.

    intents: the taxonomy {intent_en: intent_fr}; when given, only those intents are returned
    and the French summary uses their labels.
    """
    message = message or ""
    folded = fold(message)
    allowed = frozenset(intents) if intents else None
    language = detect_language(message, language_hint)
    intent, confidence = classify_intent(folded, allowed)
    tone = classify_tone(message, folded)
    urgency = classify_urgency(folded, intent, tone == "Frustrated", matched=confidence > 0.30)
    summary_en, summary_fr = summarise(name, message, intent, urgency, tone, (intents or {}).get(intent))
    return {"language": language, "intent": intent, "tone": tone, "urgency": urgency,
            "confidence": confidence, "summary_en": summary_en, "summary_fr": summary_fr}
