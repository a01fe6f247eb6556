"""The offline lead classifier: language, intent, tone, urgency, confidence and a bilingual summary.

Pure stdlib and deterministic (same message, same answer), so PL/Python can import it and the
sidecar's offline provider wraps it. Language comes from function words (rules, 1.000 on every
held-out set). Intent, tone and urgency come from logistic regressions (lead_model.py, weights in
data/lead_model.json.gz, trained offline by scripts/train_lead_model.py) over word and character
n-grams and the verdicts of the lexicon rules (lead_lexicons.py, lead_synonyms.py), which enter
the model as features: cross-validation decides how far each cue is trusted. Without the weights
file the rules answer alone. See python_udfs/README.md for the model and how to retrain it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lead_lexicons as lx
from . import lead_model
from .lead_synonyms import SYNONYM_CUES

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
    """Compile every pattern and read the model's weights (once per process)."""
    _compiled()
    lead_model.default_models()


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def rule_features(text: str, folded: str) -> list[str]:
    """The rules' verdicts as features of the trained model, which learns how far to trust each.

    Intents with a cue (and the strongest, by score bin), the urgency pressure in bins and the
    rules' urgency, each tone's cue score in bins and the rules' tone.
    """
    feats = []
    scores = score_intents(folded)
    for rank, (intent, score) in enumerate(scores[:3]):
        feats.append(f"r:i={intent}")
        feats.append(f"r:i{_bin(score, (1.5, 3, 5))}={intent}")
        if rank == 0:
            feats.append(f"r:top={intent}")
    matched = bool(scores)
    rule_intent = scores[0][0] if scores else (lx.NOISE_INTENT if len(folded.split()) < 4 else lx.FALLBACK_INTENT)
    tones = tone_scores(text, folded)
    rule_tone = classify_tone(text, folded, tones)
    feats.append(f"r:tone={rule_tone}")
    for tone, score in tones.items():
        if score > 0:
            feats.append(f"r:t{_bin(score, (1.5, 2.5, 4))}={tone}")
    press = pressure(folded, rule_intent in lx.SCHEDULING_INTENTS)
    feats.append(f"r:p{_bin(press, (-1.5, -0.5, 0.5, 1.5, 3))}")
    feats.append("r:u=" + classify_urgency(folded, rule_intent, rule_tone == "Frustrated", matched, press))
    return feats


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


def classify_intent(folded: str, allowed: frozenset[str] | None = None) -> tuple[str, float]:
    """(intent, confidence in 0..1) from the rules alone (used when no trained weights are shipped)."""
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


def pressure(folded: str, scheduling: bool = False) -> float:
    """What the text itself says of time: the weighted urgency cues, negated urgency cut out
    before the raising cues are read ("pas urgent" must not count as "urgent")."""
    _, cues, negated, _ = _compiled()
    unnegated = negated.sub(" ", folded)
    score = sum(w for p, w in cues if p.search(folded if w < 0 else unnegated))
    if re.search(lx.URGENCY_NEAR_TIME, unnegated):
        score += lx.URGENCY_NEAR_TIME_WEIGHT[scheduling]
    return score


def urgency_score(folded: str, intent: str, frustrated: bool, matched: bool = True,
                  press: float | None = None) -> float:
    """The text's pressure plus the intent's prior (and a little for frustration)."""
    score = pressure(folded, intent in lx.SCHEDULING_INTENTS) if press is None else press
    # No intent cue at all (a fallback intent) says nothing about urgency: no prior then.
    score += lx.URGENCY_PRIOR.get(intent, 0) if matched else 0
    return score + (0.5 if frustrated else 0)


def classify_urgency(folded: str, intent: str, frustrated: bool, matched: bool = True,
                     press: float | None = None) -> str:
    """The rules' urgency: the text's pressure and the intent's prior against two thresholds."""
    score = urgency_score(folded, intent, frustrated, matched, press)
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


def classify_tone(text: str, folded: str, scores: dict[str, float] | None = None) -> str:
    scores = dict(tone_scores(text, folded) if scores is None else scores)
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


def argmax(posterior: dict[str, float]) -> str:
    return max(sorted(posterior), key=posterior.get)


_SAYS_URGENT = re.compile(r"\b(urgent|urgente|urgently|urgence|asap|emergency|au plus vite)\b")
_SAYS_RELAXED = re.compile(lead_model.TIME_CUES["relaxed"]
                           + r"|\b(pas|sans|aucune|no|not|non) (d'|de |very |tres )?urgen")
