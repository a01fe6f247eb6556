"""The Growth Copilot's recommendations drawn from a client's lead figures.

The figures come from one SQL aggregate (private.growth_brain_figures); this module only tests the
week-over-week change and says which recommendations the numbers call for, each as an English
template and its arguments; the database words them in English and French through the dictionary
(private.store_growth_brain, private.ui_text). Pure stdlib, for PL/Python and the sidecar alike.
Deterministic: same figures, same result.
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


# The texts a client reads, in English, as format() templates (%1$s ... the arguments, %% a percent
# sign): written once here. Their French is written once in the verified dictionary (context
# ui_text, category insight, db/seeds/ui_texts.sql); private.store_growth_brain words both
# languages with private.ui_text, so the French cannot drift from the English here.
# A template may leave an argument out: top_intent's English uses the intent's English name (%1$s),
# its French the French one (%2$s).
TEMPLATES = {
    "top_intent": "%1$s makes up %3$s%% of your leads (%4$s of %5$s): prepare a dedicated reply for it.",
    "high_urgency": "%1$s%% of your leads are urgent (%2$s of %3$s): answer them within the hour.",
    "urgency_rising": "Urgent leads rose by %1$s points this week (p = %2$s): plan more availability.",
    "urgency_falling": "Urgent leads fell by %1$s points this week (p = %2$s): time for longer-term follow-ups.",
    "bilingual_audience": "Your leads write %1$s%% in English and %2$s%% in French: answer each in their language.",
    "low_conversion": "Only %1$s%% of your leads converted (%2$s of %3$s): follow up on the urgent ones first.",
    "strong_conversion": "%1$s%% of your leads converted (%2$s of %3$s): ask the converted ones for referrals.",
    "low_confidence": "The AI is unsure about your leads (average confidence %1$s): correct a few of them, it learns "
                      "from your corrections.",
    "tone_friction": "Many leads sound frustrated or pressed (tone score %1$s/100): reply with a calm, concrete next "
                     "step.",
    "summary_too_few": "Not enough leads yet for recommendations: %1$s of the %2$s needed.",
    "summary_some": "%1$s recommendation(s) from %2$s leads.",
    "summary_none": "No strong pattern in %1$s leads yet: keep going.",
}


def _text(code: str, *args) -> dict:
    """A text to word: its English template and its arguments, as strings (the same in both languages)."""
    return {"text": TEMPLATES[code], "args": [f"{a}" for a in args]}


def _recommendations(f: dict, trend: dict) -> list[dict]:
    """{code, sample_size, text, args} for every rule the figures trigger."""
    n = int(f["total_leads"])
    out = []

    def add(code: str, sample: int, *args) -> None:
        out.append({"code": code, "sample_size": sample} | _text(code, *args))

    intents = f.get("top_intents") or []
    if intents and intents[0]["share"] >= TOP_INTENT_SHARE:
        top = intents[0]
        add("top_intent", n, top["intent"], top.get("intent_fr") or top["intent"], _pct(top["share"]), top["count"], n)
    urgency = f["urgency_distribution"]
    high_share = urgency["high"] / n
    if high_share >= HIGH_URGENCY_SHARE:
        add("high_urgency", n, _pct(high_share), urgency["high"], n)
    if trend["significant"]:
        sample = trend["current_week"]["n"] + trend["previous_week"]["n"]
        change = trend["change_points"]
        p_value = f"{trend['p_value']:.3f}"
        if change > 0:
            add("urgency_rising", sample, change, p_value)
        else:
            add("urgency_falling", sample, -change, p_value)
    ratio = f["language_ratio"]
    if min(ratio["en"], ratio["fr"]) >= BILINGUAL_SHARE:
        add("bilingual_audience", n, f"{ratio['en']:g}", f"{ratio['fr']:g}")
    conversion = f["conversion"]
    rate = conversion["converted"] / n
    if rate < LOW_CONVERSION_RATE:
        add("low_conversion", n, _pct(rate), conversion["converted"], n)
    elif rate >= STRONG_CONVERSION_RATE:
        add("strong_conversion", n, _pct(rate), conversion["converted"], n)
    confidence = f.get("avg_confidence")
    if confidence is not None and confidence < LOW_CONFIDENCE:
        add("low_confidence", f.get("confidence_n", n), f"{confidence:.2f}")
    sentiment = f.get("tone_sentiment_score")
    if sentiment is not None and sentiment < LOW_TONE_SENTIMENT:
        add("tone_friction", n, f"{sentiment:.0f}")
    return out


def growth_insights(figures: dict) -> dict:
    """{urgency_trend, predictive_insights {summary, recommendations, basis}} for the growth_brain row: each
    text as {text: English template, args}, worded in English and French by private.store_growth_brain."""
    t = figures["trend"]
    trend = urgency_trend(int(t["current_n"]), int(t["current_high"]), int(t["previous_n"]), int(t["previous_high"]),
                          None if t.get("change_points") is None else float(t["change_points"]))
    n = int(figures["total_leads"])
    basis = {"total_leads": n, "min_leads": MIN_LEADS_FOR_INSIGHTS, "enough_data": n >= MIN_LEADS_FOR_INSIGHTS}
    if n < MIN_LEADS_FOR_INSIGHTS:
        rules, summary = [], _text("summary_too_few", n, MIN_LEADS_FOR_INSIGHTS)
    else:
        rules = _recommendations(figures, trend)
        summary = _text("summary_some", len(rules), n) if rules else _text("summary_none", n)
    return {"urgency_trend": trend,
            "predictive_insights": {"summary": summary, "recommendations": rules, "basis": basis}}
