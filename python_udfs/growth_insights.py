"""The Growth Copilot's wording: bilingual recommendations drawn from a client's lead figures.

The figures come from one SQL aggregate (private.growth_brain_figures); this module only tests the
week-over-week change and words what the numbers say, the same recommendations in English and
French. Pure stdlib, for PL/Python and the sidecar alike. Deterministic: same figures, same text.
"""

from __future__ import annotations

from . import learning_stats as st

# Below this many analysed leads no recommendation is drawn: the insights say so instead.
MIN_LEADS_FOR_INSIGHTS = 20
# A week-over-week change is called significant at this two-sided p-value, and only when each of
# the two weeks has at least MIN_WEEK_LEADS leads.
TREND_SIGNIFICANCE = 0.05
MIN_WEEK_LEADS = 5

TOP_INTENT_SHARE = 0.25      # an intent this frequent deserves its own reply template
HIGH_URGENCY_SHARE = 0.30    # this many urgent leads: answer within the hour
BILINGUAL_SHARE = 15.0       # percent of the minority language that makes replies in both worth it
LOW_CONVERSION_RATE = 0.05
STRONG_CONVERSION_RATE = 0.20
LOW_CONFIDENCE = 0.60
LOW_TONE_SENTIMENT = 50.0


def urgency_trend(current_n: int, current_high: int, previous_n: int, previous_high: int,
                  change_points: float | None) -> dict:
    """The week-over-week change of the high-urgency share (percentage points, computed in SQL) with
    its two-proportion z-test; no test when a week has no leads."""
    trend = {"current_week": {"n": current_n, "high": current_high},
             "previous_week": {"n": previous_n, "high": previous_high},
             "change_points": change_points, "p_value": None, "significant": False}
    if current_n == 0 or previous_n == 0:
        return trend
    p_value = st.two_proportion_z_test(previous_high, previous_n, current_high, current_n)["p_value"]
    trend["p_value"] = round(p_value, 6)
    trend["significant"] = bool(min(current_n, previous_n) >= MIN_WEEK_LEADS and p_value < TREND_SIGNIFICANCE)
    return trend


def _pct(part: float) -> str:
    return f"{round(100 * part)}"


