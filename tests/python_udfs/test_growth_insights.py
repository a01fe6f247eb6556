"""python_udfs.growth_insights: the week-over-week test and the recommendations (English templates and
their arguments; the database words them in both languages, tests/pgtap/500_growth_brain.sql)."""

import re

from ui_texts import worded

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


def test_recommendations_are_english_templates_with_their_arguments():
    words = gi.growth_insights(figures())["predictive_insights"]
    codes = [r["code"] for r in words["recommendations"]]
    assert codes == ["top_intent", "high_urgency", "urgency_rising", "bilingual_audience", "low_conversion",
                     "low_confidence"]
    top = words["recommendations"][0]
    assert top["text"] == gi.TEMPLATES["top_intent"] and top["sample_size"] == 40
    # Both names of the intent travel: the English template uses the first, the French one the second.
    assert top["args"] == ["Quote Request", "Demande de devis", "50", "20", "40"]
    assert words["recommendations"][2]["args"][0] == "60.0" and words["recommendations"][5]["args"] == ["0.55"]
    assert all(isinstance(a, str) for r in words["recommendations"] for a in r["args"])
    assert words["summary"] == {"text": gi.TEMPLATES["summary_some"], "args": ["6", "40"]}
    assert words["basis"] == {"total_leads": 40, "min_leads": gi.MIN_LEADS_FOR_INSIGHTS, "enough_data": True}


def test_every_template_names_each_argument_it_is_given():
    """A template's %N$s are 1..k for the k arguments its rule passes (top_intent's English skips the French
    name, %2$s): a wrong number would word a recommendation with the wrong figure."""
    rules = gi.growth_insights(figures())["predictive_insights"]["recommendations"]
    others = figures(conversion={"converted": 30, "n": 40}, tone_sentiment_score=20.0,
                     trend={"current_n": 20, "current_high": 2, "previous_n": 20, "previous_high": 14,
                            "change_points": -60.0})
    rules += gi.growth_insights(others)["predictive_insights"]["recommendations"]
    seen = set()
    for r in rules:
        used = {int(n) for n in re.findall(r"%(\d+)\$s", r["text"])}
        expected = set(range(1, len(r["args"]) + 1)) - ({2} if r["code"] == "top_intent" else set())
        assert used == expected, r
        seen.add(r["code"])
    assert seen == set(gi.TEMPLATES) - {"summary_too_few", "summary_some", "summary_none"}


def test_too_few_leads_say_so_instead_of_recommending():
    words = gi.growth_insights(figures(total=3))["predictive_insights"]
    assert words["recommendations"] == []
    assert words["summary"] == {"text": gi.TEMPLATES["summary_too_few"], "args": ["3", "20"]}


def test_same_figures_same_words():
    assert gi.growth_insights(figures()) == gi.growth_insights(figures())


def test_every_template_has_its_verified_french_in_the_dictionary(conn):
    """Each English template is worded in French by the dictionary (db/seeds/ui_texts.sql): a template
    edited here without its French row would reach a French client in English."""
    for code, template in gi.TEMPLATES.items():
        english, french = worded(conn, template, 5)
        used = set(re.findall(r"<(\d)>", french))
        assert used and used <= set(re.findall(r"<(\d)>", english)) | {"2"}, (code, french)
