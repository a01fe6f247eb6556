"""The offline lead classifier: language, intent, tone, urgency, confidence and a bilingual summary.

Pure stdlib and deterministic (same message, same answer), so PL/Python can import it and the
sidecar's offline provider wraps it. The cues live in lead_lexicons.py and lead_synonyms.py; a
naive-Bayes model (lead_model.py, trained on data/lead_messages.jsonl) breaks ties and answers
when no cue fired.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lead_lexicons as lx
from . import lead_model
from .lead_synonyms import SYNONYM_CUES

# Weight of the trained model against the rule scores (a rule cue weighs 1 to 3): enough to break
# a tie between near-synonym intents or to answer when no rule fired, not to overrule a clear cue.
MODEL_INTENT_WEIGHT = 1.5
MODEL_GATE_SCORE = 3.0       # rules at or above this, with a clear margin, are trusted alone
MODEL_GATE_MARGIN = 1.5
MODEL_ALONE_POSTERIOR = 0.5  # with no rule cue at all the model must be fairly sure

SUMMARY_EXCERPT_CHARS = 140


def fold(text: str) -> str:
    """Lower-case and strip accents: the form every cue is written in."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _compiled():
    intents = {intent: [(re.compile(p), w) for p, w in cues + SYNONYM_CUES.get(intent, [])]
               for intent, cues in lx.INTENT_CUES.items()}
    urgency = [(re.compile(p), w) for p, w in lx.URGENCY_CUES]
    tones = {tone: [(re.compile(p), w) for p, w in cues] for tone, cues in lx.TONE_CUES.items()}
    return intents, urgency, re.compile(lx.URGENCY_NEGATED), tones


def warm_up() -> None:
    """Compile every pattern and train the model (once per process)."""
    _compiled()
    lead_model.default_models()


def detect_language(text: str, hint: str | None = None) -> str:
    """'en' or 'fr' from function words and French letters; the hint breaks ties.

    The product's one language detector (1.000 on the held-out set): submit_lead stores only the
    language the form gave, and the enrichment writes this answer to lead_memory.language, which
    the replies and later messages to the lead use. The form's language is the hint.
    """
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


def classify_intent(folded: str, allowed: frozenset[str] | None = None,
                    model: lead_model.NaiveBayes | None = None) -> tuple[str, float]:
    """(intent, confidence in 0..1): rule scores plus the model's posterior as a tie-breaker."""
    scores = score_intents(folded, allowed)
    words = len(folded.split())
    top, second = (scores[0][1] if scores else 0.0), (scores[1][1] if len(scores) > 1 else 0.0)
    # The model only speaks where the rules are weak (no unmistakable cue, or a close second).
    if model is not None and words >= 4 and (top < MODEL_GATE_SCORE or top - second < MODEL_GATE_MARGIN):
        posterior = model.posterior(folded, allowed)
        if scores or max(posterior.values(), default=0) >= MODEL_ALONE_POSTERIOR:
            combined = dict(scores)
            for intent, p in posterior.items():
                combined[intent] = combined.get(intent, 0.0) + MODEL_INTENT_WEIGHT * p
            scores = sorted(((i, s) for i, s in combined.items() if s > 0.05), key=lambda item: (-item[1], item[0]))
    if not scores:
        fallback = lx.NOISE_INTENT if words < 4 else lx.FALLBACK_INTENT
        if allowed is not None and fallback not in allowed:
            fallback = sorted(allowed)[0]
        return fallback, 0.30
    (best, top), second = scores[0], scores[1][1] if len(scores) > 1 else 0.0
    evidence = min(1.0, top / 4)          # two or three strong cues make a sure call
    margin = (top - second) / top         # a close second intent lowers the confidence
    return best, round(min(0.95, 0.35 + 0.35 * evidence + 0.25 * margin), 2)


def pressure(folded: str, scheduling: bool = False) -> float:
    """What the text itself says of time: the weighted urgency cues, negated urgency cut out
    before the raising cues are read ("pas urgent" must not count as "urgent")."""
    _, cues, negated, _ = _compiled()
    unnegated = negated.sub(" ", folded)
    score = sum(w for p, w in cues if p.search(folded if w < 0 else unnegated))
    if re.search(lx.URGENCY_NEAR_TIME, unnegated):
        score += lx.URGENCY_NEAR_TIME_WEIGHT[scheduling]
    return score


