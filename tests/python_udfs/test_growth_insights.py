"""python_udfs.growth_insights: the week-over-week test and the bilingual recommendations."""

from python_udfs import growth_insights as gi


def figures(total=40, **overrides):
    base = {
        "total_leads": total,
        "top_intents": [{"intent": "Quote Request", "intent_fr": "Demande de devis", "count": 20, "share": 0.5,
                         "n": total}],
        "urgency_distribution": {"high": 16, "medium": 14, "low": 10, "n": total},
        "trend": {"current_n": 20, "current_high": 14, "previous_n": 20, "previous_high": 2, "change_points": 60.0},
        "language_ratio": {"en": 50.0, "fr": 50.0, "n": total},
        "conversion": {"converted": 1, "n": total},
        "avg_confidence": 0.55, "confidence_n": total, "tone_sentiment_score": 80.0,
    }
    return base | overrides


def test_urgency_trend_significance_by_two_proportion_test():
    trend = gi.urgency_trend(20, 14, 20, 2, 60.0)
    assert trend["significant"] and trend["p_value"] < 0.001
    small = gi.urgency_trend(3, 3, 3, 0, 100.0)
    assert not small["significant"], "fewer than MIN_WEEK_LEADS a week is never significant"
    empty = gi.urgency_trend(0, 0, 5, 1, None)
    assert empty["p_value"] is None and empty["change_points"] is None


def test_recommendations_are_the_same_codes_in_both_languages():
    words = gi.growth_insights(figures())["predictive_insights"]
    codes_en = [r["code"] for r in words["en"]["recommendations"]]
    codes_fr = [r["code"] for r in words["fr"]["recommendations"]]
    assert codes_en == codes_fr
    assert codes_en == ["top_intent", "high_urgency", "urgency_rising", "bilingual_audience", "low_conversion",
                        "low_confidence"]
    assert "Quote Request makes up 50% of your leads (20 of 40)" in words["en"]["recommendations"][0]["text"]
    assert "Demande de devis représente 50 % de vos prospects (20 sur 40)" in words["fr"]["recommendations"][0]["text"]
    assert words["basis"] == {"total_leads": 40, "min_leads": gi.MIN_LEADS_FOR_INSIGHTS, "enough_data": True}


def test_too_few_leads_say_so_instead_of_recommending():
    words = gi.growth_insights(figures(total=3))["predictive_insights"]
    assert words["en"]["recommendations"] == [] and words["fr"]["recommendations"] == []
    assert "3 of the 20 needed" in words["en"]["summary"] and "3 sur les 20" in words["fr"]["summary"]


def test_same_figures_same_words():
    assert gi.growth_insights(figures()) == gi.growth_insights(figures())