# A need placed today, tomorrow or within hours (the labelling rules' High). "This morning" and
# "ce matin" are left out: in a form message they are mostly the past ("the coffee was cold this
# morning"); so are thanks (Customer Feedback), which look back on the day.
_SAYS_NEAR = re.compile(
    r"\b(today|tonight|tonite|this (afternoon|arvo|evening)|end of (the )?day|by (noon|lunch(time)?)|"
    r"aujourd'hui|aujourdhui|auj|ajd|ce soir|ce midi|cet apres-midi|cet apres midi|cet aprem|d'ici ce soir|"
    r"d'ici midi|avant midi|dans la journee|tomorrow|tomorow|tmrw|tmr|tomoz|demain|dmain|"
    r"(within|d'ici|in|dans) (the next |les prochaines )?(0 |an? |une |few |quelques )?(hour|hours|heure|heures))\b")
_SAYS_MINOR = re.compile(r"\b(pas grave|rien de grave|not a (big|huge) deal|no big deal|no biggie)\b")
_NEAR_EXEMPT = frozenset({"Spam", "Customer Feedback"})


def says_near(folded: str, intent: str) -> bool:
    """A need placed today, tomorrow or within hours, that the sender does not say can wait or is
    minor, and is neither spam nor thanks: High urgency by the labelling rules."""
    return (intent not in _NEAR_EXEMPT and bool(_SAYS_NEAR.search(re.sub(r"\d+", "0", folded)))
            and not _SAYS_RELAXED.search(folded) and not _SAYS_MINOR.search(folded))


def model_answers(message: str, folded: str, models: dict, allowed: frozenset[str] | None) -> dict:
    """intent, tone, urgency and confidence from the trained regressions (lead_model)."""
    buckets = lead_model.hashed(lead_model.features(folded, message, rule_features(message, folded)))
    posteriors = lead_model.joint(models).posteriors(buckets, {"intent": allowed})
    intents = posteriors["intent"]
    if not intents:  # a taxonomy with none of the trained intents: the rules answer alone
        intent, confidence = classify_intent(folded, allowed)
    else:
        intent = argmax(intents)
        confidence = round(min(0.95, max(0.05, intents[intent])), 2)
    tone = argmax(posteriors["tone"])
    urgency = argmax(posteriors["urgency"])
    # The labelling rules, stated once here: spam is never urgent; an urgent tone, or a sender who says
    # in so many words that it is urgent (and not that it is not), is High urgency (49 of the 50
    # labelled messages saying so are High; the fiftieth says "pas d'urgence"); so is a need placed
    # today, tomorrow or within hours, unless the sender says it can wait or is minor (on the five
    # dev sets' 1,297 messages, urgency right 1,071 times without this rule and 1,090 with it).
    if intent == "Spam":
        urgency = "Low"
    elif tone == "Urgent" or (_SAYS_URGENT.search(folded) and not _SAYS_RELAXED.search(folded)):
        urgency = "High"
    elif says_near(folded, intent):
        urgency = "High"
    return {"intent": intent, "confidence": confidence, "tone": tone, "urgency": urgency}


def analyse(message: str, name: str | None = None, language_hint: str | None = None,
            intents: dict[str, str] | None = None, models: dict | None = None,
            labels: dict[str, dict[str, str]] | None = None) -> dict:
    """Analyse one form message.

    intents: the taxonomy {intent_en: intent_fr}; when given, only those intents are returned
    and the French summary uses their labels.
    models: {"intent", "urgency", "tone": lead_model.Linear} or {} for rules only; None uses the
    shipped weights (cross-validation passes models trained on part of the labelled file).
    labels: the French labels of tone and urgency for the French summary (see summarise).
    """
    models = lead_model.default_models() if models is None else models
    message = message or ""
    folded = fold(message)
    allowed = frozenset(intents) if intents else None
    language = detect_language(message, language_hint)
    if all(field in models for field in lead_model.FIELDS):
        answers = model_answers(message, folded, models, allowed)
        intent, confidence, tone, urgency = (answers[k] for k in ("intent", "confidence", "tone", "urgency"))
    else:
        intent, confidence = classify_intent(folded, allowed)
        tone = classify_tone(message, folded)
        urgency = classify_urgency(folded, intent, tone == "Frustrated", confidence > 0.30)
    summary_en, summary_fr = summarise(name, message, intent, urgency, tone, (intents or {}).get(intent), labels)
    return {"language": language, "intent": intent, "tone": tone, "urgency": urgency,
            "confidence": confidence, "summary_en": summary_en, "summary_fr": summary_fr}