def _recommendations(f: dict, trend: dict) -> list[tuple[str, int, str, str]]:
    """(code, sample size, English, French) for every rule the figures trigger."""
    n = int(f["total_leads"])
    out = []
    intents = f.get("top_intents") or []
    if intents and intents[0]["share"] >= TOP_INTENT_SHARE:
        top = intents[0]
        out.append(("top_intent", n,
                    f"{top['intent']} makes up {_pct(top['share'])}% of your leads ({top['count']} of {n}): "
                    "prepare a dedicated reply for it.",
                    f"{top.get('intent_fr') or top['intent']} représente {_pct(top['share'])} % de vos prospects "
                    f"({top['count']} sur {n}) : préparez une réponse dédiée."))
    urgency = f["urgency_distribution"]
    high_share = urgency["high"] / n
    if high_share >= HIGH_URGENCY_SHARE:
        out.append(("high_urgency", n,
                    f"{_pct(high_share)}% of your leads are urgent ({urgency['high']} of {n}): answer them within "
                    "the hour.",
                    f"{_pct(high_share)} % de vos prospects sont urgents ({urgency['high']} sur {n}) : répondez-leur "
                    "dans l'heure."))
    if trend["significant"]:
        sample = trend["current_week"]["n"] + trend["previous_week"]["n"]
        change = trend["change_points"]
        if change > 0:
            out.append(("urgency_rising", sample,
                        f"Urgent leads rose by {change} points this week (p = {trend['p_value']:.3f}): plan more "
                        "availability.",
                        f"Les prospects urgents ont augmenté de {change} points cette semaine "
                        f"(p = {trend['p_value']:.3f}) : prévoyez plus de disponibilité."))
        else:
            out.append(("urgency_falling", sample,
                        f"Urgent leads fell by {-change} points this week (p = {trend['p_value']:.3f}): time for "
                        "longer-term follow-ups.",
                        f"Les prospects urgents ont baissé de {-change} points cette semaine "
                        f"(p = {trend['p_value']:.3f}) : le moment des relances de fond."))
    ratio = f["language_ratio"]
    if min(ratio["en"], ratio["fr"]) >= BILINGUAL_SHARE:
        out.append(("bilingual_audience", n,
                    f"Your leads write {ratio['en']:g}% in English and {ratio['fr']:g}% in French: answer each in "
                    "their language.",
                    f"Vos prospects écrivent à {ratio['en']:g} % en anglais et à {ratio['fr']:g} % en français : "
                    "répondez à chacun dans sa langue."))
    conversion = f["conversion"]
    rate = conversion["converted"] / n
    if rate < LOW_CONVERSION_RATE:
        out.append(("low_conversion", n,
                    f"Only {_pct(rate)}% of your leads converted ({conversion['converted']} of {n}): follow up on "
                    "the urgent ones first.",
                    f"Seuls {_pct(rate)} % de vos prospects ont converti ({conversion['converted']} sur {n}) : "
                    "relancez d'abord les plus urgents."))
    elif rate >= STRONG_CONVERSION_RATE:
        out.append(("strong_conversion", n,
                    f"{_pct(rate)}% of your leads converted ({conversion['converted']} of {n}): ask the converted "
                    "ones for referrals.",
                    f"{_pct(rate)} % de vos prospects ont converti ({conversion['converted']} sur {n}) : "
                    "demandez des recommandations aux clients convertis."))
    confidence = f.get("avg_confidence")
    if confidence is not None and confidence < LOW_CONFIDENCE:
        out.append(("low_confidence", f.get("confidence_n", n),
                    f"The AI is unsure about your leads (average confidence {confidence:.2f}): correct a few of "
                    "them, it learns from your corrections.",
                    f"L'IA hésite sur vos prospects (confiance moyenne {confidence:.2f}) : corrigez-en "
                    "quelques-uns, elle apprend de vos corrections."))
    sentiment = f.get("tone_sentiment_score")
    if sentiment is not None and sentiment < LOW_TONE_SENTIMENT:
        out.append(("tone_friction", n,
                    f"Many leads sound frustrated or pressed (tone score {sentiment:.0f}/100): reply with a calm, "
                    "concrete next step.",
                    f"Beaucoup de prospects semblent pressés ou mécontents (score de ton {sentiment:.0f}/100) : "
                    "répondez par une étape concrète et apaisante."))
    return out


def growth_insights(figures: dict) -> dict:
    """{urgency_trend, predictive_insights {en, fr, basis}} for the growth_brain row."""
    t = figures["trend"]
    trend = urgency_trend(int(t["current_n"]), int(t["current_high"]), int(t["previous_n"]), int(t["previous_high"]),
                          None if t.get("change_points") is None else float(t["change_points"]))
    n = int(figures["total_leads"])
    basis = {"total_leads": n, "min_leads": MIN_LEADS_FOR_INSIGHTS, "enough_data": n >= MIN_LEADS_FOR_INSIGHTS}
    if n < MIN_LEADS_FOR_INSIGHTS:
        en = {"summary": f"Not enough leads yet for recommendations: {n} of the {MIN_LEADS_FOR_INSIGHTS} needed.",
              "recommendations": []}
        fr = {"summary": f"Pas encore assez de prospects pour des recommandations : {n} sur les "
                         f"{MIN_LEADS_FOR_INSIGHTS} nécessaires.",
              "recommendations": []}
    else:
        rules = _recommendations(figures, trend)
        en = {"summary": f"{len(rules)} recommendation(s) from {n} leads." if rules
              else f"No strong pattern in {n} leads yet: keep going.",
              "recommendations": [{"code": c, "sample_size": s, "text": e} for c, s, e, _ in rules]}
        fr = {"summary": f"{len(rules)} recommandation(s) tirée(s) de {n} prospects." if rules
              else f"Pas de tendance nette sur {n} prospects pour l'instant : continuez.",
              "recommendations": [{"code": c, "sample_size": s, "text": f} for c, s, _, f in rules]}
    return {"urgency_trend": trend, "predictive_insights": {"en": en, "fr": fr, "basis": basis}}