def urgency_score(folded: str, intent: str, frustrated: bool, matched: bool = True) -> float:
    """The text's pressure plus the intent's prior (and a little for frustration)."""
    score = pressure(folded, intent in lx.SCHEDULING_INTENTS)
    # No intent cue at all (a fallback intent) says nothing about urgency: no prior then.
    score += lx.URGENCY_PRIOR.get(intent, 0) if matched else 0
    return score + (0.5 if frustrated else 0)


def classify_urgency(folded: str, intent: str, frustrated: bool, matched: bool = True) -> str:
    """Rules only: a naive-Bayes urgency model lowered held-out accuracy (0.904 -> 0.873) in
    cross-validation, urgency hangs on a few words (today, not urgent) that the rules read better."""
    score = urgency_score(folded, intent, frustrated, matched)
    if score >= lx.URGENCY_HIGH_AT:
        return "High"
    if score <= lx.URGENCY_LOW_AT:
        return "Low"
    return "Medium"


def tone_scores(text: str, folded: str) -> dict[str, float]:
    """Each tone's weighted cues, plus the shape of the text for Casual (lower case from the
    first letter). Urgency that the text negates ("pas urgent") is no urgent tone."""
    *_, negated, tones = _compiled()
    stripped = negated.sub(" ", folded.strip())
    scores = {tone: sum(w for p, w in cues if p.search(stripped)) for tone, cues in tones.items()}
    raw = text.strip()
    letters = [c for c in raw if c.isalpha()]
    if letters and letters[0].islower():
        scores["Casual"] += lx.TONE_LOWERCASE_START
        if not any(c.isupper() for c in letters):
            scores["Casual"] += lx.TONE_ALL_LOWERCASE
    return scores


def classify_tone(text: str, folded: str) -> str:
    scores = tone_scores(text, folded)
    if scores["Frustrated"] >= lx.TONE_FRUSTRATED_WINS_AT:
        scores["Urgent"] = 0.0  # plain anger with a deadline reads as anger
    heard = [tone for tone in lx.TONE_ORDER if scores[tone] >= lx.TONE_MIN_SCORE[tone]]
    return max(heard, key=lambda tone: (scores[tone], -lx.TONE_ORDER.index(tone))) if heard else lx.DEFAULT_TONE


def excerpt(message: str, limit: int = SUMMARY_EXCERPT_CHARS) -> str:
    """The first sentence (or the start) of the message, on one line."""
    flat = " ".join(message.split())
    first = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def summarise(name: str | None, message: str, intent: str, urgency: str, tone: str,
              intent_fr: str | None = None, labels: dict[str, dict[str, str]] | None = None) -> tuple[str, str]:
    """labels: {"tone": {en: fr}, "urgency": {en: fr}}, the database's French labels (the worker reads
    them through public.translate); lead_lexicons' copies stand in where the database is not at hand."""
    labels = labels or {}
    urgency_fr = labels.get("urgency", {}).get(urgency) or lx.URGENCY_FR[urgency]
    tone_fr = labels.get("tone", {}).get(tone) or lx.TONE_FR[tone]
    who_en = name.strip() if name and name.strip() else "an unnamed contact"
    who_fr = name.strip() if name and name.strip() else "un contact sans nom"
    quote = excerpt(message)
    en = f"{intent} from {who_en} ({urgency} urgency, {tone.lower()} tone): “{quote}”"
    fr = f"{intent_fr or intent} de {who_fr} (urgence {urgency_fr.lower()}, ton {tone_fr.lower()}) : « {quote} »"
    return en, fr


def analyse(message: str, name: str | None = None, language_hint: str | None = None,
            intents: dict[str, str] | None = None, models: dict | None = None,
            labels: dict[str, dict[str, str]] | None = None) -> dict:
    """Analyse one form message.

    intents: the taxonomy {intent_en: intent_fr}; when given, only those intents are returned
    and the French summary uses their labels.
    models: {"intent": NaiveBayes} or {} for rules only; None uses the ones trained on the shipped
    labelled file (cross-validation passes models trained on part of it).
    labels: the French labels of tone and urgency for the French summary (see summarise).
    """
    models = lead_model.default_models() if models is None else models
    message = message or ""
    folded = fold(message)
    allowed = frozenset(intents) if intents else None
    language = detect_language(message, language_hint)
    intent, confidence = classify_intent(folded, allowed, models.get("intent"))
    tone = classify_tone(message, folded)
    urgency = classify_urgency(folded, intent, tone == "Frustrated", confidence > 0.30)
    summary_en, summary_fr = summarise(name, message, intent, urgency, tone, (intents or {}).get(intent), labels)
    return {"language": language, "intent": intent, "tone": tone, "urgency": urgency,
            "confidence": confidence, "summary_en": summary_en, "summary_fr": summary_fr}
